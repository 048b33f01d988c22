import type { ConfigInput, Secret } from '../../../src-main/engine/config/schema.ts';

const STORED: Secret = { stored: true };
/** How the API shows a secret kept in a plain-text field (a secret header value, a heartbeat token). */
export const STORED_TEXT = '<stored>';

type MonitorInput = NonNullable<ConfigInput['monitors']>[number];

/** Leaves out text secrets shown as "<stored>": written to a file they would become the literal token. */
function dropStoredText(m: MonitorInput): MonitorInput {
  if ((m.type === 'http' || m.type === 'callback-health') && m.headers) {
    const headers = Object.fromEntries(Object.entries(m.headers).filter(([, v]) => v !== STORED_TEXT));
    return { ...m, headers };
  }
  if (m.type === 'heartbeat' && m.token === STORED_TEXT) {
    const { token: _stored, ...rest } = m;
    return rest;
  }
  return m;
}

/**
 * The config as an export file. The API never hands out secret values, so a file can hold at most
 * environment-variable references: with `includeSecrets` they are kept, without it every secret is
 * written as `{ "stored": true }` (importing the file here keeps the current secrets). Secret header
 * values and heartbeat tokens are left out.
 */
export function exportConfig(config: ConfigInput, includeSecrets: boolean): ConfigInput {
  const keep = (s: Secret): Secret => (includeSecrets && typeof s === 'object' && 'env' in s ? s : STORED);
  const n = config.notifications;
  return {
    ...config,
    monitors: (config.monitors ?? []).map((m) =>
      m.type === 'balance' ? { ...m, apiKey: keep(m.apiKey) } : dropStoredText(m),
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
