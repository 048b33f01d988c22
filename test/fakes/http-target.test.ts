import { afterEach, describe, expect, it } from 'vitest';
import { type HttpTarget, startHttpTarget } from '../../src-main/fakes/http-target.ts';

const targets: HttpTarget[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((t) => t.close()));
});

async function start(initial?: Parameters<typeof startHttpTarget>[0]) {
  const t = await startHttpTarget(initial);
  targets.push(t);
  return t;
}

describe('http target', () => {
  it('answers {"status":"ok"} by default and records requests', async () => {
    const t = await start();
    const res = await fetch(`${t.url}health?x=1`, {
      method: 'POST',
      body: 'hello',
      headers: { 'x-id': '7' },
    });
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(t.calls).toBe(1);
    expect(t.requests[0]).toMatchObject({
      method: 'POST',
      path: '/health?x=1',
      body: 'hello',
      headers: { 'x-id': '7' },
    });
  });

  it('serves the scripted response, per path when given', async () => {
    const t = await start();
    t.setResponse({ status: 500, body: 'boom', headers: { 'X-Reason': 'test' } });
    t.setResponse({ status: 200, body: { ready: true } }, '/ready');
    const boom = await fetch(`${t.url}anything`);
    expect([boom.status, boom.headers.get('x-reason'), await boom.text()]).toEqual([500, 'test', 'boom']);
    expect(await (await fetch(`${t.url}ready`)).json()).toEqual({ ready: true });
  });

  it('sends 204 without a body', async () => {
    const t = await start({ status: 204 });
    const res = await fetch(t.url);
    expect([res.status, await res.text()]).toEqual([204, '']);
  });

  it('closes while a delayed answer is pending', async () => {
    const t = await start({ delayMs: 60_000 });
    const pending = fetch(t.url).then(
      () => 'answered',
      () => 'failed',
    );
    while (t.calls === 0) await new Promise((r) => setTimeout(r, 5));
    await t.close();
    expect(await pending).toBe('failed');
  });
});
