import type { Config, ConfigInput, Secret } from './schema.ts';

const isStored = (s: Secret): s is { stored: true } => typeof s === 'object' && 'stored' in s;

/** Applies `f` to every secret in a config (keeping its place), so masking and restoring can't miss one. */
function mapSecrets(
  config: Config,
  f: (secret: Secret, path: string, monitorId: string | null) => Secret,
): Config {
  const { discord, webhook } = config.notifications;
  return {
    ...config,
    monitors: config.monitors.map((m, i) =>
      m.type === 'balance' ? { ...m, apiKey: f(m.apiKey, `monitors[${i}].apiKey`, m.id) } : m,
    ),
    notifications: {
      ...config.notifications,
      ...(discord && {
        discord: { ...discord, webhookUrl: f(discord.webhookUrl, 'notifications.discord.webhookUrl', null) },
      }),
      ...(webhook && {
        webhook: {
          url: f(webhook.url, 'notifications.webhook.url', null),
          ...(webhook.secret && { secret: f(webhook.secret, 'notifications.webhook.secret', null) }),
        },
      }),
    },
  };
}

/** The same secret in the current config: by monitor id for API keys, by path for channels. */
function secretAt(config: Config, path: string, monitorId: string | null): Secret | undefined {
  if (monitorId !== null) {
    const m = config.monitors.find((x) => x.id === monitorId);
    return m?.type === 'balance' ? m.apiKey : undefined;
  }
  const { discord, webhook } = config.notifications;
  if (path === 'notifications.discord.webhookUrl') return discord?.webhookUrl;
  if (path === 'notifications.webhook.url') return webhook?.url;
  return webhook?.secret;
}

/** The config as the API shows it: inline secrets become `{ "stored": true }`; env references stay. */
export function maskSecrets(config: Config): ConfigInput {
  return mapSecrets(config, (s) => (typeof s === 'string' ? { stored: true } : s));
}

/**
 * Replaces `{ "stored": true }` in an incoming config with the secret already stored for the same
 * monitor id (or the same channel), so a masked config can be edited and saved back.
 */
export function restoreStoredSecrets(next: Config, current: Config): Config {
  return mapSecrets(next, (s, path, monitorId) => {
    if (!isStored(s)) return s;
    // A stored API key goes only where it went before: same provider, same base URL.
    if (monitorId !== null) {
      const before = current.monitors.find((m) => m.id === monitorId);
      const after = next.monitors.find((m) => m.id === monitorId);
      if (before?.type !== 'balance' || after?.type !== 'balance') return s;
      if (before.provider !== after.provider || (before.baseUrl ?? '') !== (after.baseUrl ?? '')) return s;
    }
    return secretAt(current, path, monitorId) ?? s;
  });
}

/** Every `{ "stored": true }` left after restoring: a masked secret with nothing behind it. */
export function unresolvedStoredSecrets(config: Config): string[] {
  const paths: string[] = [];
  mapSecrets(config, (s, path) => {
    if (isStored(s)) paths.push(path);
    return s;
  });
  return paths;
}

/** Every secret's value that can be resolved now, for scrubbing text before it is stored or shown. */
export function secretValues(config: Config, resolve: (s: Secret) => string | null): string[] {
  const values: string[] = [];
  mapSecrets(config, (s) => {
    const v = resolve(s);
    if (v) {
      values.push(v);
      // A webhook URL's last path segment is its token; mask it even when shown without the rest.
      const token = /\/api\/webhooks\/\d+\/([^/?#]+)/.exec(v)?.[1];
      if (token) values.push(token);
    }
    return s;
  });
  return values;
}
