import type { ConfigInput, Secret } from '../../../src-main/engine/config/schema.ts';

const STORED: Secret = { stored: true };

/**
 * The config as an export file. The API never hands out secret values, so a file can hold at most
 * environment-variable references: with `includeSecrets` they are kept, without it every secret is
 * written as `{ "stored": true }` (importing the file here keeps the current secrets).
 */
export function exportConfig(config: ConfigInput, includeSecrets: boolean): ConfigInput {
  const keep = (s: Secret): Secret => (includeSecrets && typeof s === 'object' && 'env' in s ? s : STORED);
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
