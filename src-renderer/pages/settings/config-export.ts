import type { ConfigInput, Secret } from '../../../src-main/api/config-schema.ts';

const STORED: Secret = { stored: true };
/** How the API shows a secret kept in a plain-text field (a secret header value, a heartbeat token). */
const STORED_TEXT = '<stored>';

/**
 * The config as an export file. The API never hands out secret values, so a file can hold at most
 * environment-variable references: with `keepEnvReferences` they are kept, without it every secret is
 * written as `{ "stored": true }`, and secret header values and heartbeat tokens stay "<stored>":
 * importing the file here keeps the current secrets; elsewhere the engine refuses them by field.
 */
export function exportConfig(config: ConfigInput, keepEnvReferences: boolean): ConfigInput {
  const keep = (s: Secret): Secret => (keepEnvReferences && typeof s === 'object' && 'env' in s ? s : STORED);
  const n = config.notifications;
  return {
    ...config,
    monitors: (config.monitors ?? []).map((m) =>
      m.type === 'balance' ? { ...m, apiKey: keep(m.apiKey) } : m,
    ),
    ...(n && {
      notifications: {
        ...n,
        ...(n.discord && { discord: { ...n.discord, webhookUrl: keep(n.discord.webhookUrl) } }),
        ...(n.webhook && {
          webhook: { url: keep(n.webhook.url), ...(n.webhook.secret && { secret: keep(n.webhook.secret) }) },
        }),
      },
    }),
  };
}

export const exportFileName = (now: Date): string =>
  `solvewatch-config-${now.toISOString().slice(0, 10)}.json`;

/**
 * Where a file to import holds a secret as only a placeholder ("<stored>" or `{ "stored": true }`):
 * such a secret keeps a value only on the computer that stored it.
 */
export function storedPlaceholders(value: unknown, path = ''): string[] {
  if (value === STORED_TEXT) return [path];
  if (typeof value !== 'object' || value === null) return [];
  if (
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    (value as { stored?: unknown }).stored === true
  )
    return [path];
  return Object.entries(value).flatMap(([key, v]) =>
    storedPlaceholders(v, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key),
  );
}
