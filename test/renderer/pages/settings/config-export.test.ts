import { describe, expect, it } from 'vitest';
import { exportConfig, storedPlaceholders } from '../../../../src-renderer/pages/settings/config-export.ts';
import { namedImportIssues } from '../../../../src-renderer/pages/settings/import-issues.ts';

const config = {
  monitors: [
    { id: 'a', type: 'balance' as const, provider: 'captchaai' as const, apiKey: { stored: true as const } },
    { id: 'b', type: 'balance' as const, provider: '2captcha' as const, apiKey: { env: 'TWOCAPTCHA_KEY' } },
  ],
  notifications: {
    discord: { webhookUrl: { env: 'DISCORD_URL' }, mention: '<@&123456789012345678>' },
    webhook: { url: { stored: true as const }, secret: { env: 'HOOK_SECRET' } },
  },
};

describe('exporting the config', () => {
  it('writes every secret as { stored: true } by default', () => {
    const out = exportConfig(config, false);
    expect(out.monitors?.map((m) => (m.type === 'balance' ? m.apiKey : null))).toEqual([
      { stored: true },
      { stored: true },
    ]);
    expect(out.notifications?.discord).toEqual({
      webhookUrl: { stored: true },
      mention: '<@&123456789012345678>',
    });
    expect(out.notifications?.webhook).toEqual({ url: { stored: true }, secret: { stored: true } });
  });

  it('keeps environment references when secrets are included; stored values stay stored', () => {
    const out = exportConfig(config, true);
    expect(out.monitors?.map((m) => (m.type === 'balance' ? m.apiKey : null))).toEqual([
      { stored: true },
      { env: 'TWOCAPTCHA_KEY' },
    ]);
    expect(out.notifications?.discord?.webhookUrl).toEqual({ env: 'DISCORD_URL' });
    expect(out.notifications?.webhook).toEqual({ url: { stored: true }, secret: { env: 'HOOK_SECRET' } });
  });
});

describe('exporting text secrets the API shows as "<stored>"', () => {
  const withTextSecrets = {
    monitors: [
      {
        id: 'h',
        type: 'http' as const,
        url: 'https://solver.example/status',
        headers: { Authorization: '<stored>', Accept: 'application/json' },
      },
      { id: 'beat', type: 'heartbeat' as const, periodSeconds: 60, token: '<stored>' },
    ],
  };

  it('keeps them as "<stored>": the engine restores them here and asks for them elsewhere', () => {
    const out = exportConfig(withTextSecrets, true);
    expect(out.monitors?.[0]).toMatchObject({
      headers: { Authorization: '<stored>', Accept: 'application/json' },
    });
    expect(out.monitors?.[1]).toMatchObject({ token: '<stored>' });
    expect(storedPlaceholders(out)).toEqual(['monitors[0].headers.Authorization', 'monitors[1].token']);
  });
});

describe('a file to import', () => {
  it('names every secret that is only a placeholder', () => {
    expect(
      storedPlaceholders({
        monitors: [
          { id: 'h', headers: { Authorization: '<stored>', Accept: 'text/plain' } },
          { id: 'b', apiKey: { stored: true } },
          { id: 'c', apiKey: { env: 'KEY' } },
        ],
        notifications: { discord: { webhookUrl: { stored: true }, mention: 'stored' } },
      }),
    ).toEqual([
      'monitors[0].headers.Authorization',
      'monitors[1].apiKey',
      'notifications.discord.webhookUrl',
    ]);
  });

  it('names none when every secret has a value', () => {
    expect(storedPlaceholders({ monitors: [{ id: 'c', apiKey: 'abc', token: 'real-token' }] })).toEqual([]);
  });
});

describe('import issues', () => {
  it('name the monitor they are about, not its index', () => {
    const file = {
      monitors: [{ id: 'a', name: 'Solver' }, { id: 'local-api', name: 'Local API' }, { id: 'x' }],
    };
    expect(
      namedImportIssues(
        [
          { path: 'monitors[1].url', message: 'must be an http:// or https:// URL' },
          { path: 'monitors[2]', message: 'unknown type' },
          { path: 'notifications.groupWindowSeconds', message: 'must be ≤ 60' },
        ],
        file,
      ),
    ).toEqual([
      { path: 'monitor "Local API": url', message: 'must be an http:// or https:// URL' },
      { path: 'monitor "x"', message: 'unknown type' },
      { path: 'notifications.groupWindowSeconds', message: 'must be ≤ 60' },
    ]);
  });
});

describe('exporting a config that came with its secret values (desktop app)', () => {
  const full = {
    monitors: [
      { id: 'a', type: 'balance' as const, provider: 'captchaai' as const, apiKey: 'key-1234' },
      {
        id: 'r',
        type: 'webhook-receiver' as const,
        url: 'https://hooks.example/in',
        signingSecret: { env: 'RECEIVER_SECRET' },
      },
      { id: 'p', type: 'pipeline' as const, signingSecret: 'whsec-5678', token: 'pipeline-token' },
    ],
    notifications: {
      webhook: { url: 'https://hooks.example/out', secret: 'hmac-9012', minSeverity: 'critical' as const },
    },
  };

  it('keeps every value and the channel routing, and env references only when asked', () => {
    const out = exportConfig(full, false);
    expect(out.monitors?.[0]).toMatchObject({ apiKey: 'key-1234' });
    expect(out.monitors?.[1]).toMatchObject({ signingSecret: { stored: true } });
    expect(out.monitors?.[2]).toMatchObject({ signingSecret: 'whsec-5678', token: 'pipeline-token' });
    expect(out.notifications?.webhook).toEqual({
      url: 'https://hooks.example/out',
      secret: 'hmac-9012',
      minSeverity: 'critical',
    });
    expect(exportConfig(full, true).monitors?.[1]).toMatchObject({
      signingSecret: { env: 'RECEIVER_SECRET' },
    });
  });
});
