import type { ConfigInput, Secret } from '../../../src-main/api/config-schema.ts';

const STORED: Secret = { stored: true };
/** How the API shows a secret kept in a plain-text field (a secret header value, a heartbeat token). */
const STORED_TEXT = '<stored>';

/**
 * The config as an export file. From `getConfig` it holds no secret value (inline secrets come as
 * `{ "stored": true }`, secret header values and heartbeat tokens as "<stored>"): importing the file
 * here keeps the current secrets; elsewhere the engine refuses them by field. From
 * `exportConfigWithSecrets` (the desktop app, after the user confirmed) the values are kept as they are.
 * Environment-variable references are kept with `keepEnvReferences`, else written as `{ "stored": true }`.
 */
export function exportConfig(config: ConfigInput, keepEnvReferences: boolean): ConfigInput {
  const keep = (s: Secret): Secret =>
    typeof s === 'string' || (keepEnvReferences && 'env' in s) ? s : STORED;
  const n = config.notifications;
  return {
    ...config,
    monitors: (config.monitors ?? []).map((m) => {
      if (m.type === 'balance') return { ...m, apiKey: keep(m.apiKey) };
      if (m.type === 'webhook-receiver') return { ...m, signingSecret: keep(m.signingSecret) };
      if (m.type === 'pipeline' && m.signingSecret) return { ...m, signingSecret: keep(m.signingSecret) };
      return m;
    }),
    ...(n && {
      notifications: {
        ...n,
        ...(n.discord && { discord: { ...n.discord, webhookUrl: keep(n.discord.webhookUrl) } }),
        ...(n.webhook && {
          webhook: {
            ...n.webhook,
            url: keep(n.webhook.url),
            ...(n.webhook.secret && { secret: keep(n.webhook.secret) }),
          },
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
