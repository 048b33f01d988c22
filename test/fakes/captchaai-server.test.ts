import { afterEach, describe, expect, it } from 'vitest';
import {
  FAKE_CAPTCHAAI_KEY,
  type FakeCaptchaAi,
  startFakeCaptchaAi,
} from '../../src-main/fakes/captchaai-server.ts';

const fakes: FakeCaptchaAi[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function start(options?: Parameters<typeof startFakeCaptchaAi>[0]) {
  const f = await startFakeCaptchaAi(options);
  fakes.push(f);
  return f;
}

async function get(url: string) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

const balanceUrl = (f: FakeCaptchaAi, key: string, json = true) =>
  `${f.url}/res.php?key=${encodeURIComponent(key)}&action=getbalance${json ? '&json=1' : ''}`;

describe('fake CaptchaAI', () => {
  it('answers getbalance as JSON with json=1 and as plain text without', async () => {
    const f = await start({ balance: 12.34 });
    expect(await get(balanceUrl(f, FAKE_CAPTCHAAI_KEY))).toMatchObject({
      status: 200,
      type: 'application/json',
      text: '{"status":1,"request":"12.34"}',
    });
    expect((await get(balanceUrl(f, FAKE_CAPTCHAAI_KEY, false))).text).toBe('12.34');
    expect(f.calls).toBe(2);
  });

  it('rejects unknown keys and follows validKeys changes', async () => {
    const f = await start();
    expect((await get(balanceUrl(f, 'other'))).text).toBe('{"status":0,"request":"ERROR_WRONG_USER_KEY"}');
    expect((await get(balanceUrl(f, 'other', false))).text).toBe('ERROR_WRONG_USER_KEY');
    f.validKeys.add('other');
    expect((await get(balanceUrl(f, 'other'))).text).toBe('{"status":1,"request":"25.5"}');
  });

  it('forces an error code until cleared', async () => {
    const f = await start();
    f.setError('ERROR_IP_NOT_ALLOWED');
    expect((await get(balanceUrl(f, FAKE_CAPTCHAAI_KEY))).text).toBe(
      '{"status":0,"request":"ERROR_IP_NOT_ALLOWED"}',
    );
    f.setError(null);
    f.setBalance('3.10');
    expect((await get(balanceUrl(f, FAKE_CAPTCHAAI_KEY))).text).toBe('{"status":1,"request":"3.10"}');
  });

  it('answers the anti-captcha getBalance protocol', async () => {
    const f = await start({ balance: 3.4 });
    const post = async (body: string) =>
      (await fetch(`${f.url}/getBalance`, { method: 'POST', body })).json();
    expect(await post(JSON.stringify({ clientKey: FAKE_CAPTCHAAI_KEY }))).toEqual({
      errorId: 0,
      balance: 3.4,
    });
    expect(await post(JSON.stringify({ clientKey: 'nope' }))).toMatchObject({
      errorId: 1,
      errorCode: 'ERROR_KEY_DOES_NOT_EXIST',
    });
    expect(await post('not json')).toMatchObject({ errorId: 1 });
  });

  it.each([
    ['garbage', 200, '{"status":1,"request":"abc"}'],
    ['broken-json', 200, '{"status":1,"request":"12.'],
  ] as const)('misbehaves in mode %s', async (mode, status, text) => {
    const f = await start();
    f.setMode(mode);
    expect(await get(balanceUrl(f, FAKE_CAPTCHAAI_KEY))).toMatchObject({ status, text });
  });

  it('serves an HTML 502 page in html mode', async () => {
    const f = await start();
    f.setMode('html');
    const res = await get(balanceUrl(f, FAKE_CAPTCHAAI_KEY));
    expect(res).toMatchObject({ status: 502, type: 'text/html' });
    expect(res.text).toContain('<title>502 Bad Gateway</title>');
  });

  it('streams more than 1 MiB in huge mode', async () => {
    const f = await start();
    f.setMode('huge');
    expect((await get(balanceUrl(f, FAKE_CAPTCHAAI_KEY))).text.length).toBeGreaterThan(1_048_576);
  });

  it('closes while a request hangs', async () => {
    const f = await start();
    f.setMode('hang');
    const pending = fetch(balanceUrl(f, FAKE_CAPTCHAAI_KEY)).then(
      () => 'answered',
      () => 'failed',
    );
    while (f.calls === 0) await new Promise((r) => setTimeout(r, 5));
    await f.close();
    expect(await pending).toBe('failed');
  });

  it('answers other paths with 404 without counting them', async () => {
    const f = await start();
    expect((await get(`${f.url}/in.php`)).status).toBe(404);
    expect(f.calls).toBe(0);
  });
});
