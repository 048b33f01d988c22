import { afterEach, describe, expect, it } from 'vitest';
import { BalanceMonitorSchema, type BalanceProvider } from '../../../src-main/api/config-schema.ts';
import { probeBalance } from '../../../src-main/engine/probes/balance.ts';
import type { ProbeContext } from '../../../src-main/engine/probes/probe-context.ts';
import type { Sample } from '../../../src-main/engine/sample.ts';
import {
  type FakeCaptchaAi,
  type FakeCaptchaAiMode,
  startFakeCaptchaAi,
} from '../../../src-main/fakes/captchaai-server.ts';
import { listenLoopback } from '../../../src-main/fakes/loopback-server.ts';
import { httpClientForFile, NOW, probeContext } from './probe-test-context.ts';

const KEY = 'sk-live-4f9c2e7a1b3d5f60';
const H = 3_600_000;
const http = httpClientForFile();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function fake(): Promise<FakeCaptchaAi> {
  const f = await startFakeCaptchaAi({ validKeys: [KEY], balance: 8.42 });
  cleanups.push(() => f.close());
  return f;
}

const monitor = (
  baseUrl: string,
  provider: BalanceProvider = 'captchaai',
  extra: Record<string, unknown> = {},
) =>
  BalanceMonitorSchema.parse({
    id: 'balance',
    type: 'balance',
    provider,
    baseUrl,
    apiKey: KEY,
    timeoutMs: 2000,
    ...extra,
  });

const check = (baseUrl: string, provider?: BalanceProvider, ctx: Partial<ProbeContext> = {}) =>
  probeBalance(monitor(baseUrl, provider), probeContext(http, ctx));

const reading = (hoursAgo: number, balance: number): Sample => ({
  monitorId: 'balance',
  time: NOW - hoursAgo * H,
  status: 'up',
  latencyMs: 40,
  values: { balance },
});

describe('balance probe', () => {
  it.each(['captchaai', '2captcha', 'anti-captcha', 'capmonster'] as const)(
    'reads the balance from %s',
    async (provider) => {
      const f = await fake();
      const sample = await check(f.url, provider);
      expect(sample).toMatchObject({
        monitorId: 'balance',
        time: NOW,
        status: 'up',
        httpStatus: 200,
        values: { balance: 8.42, burn_per_hour: null, hours_to_empty: null },
      });
      expect(sample.error).toBeUndefined();
      expect(f.calls).toBe(1);
    },
  );

  it('reads a balance sent as a string', async () => {
    const f = await fake();
    f.setBalance('12.34');
    expect((await check(f.url)).values.balance).toBe(12.34);
  });

  it('computes burn rate and time to empty from recent readings', async () => {
    const f = await fake();
    f.setBalance(8);
    const recent = [reading(1, 9), reading(2, 10), { ...reading(3, 0), values: {} }];
    const sample = await check(f.url, 'captchaai', { recent });
    expect(sample.values).toEqual({ balance: 8, burn_per_hour: 1, hours_to_empty: 8 });
  });

  it('ignores spend before a top-up', async () => {
    const f = await fake();
    f.setBalance(47);
    const recent = [reading(1, 48), reading(2, 50), reading(3, 1), reading(4, 5)];
    const sample = await check(f.url, 'captchaai', { recent });
    expect(sample.values).toMatchObject({ burn_per_hour: 1.5, hours_to_empty: 31.3333 });
  });

  it('reports a rejected key as key-rejected with the provider code', async () => {
    const f = await fake();
    f.validKeys.clear();
    const sample = await check(f.url);
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'key-rejected',
      error: 'API key rejected by captchaai (ERROR_WRONG_USER_KEY)',
      values: { error_code: 'ERROR_WRONG_USER_KEY' },
    });
    expect(sample.values.balance).toBeUndefined();
  });

  it('reports a rejected key on the getBalance protocol', async () => {
    const f = await fake();
    f.validKeys.clear();
    const sample = await check(f.url, 'capmonster');
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'key-rejected',
      values: { error_code: 'ERROR_KEY_DOES_NOT_EXIST' },
    });
  });

  it.each([
    [
      'ERROR_IP_NOT_ALLOWED',
      'captchaai does not accept requests from this IP address (ERROR_IP_NOT_ALLOWED)',
    ],
    ['ERROR_ACCOUNT_SUSPENDED', 'the captchaai account is suspended (ERROR_ACCOUNT_SUSPENDED)'],
  ])('explains the provider error %s', async (code, error) => {
    const f = await fake();
    f.setError(code);
    expect(await check(f.url)).toMatchObject({
      status: 'down',
      errorKind: 'provider',
      error,
      values: { error_code: code },
    });
  });

  it.each([
    ['garbage', 'captchaai', 'bad-body', 'balance is not a number: "abc"'],
    ['garbage', 'anti-captcha', 'bad-body', 'balance is not a number: "abc"'],
    ['broken-json', 'captchaai', 'bad-body', 'expected a balance from captchaai, got malformed JSON'],
    ['html', 'captchaai', 'http-status', 'HTTP 502 from captchaai'],
    ['huge', 'captchaai', 'too-large', 'response body exceeds 64 KiB'],
  ] as const)('fails mode %s of %s with %s', async (mode, provider, errorKind, error) => {
    const f = await fake();
    f.setMode(mode);
    expect(await check(f.url, provider)).toMatchObject({ status: 'down', errorKind, error });
  });

  const ZEROS = '0'.repeat(400);
  it.each([
    ['captchaai', `{"status":1,"request":"1${ZEROS}"}`, 'an amount that is not a finite number: "1000000'],
    ['captchaai', '{"status":1,"request":1e309}', 'an amount that is not a finite number: Infinity'],
    ['captchaai', '{"status":1,"request":"NaN"}', 'balance is not a number: "NaN"'],
    ['captchaai', '{"status":1,"request":""}', 'balance is not a number: ""'],
    ['captchaai', '{"status":1}', 'the captchaai balance API answered {"status":1} without an amount'],
    ['2captcha', `{"status":1,"request":"-1${ZEROS}.5"}`, 'not a finite number: "-100000'],
    ['anti-captcha', '{"errorId":0,"balance":1e309}', 'an amount that is not a finite number: Infinity'],
    ['capmonster', '{"errorId":0}', 'the capmonster balance API answered {"errorId":0} without an amount'],
  ] as const)('fails a %s answer %s with a readable reason and no balance', async (provider, body, error) => {
    const f = await fake();
    f.setAnswer(body);
    const sample = await check(f.url, provider);
    expect(sample).toMatchObject({ status: 'down', errorKind: 'bad-body' });
    expect(sample.error).toContain(error);
    expect(sample.error).not.toMatch(/undefined|null/);
    expect(sample.error?.length).toBeLessThan(120);
    expect(sample.values.balance).toBeUndefined();
  });

  it('fails a provider that never answers with a timeout', async () => {
    const f = await fake();
    f.setMode('hang');
    const sample = await probeBalance(monitor(f.url, 'captchaai', { timeoutMs: 300 }), probeContext(http));
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'timeout',
      error: 'no response within 300 ms',
    });
  });

  it('reports a missing environment variable as a config error without calling the provider', async () => {
    const f = await fake();
    const m = monitor(f.url, 'captchaai', { apiKey: { env: 'SOLVEWATCH_TEST_MISSING_KEY' } });
    const sample = await probeBalance(m, probeContext(http, { env: {} }));
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'config',
      error: 'apiKey: environment variable SOLVEWATCH_TEST_MISSING_KEY is not set',
      latencyMs: null,
    });
    expect(f.calls).toBe(0);
  });

  it('reads the key from the environment', async () => {
    const f = await fake();
    const m = monitor(f.url, 'captchaai', { apiKey: { env: 'CAPTCHA_KEY' } });
    expect(await probeBalance(m, probeContext(http, { env: { CAPTCHA_KEY: KEY } }))).toMatchObject({
      status: 'up',
    });
  });
});

describe('balance probe: the API key never leaks', () => {
  /** A hostile provider that echoes the request back in every way it can. */
  async function echoingProvider(behaviour: 'error' | 'html' | 'redirect' | 'number') {
    const s = await listenLoopback((req, res) => {
      const seen = `${req.url} ${decodeURIComponent(req.url ?? '')}`;
      if (behaviour === 'redirect') {
        res.writeHead(302, { location: req.url ?? '/' });
        return res.end();
      }
      if (behaviour === 'html') {
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end(`<html>upstream failed for ${seen}</html>`);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      const request = behaviour === 'number' ? seen : 'ERROR_WRONG_USER_KEY';
      res.end(
        JSON.stringify({ status: behaviour === 'number' ? 1 : 0, request, error_text: `bad key ${seen}` }),
      );
    });
    cleanups.push(() => s.close());
    return s.origin;
  }

  const scenarios: Array<[string, () => Promise<string>, BalanceProvider?]> = [
    ['success', async () => (await fake()).url],
    [
      'wrong key',
      async () => {
        const f = await fake();
        f.validKeys.clear();
        return f.url;
      },
    ],
    ...(['garbage', 'broken-json', 'html', 'huge'] as FakeCaptchaAiMode[]).map(
      (mode): [string, () => Promise<string>] => [
        mode,
        async () => {
          const f = await fake();
          f.setMode(mode);
          return f.url;
        },
      ],
    ),
    ['echoed error', () => echoingProvider('error')],
    ['echoed HTML', () => echoingProvider('html')],
    ['echoed balance', () => echoingProvider('number')],
    ['redirect loop', () => echoingProvider('redirect')],
    [
      'anti-captcha wrong key',
      async () => {
        const f = await fake();
        f.validKeys.clear();
        return f.url;
      },
      'anti-captcha',
    ],
    [
      'refused',
      async () => {
        const s = await listenLoopback(() => {});
        await s.close();
        return s.origin;
      },
    ],
    ['unknown host', async () => `http://${KEY}.invalid`],
    ['credentials in the base URL', async () => `http://user:${KEY}@127.0.0.1:1`],
  ];

  it.each(scenarios)('keeps the key out of the sample: %s', async (_name, start, provider = 'captchaai') => {
    const baseUrl = await start();
    const sample = await check(baseUrl, provider);
    const serialized = JSON.stringify(sample);
    expect(serialized).not.toContain(KEY);
    expect(serialized).not.toContain(encodeURIComponent(KEY));
  });
});
