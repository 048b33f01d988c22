import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorStatus, StateSnapshot } from '../../src-main/api/contract.ts';
import { serveOnLoopback } from '../support/serve-on-loopback.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const API_KEY = 'SECRETKEY0123456789abcdef';
const tempDir = temporaryDirs();
const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function start() {
  const dataDir = tempDir();
  const { headless } = await serveOnLoopback(dataDir, {
    alerts: { failThreshold: 1 },
    notifications: { groupWindowSeconds: 0 },
    monitors: [
      { id: 'nightly', type: 'heartbeat', periodSeconds: 3600, intervalSeconds: 3600 },
      // Only here so its key is a secret the engine masks.
      {
        id: 'balance',
        type: 'balance',
        provider: 'captchaai',
        apiKey: API_KEY,
        intervalSeconds: 86_400,
        enabled: false,
      },
    ],
  });
  stops.push(() => headless.stop());
  const base = headless.server.url;
  const auth = { authorization: `Bearer ${headless.token}` };
  const push = async (path: string, body?: string) => {
    const res = await fetch(base + path, { method: body === undefined ? 'GET' : 'POST', body });
    await res.text();
    return res.status;
  };
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return res.json() as Promise<unknown>;
  };
  /** The monitor once its check ran (the push starts one; this one waits for it to be done). */
  const nightly = async (): Promise<MonitorStatus> => {
    await api('POST', '/api/check', { id: 'nightly' });
    const state = (await api('GET', '/api/state')) as StateSnapshot;
    return state.monitors.find((m) => m.id === 'nightly') as MonitorStatus;
  };
  const transitions = async () => {
    const overview = (await api('GET', '/api/alerts')) as {
      transitions: { kind: string; message: string }[];
    };
    return overview.transitions;
  };
  return { push, nightly, transitions };
}

describe('serve: heartbeat pushes that say more', () => {
  it('/fail is critical at once, with the message and the API key masked, and alerts', async () => {
    const t = await start();
    expect(await t.push('/push/nightly')).toBe(200);
    expect((await t.nightly()).state).toBe('ok');
    expect(await t.push(`/push/nightly/fail?msg=${encodeURIComponent(`key ${API_KEY} refused`)}`)).toBe(200);
    const m = await t.nightly();
    expect(m.state).toBe('critical');
    expect(m.error).toBe('the job reported a failure: key *** refused');
    expect(m.values.message).toBe('key *** refused');
    const fired = (await t.transitions()).find((e) => e.kind === 'fired');
    expect(fired?.message).toContain('the job reported a failure');
    expect(fired?.message).not.toContain(API_KEY);
  });

  it('takes an exit status with a text body as the message', async () => {
    const t = await start();
    expect(await t.push('/push/nightly/3', 'pg_dump: connection refused\n')).toBe(200);
    const m = await t.nightly();
    expect(m).toMatchObject({
      state: 'critical',
      error: 'the job reported a failure (exit status 3): pg_dump: connection refused',
      values: { exit_status: 3, message: 'pg_dump: connection refused' },
    });
    expect(await t.push('/push/nightly/0')).toBe(200);
    expect((await t.nightly()).state).toBe('ok');
  });

  it('times a run from /start to the next success as run_seconds', async () => {
    const t = await start();
    expect(await t.push('/push/nightly/start')).toBe(200);
    expect(await t.push('/push/nightly', 'done')).toBe(200);
    const m = await t.nightly();
    expect(m.state).toBe('ok');
    expect(m.values.run_seconds).toBeGreaterThanOrEqual(0);
    expect(m.values.message).toBe('done');
  });

  it('refuses a push path that is neither a signal nor an exit status', async () => {
    const t = await start();
    expect(await t.push('/push/nightly/256')).toBe(404);
    expect(await t.push('/push/nightly/later')).toBe(404);
    expect(await t.push('/push/unknown/fail')).toBe(404);
  });
});
