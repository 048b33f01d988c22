import type { Config, ConfigInput, Secret } from './schema.ts';

/** The config as the API shows it: inline secrets become `{ "stored": true }`; env references stay. */
export function maskSecrets(config: Config): ConfigInput {
  const mask = (s: Secret): Secret => (typeof s === 'string' ? { stored: true } : s);
  return {
    ...config,
    monitors: config.monitors.map((m) => (m.type === 'balance' ? { ...m, apiKey: mask(m.apiKey) } : m)),
    notifications: {
      ...config.notifications,
      ...(config.notifications.discord && {
        discord: {
          ...config.notifications.discord,
          webhookUrl: mask(config.notifications.discord.webhookUrl),
        },
      }),
    },
  };
}

/**
 * Replaces `{ "stored": true }` in an incoming config with the secret already stored for the same
 * monitor id (or the same Discord channel), so a masked config can be edited and saved back.
 */
export function restoreStoredSecrets(next: Config, current: Config): Config {
  const keep = (s: Secret, old: Secret | undefined): Secret =>
    typeof s === 'object' && 'stored' in s && old !== undefined ? old : s;
  const currentById = new Map(current.monitors.map((m) => [m.id, m]));
  return {
    ...next,
    monitors: next.monitors.map((m) => {
      if (m.type !== 'balance') return m;
      const old = currentById.get(m.id);
      return { ...m, apiKey: keep(m.apiKey, old?.type === 'balance' ? old.apiKey : undefined) };
    }),
    notifications: {
      ...next.notifications,
      ...(next.notifications.discord && {
        discord: {
          ...next.notifications.discord,
          webhookUrl: keep(next.notifications.discord.webhookUrl, current.notifications.discord?.webhookUrl),
        },
      }),
    },
  };
}

/** Every `{ "stored": true }` left after restoring: a masked secret with nothing behind it. */
export function unresolvedStoredSecrets(config: Config): string[] {
  const isStored = (s: Secret) => typeof s === 'object' && 'stored' in s;
  const paths: string[] = [];
  config.monitors.forEach((m, i) => {
    if (m.type === 'balance' && isStored(m.apiKey)) paths.push(`monitors[${i}].apiKey`);
  });
  const d = config.notifications.discord;
  if (d && isStored(d.webhookUrl)) paths.push('notifications.discord.webhookUrl');
  return paths;
}
