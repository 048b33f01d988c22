import { describe, expect, it } from 'vitest';
import { exportConfig } from '../../../../src-renderer/pages/settings/config-export.ts';

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
