import type { Config, ConfigInput, MonitorConfig, Secret } from '../../api/config-schema.ts';

/** Shown instead of a secret kept in a plain-text field (a header value, a heartbeat token). */
export const STORED_TEXT = '<stored>';
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|x-api-key|api-key|apikey)$|token|secret|key|pass/i;

/** Applies `f` to every plain-text secret of a monitor: secret-looking header values and the heartbeat token. */
function mapTextSecrets(
  m: MonitorConfig,
  f: (value: string, path: string) => string,
  at: string,
): MonitorConfig {
  if (m.type === 'http' || m.type === 'callback-health') {
    const headers = Object.fromEntries(
      Object.entries(m.headers).map(([k, v]) => [k, SECRET_HEADER.test(k) ? f(v, `${at}.headers.${k}`) : v]),
    );
    return { ...m, headers };
  }
  if ((m.type === 'heartbeat' || m.type === 'pipeline') && m.token) {
    return { ...m, token: f(m.token, `${at}.token`) };
  }
  return m;
}

/** The same plain-text secret in the current config: same monitor id, type and target. */
function textSecretAt(current: Config, next: MonitorConfig, path: string): string | undefined {
  const old = current.monitors.find((m) => m.id === next.id);
  if (!old || old.type !== next.type) return undefined;
  if ((old.type === 'http' || old.type === 'callback-health') && 'url' in next) {
    if (new URL(old.url).origin !== new URL(next.url).origin) return undefined;
    return old.headers[path.slice(path.indexOf('.headers.') + 9)];
  }
  return old.type === 'heartbeat' || old.type === 'pipeline' ? old.token : undefined;
}

const isStored = (s: Secret): s is { stored: true } => typeof s === 'object' && 'stored' in s;

/** Applies `f` to every secret in a config (keeping its place), so masking and restoring can't miss one. */
function mapSecrets(
  config: Config,
  f: (secret: Secret, path: string, monitorId: string | null) => Secret,
): Config {
  const { discord, webhook } = config.notifications;
  return {
    ...config,
    monitors: config.monitors.map((m, i) => {
      if (m.type === 'balance') return { ...m, apiKey: f(m.apiKey, `monitors[${i}].apiKey`, m.id) };
      if (m.type === 'webhook-receiver') {
        return { ...m, signingSecret: f(m.signingSecret, `monitors[${i}].signingSecret`, m.id) };
      }
      if (m.type === 'pipeline' && m.signingSecret) {
        return { ...m, signingSecret: f(m.signingSecret, `monitors[${i}].signingSecret`, m.id) };
      }
      return m;
    }),
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

/** The same secret in the current config: by monitor id for API keys and signing secrets, by path for channels. */
function secretAt(config: Config, path: string, monitorId: string | null): Secret | undefined {
  if (monitorId !== null) {
    const m = config.monitors.find((x) => x.id === monitorId);
    if (m?.type === 'balance') return m.apiKey;
    return m?.type === 'pipeline' || m?.type === 'webhook-receiver' ? m.signingSecret : undefined;
  }
  const { discord, webhook } = config.notifications;
  if (path === 'notifications.discord.webhookUrl') return discord?.webhookUrl;
  if (path === 'notifications.webhook.url') return webhook?.url;
  return webhook?.secret;
}

/** The config as the API shows it: inline secrets become `{ "stored": true }`; env references stay. */
export function maskSecrets(config: Config): ConfigInput {
  const masked = mapSecrets(config, (s) => (typeof s === 'string' ? { stored: true } : s));
  return {
    ...masked,
    monitors: masked.monitors.map((m, i) => mapTextSecrets(m, () => STORED_TEXT, `monitors[${i}]`)),
  };
}

/**
 * Replaces `{ "stored": true }` in an incoming config with the secret already stored for the same
 * monitor id (or the same channel), so a masked config can be edited and saved back.
 */
export function restoreStoredSecrets(next: Config, current: Config): Config {
  const monitors = next.monitors.map((m, i) =>
    mapTextSecrets(
      m,
      (v, path) => (v === STORED_TEXT ? (textSecretAt(current, m, path) ?? v) : v),
      `monitors[${i}]`,
    ),
  );
  return mapSecrets({ ...next, monitors }, (s, path, monitorId) => {
    if (!isStored(s)) return s;
    // A stored API key goes only where it went before: same provider, same base URL.
    if (monitorId !== null) {
      const before = current.monitors.find((m) => m.id === monitorId);
      const after = next.monitors.find((m) => m.id === monitorId);
      if (before?.type !== after?.type) return s;
      if (before?.type === 'balance' && after?.type === 'balance') {
        if (before.provider !== after.provider || (before.baseUrl ?? '') !== (after.baseUrl ?? '')) return s;
      } else if (before?.type === 'webhook-receiver' && after?.type === 'webhook-receiver') {
        // A receiver's secret goes only to the same endpoint: a changed URL must be given it again.
        if (new URL(before.url).origin !== new URL(after.url).origin) return s;
      } else if (before?.type !== 'pipeline') return s;
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
  config.monitors.forEach((m, i) => {
    mapTextSecrets(
      m,
      (v, path) => {
        if (v === STORED_TEXT) paths.push(path);
        return v;
      },
      `monitors[${i}]`,
    );
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
  for (const m of config.monitors) {
    mapTextSecrets(
      m,
      (v) => {
        if (v.length >= 4) values.push(v.replace(/^(Bearer|Basic|Token)\s+/i, ''));
        return v;
      },
      '',
    );
  }
  return values;
}
