import { afterEach, describe, expect, it } from 'vitest';
import { serveOnLoopback } from '../support/serve-on-loopback.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

const KEY = 'server-side-captchaai-key-0123456789';
const HOOK = 'http://127.0.0.1:9/api/webhooks/123456789012345678/server-side-token';

describe('serve: exporting the config', () => {
  it('refuses to hand out secret values, confirmed or not, and says where they can be had', async () => {
    const lines: string[] = [];
    const { headless } = await serveOnLoopback(
      tempDir(),
      {
        monitors: [
          { id: 'bal', type: 'balance', provider: 'captchaai', baseUrl: 'http://127.0.0.1:9', apiKey: KEY },
        ],
        notifications: { discord: { webhookUrl: HOOK } },
      },
      { log: (line) => lines.push(line) },
    );
    stops.push(() => headless.stop());
    const post = async (body: unknown) => {
      const res = await fetch(`${headless.server.url}/api/config/export-with-secrets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${headless.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, text: await res.text() };
    };

    const refused = await post({ confirmed: true });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toMatchObject({
      error: expect.stringContaining('secret values are exported only by the desktop app'),
    });
    expect((await post({})).status).toBe(400);

    const host = await fetch(`${headless.server.url}/api/host`, {
      headers: { authorization: `Bearer ${headless.token}` },
    });
    expect(await host.json()).not.toHaveProperty('secretExport');
    const everything = [refused.text, ...lines].join('\n');
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain('server-side-token');
  });
});
