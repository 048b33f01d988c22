import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src-main/api/config-schema.ts';
import { ConfigFile } from '../../../src-main/engine/config/config-file.ts';
import { parseConfig, parseConfigText } from '../../../src-main/engine/config/parse-config.ts';
import {
  maskSecrets,
  restoreStoredSecrets,
  unresolvedStoredSecrets,
} from '../../../src-main/engine/config/secret-masking.ts';
import { resolveSecret } from '../../../src-main/engine/config/secrets.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

const tempDir = temporaryDirs();

const issueExample = {
  monitors: [
    {
      id: 'callbacks',
      name: 'Callback endpoint',
      type: 'callback-health',
      url: 'http://127.0.0.1:8080/health/callbacks',
      intervalSeconds: 60,
      timeoutMs: 5000,
    },
    {
      id: 'api',
      type: 'http',
      url: 'https://example.com/health',
      intervalSeconds: 30,
      expectStatus: [200],
      latencyWarnMs: 500,
    },
    {
      id: 'balance',
      type: 'balance',
      provider: 'captchaai',
      baseUrl: 'https://ocr.captchaai.com',
      apiKey: { env: 'CAPTCHAAI_API_KEY' },
      intervalSeconds: 300,
      warnBelow: 10,
      criticalBelow: 2,
    },
    { id: 'worker', type: 'heartbeat', periodSeconds: 60, graceSeconds: 30 },
  ],
  alerts: { failThreshold: 2, recoverThreshold: 2, cooldownSeconds: 300 },
  notifications: {
    desktop: true,
    discord: { webhookUrl: 'https://discord.com/api/webhooks/123/abc', mention: '<@&123456789>' },
  },
};

const valid = (v: unknown): Config => {
  const r = parseConfig(v);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};

describe('config validation', () => {
  it('accepts the documented example and fills in defaults', () => {
    const config = valid(issueExample);
    expect(config.monitors.map((m) => m.type)).toEqual(['callback-health', 'http', 'balance', 'heartbeat']);
    const [callbacks, api] = config.monitors;
    expect(callbacks).toMatchObject({
      errorRateCritical: 0.05,
      p95WarnMs: 1000,
      staleWarnSeconds: 300,
      enabled: true,
    });
    expect(api).toMatchObject({ method: 'GET', maxRedirects: 5, maxBodyBytes: 1_048_576 });
    expect(config.history).toEqual({ rawDays: 7, minuteRollupDays: 30, hourRollupDays: 400 });
  });

  it('gives an empty file a working default config', () => {
    const config = valid({});
    expect(config.monitors).toEqual([]);
    expect(config.alerts).toEqual({ failThreshold: 2, recoverThreshold: 2, cooldownSeconds: 300 });
    expect(config.notifications.desktop).toBe(true);
  });

  const monitor = (extra: Record<string, unknown>) => ({
    monitors: [{ id: 'm', type: 'http', url: 'http://x.test', ...extra }],
  });

  it.each([
    [monitor({ intervalSeconds: 0 }), 'monitors[0].intervalSeconds', 'must be ≥ 1'],
    [monitor({ intervalSeconds: '30' }), 'monitors[0].intervalSeconds', 'must be a number'],
    [monitor({ url: 'ftp://x' }), 'monitors[0].url', 'must be an http:// or https:// URL'],
    [monitor({ url: undefined }), 'monitors[0].url', 'is required'],
    [
      monitor({ type: 'ping' }),
      'monitors[0].type',
      'must be one of http, callback-health, balance, heartbeat, tcp',
    ],
    [
      monitor({ id: 'has space' }),
      'monitors[0].id',
      'must be 1–64 letters, digits, "-", "_" or "." (no spaces)',
    ],
    [monitor({ intervalSecond: 5 }), 'monitors[0]', 'unknown field "intervalSecond"'],
    [monitor({ expectStatus: [700] }), 'monitors[0].expectStatus[0]', 'must be an HTTP status (100–599)'],
    [
      {
        monitors: [
          { id: 'b', type: 'balance', provider: 'captchaai', apiKey: 'k', warnBelow: 1, criticalBelow: 5 },
        ],
      },
      'monitors[0].criticalBelow',
      'must be ≤ warnBelow',
    ],
    [
      { monitors: [{ id: 'b', type: 'balance', provider: 'captchaai' }] },
      'monitors[0].apiKey',
      'is required',
    ],
    [
      { monitors: [{ id: 'b', type: 'balance', provider: 'captchaai', apiKey: { env: 'no spaces' } }] },
      'monitors[0].apiKey.env',
      'must be an environment variable name',
    ],
    [
      { monitors: [{ id: 'b', type: 'balance', provider: 'captchaai', apiKey: 42 }] },
      'monitors[0].apiKey',
      'must be a non-empty string or { "env": "VARIABLE_NAME" }',
    ],
    [{ alerts: { failThreshold: 0 } }, 'alerts.failThreshold', 'must be ≥ 1'],
    [{ alerts: 'often' }, 'alerts', 'must be an object'],
    [
      {
        notifications: {
          discord: { webhookUrl: 'https://discord.com/api/webhooks/1/x', mention: '@everyone' },
        },
      },
      'notifications.discord.mention',
      'must be a role or user mention such as <@&123456789012345678>',
    ],
    [
      { notifications: { discord: { webhookUrl: 'discord.com/api/webhooks/1/secret-token' } } },
      'notifications.discord.webhookUrl',
      'must be an http:// or https:// URL',
    ],
    [
      { notifications: { webhook: { url: 'ftp://example.com/hook' } } },
      'notifications.webhook.url',
      'must be an http:// or https:// URL',
    ],
    [
      { notifications: { discord: { webhookUrl: 'https://example.com/not-a-webhook' } } },
      'notifications.discord.webhookUrl',
      'must be on discord.com (or discordapp.com)',
    ],
    [
      { notifications: { discord: { webhookUrl: 'https://discord.com/channels/1/2' } } },
      'notifications.discord.webhookUrl',
      'must have the path /api/webhooks/<id>/<token>',
    ],
  ])('refuses %j at %s', (input, path, message) => {
    const r = parseConfig(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toContainEqual({ path, message });
  });

  it('refuses duplicate monitor ids, pointing at the second one', () => {
    const r = parseConfig({
      monitors: [
        { id: 'a', type: 'heartbeat', periodSeconds: 60 },
        { id: 'a', type: 'heartbeat', periodSeconds: 60 },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toEqual([{ path: 'monitors[1].id', message: 'duplicates monitors[0].id "a"' }]);
  });

  it('reports malformed JSON as a readable problem, not an exception', () => {
    const r = parseConfigText('{ "monitors": [ }');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/^invalid JSON: /);
  });
});

describe('secrets', () => {
  it('resolves env secrets and names the variable when it is missing, never a value', () => {
    expect(resolveSecret('inline', {})).toBe('inline');
    expect(resolveSecret({ env: 'KEY' }, { KEY: 'value' })).toBe('value');
    expect(() => resolveSecret({ env: 'KEY' }, {})).toThrow('environment variable KEY is not set');
  });

  it('masks inline secrets, keeps env references, and restores masked ones by monitor id on save', () => {
    const current = valid({
      monitors: [{ id: 'bal', type: 'balance', provider: 'captchaai', apiKey: 'k-123456' }],
      notifications: { discord: { webhookUrl: 'https://discord.com/api/webhooks/1/tok' } },
    });
    const masked = maskSecrets(current);
    expect(JSON.stringify(masked)).not.toContain('k-123456');
    expect(JSON.stringify(masked)).not.toContain('tok');
    const next = valid(masked);
    const restored = restoreStoredSecrets(next, current);
    expect(restored.monitors[0]).toMatchObject({ apiKey: 'k-123456' });
    expect(restored.notifications.discord?.webhookUrl).toBe('https://discord.com/api/webhooks/1/tok');
    expect(unresolvedStoredSecrets(restored)).toEqual([]);

    const renamed = valid({
      monitors: [{ id: 'other', type: 'balance', provider: 'captchaai', apiKey: { stored: true } }],
    });
    expect(unresolvedStoredSecrets(restoreStoredSecrets(renamed, current))).toEqual(['monitors[0].apiKey']);
    const env = valid({
      monitors: [{ id: 'bal', type: 'balance', provider: 'captchaai', apiKey: { env: 'K' } }],
    });
    expect(maskSecrets(env).monitors?.[0]).toMatchObject({ apiKey: { env: 'K' } });
    const moved = valid({
      monitors: [
        {
          id: 'bal',
          type: 'balance',
          provider: 'captchaai',
          baseUrl: 'http://attacker.test',
          apiKey: { stored: true },
        },
      ],
    });
    // A stored key is never sent somewhere new: changing the base URL means entering the key again.
    expect(unresolvedStoredSecrets(restoreStoredSecrets(moved, current))).toEqual(['monitors[0].apiKey']);
  });
});

describe('config file', () => {
  it('treats a missing file as an empty config and writes atomically with owner-only permissions', () => {
    const path = join(tempDir(), 'config.json');
    const file = new ConfigFile(path);
    const loaded = file.load();
    expect(loaded.ok && loaded.config.monitors).toEqual([]);
    file.save(valid(issueExample));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = file.load();
    expect(again.ok && again.config.monitors.length).toBe(4);
  });

  it('reports a corrupt file instead of throwing', () => {
    const path = join(tempDir(), 'config.json');
    writeFileSync(path, '{"monitors": [');
    const loaded = new ConfigFile(path).load();
    expect(loaded.ok).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('{"monitors": [');
  });
});
