import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { StateSnapshot } from '../../src-main/api/contract.ts';
import { type FakeDiscord, startFakeDiscord } from '../../src-main/fakes/discord-server.ts';
import { type HttpTarget, startHttpTarget } from '../../src-main/fakes/http-target.ts';
import { serveOnLoopback } from '../support/serve-on-loopback.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start() {
  const target: HttpTarget = await startHttpTarget();
  const discord: FakeDiscord = await startFakeDiscord();
  cleanups.push(
    () => target.close(),
    () => discord.close(),
  );
  const dataDir = tempDir();
  const { headless, configPath } = await serveOnLoopback(dataDir, {
    alerts: { failThreshold: 1, recoverThreshold: 1 },
    notifications: { groupWindowSeconds: 0, desktop: false, discord: { webhookUrl: discord.webhookUrl() } },
    monitors: [
      { id: 'api', name: 'Payments API', type: 'http', url: `${target.url}api`, intervalSeconds: 3600 },
      { id: 'canary', name: 'Canary', type: 'http', url: `${target.url}canary`, intervalSeconds: 3600 },
    ],
  });
  cleanups.push(() => headless.stop());
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(headless.server.url + path, {
      method,
      headers: {
        authorization: `Bearer ${headless.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: path === '/metrics' ? text : (JSON.parse(text) as unknown) };
  };
  const check = (id: string) => call('POST', '/api/check', { id });
  const inMaintenance = async () =>
    ((await call('GET', '/api/state')).body as StateSnapshot).monitors.map((m) => [
      m.id,
      m.maintenance ?? false,
    ]);
  const metric = async (monitor: string) => {
    const text = (await call('GET', '/metrics')).body as string;
    return new RegExp(
      `^solvewatch_monitor_maintenance\\{monitor="${monitor}",type="http"\\} (\\d)$`,
      'm',
    ).exec(text)?.[1];
  };
  /** The texts Discord received, once at least `n` arrived (bounded wait: the outbox sends in the background). */
  const discordTexts = async (n: number) => {
    for (let i = 0; i < 200 && discord.received.length < n; i++) await new Promise((r) => setTimeout(r, 25));
    return discord.received.map((m) => JSON.stringify(m.body));
  };
  return { target, call, check, inMaintenance, metric, discordTexts, configPath };
}

describe('serve: maintenance windows', () => {
  it('POST /api/maintenance mutes a failing monitor; DELETE ends the window and it is told once', async () => {
    const t = await start();
    const started = await t.call('POST', '/api/maintenance', {
      name: 'Deploy',
      monitors: ['api'],
      minutes: 30,
    });
    expect(started.status).toBe(200);
    const window = started.body as { id: string; name: string };
    expect(window).toMatchObject({ name: 'Deploy', monitors: ['api'] });
    expect(JSON.parse(readFileSync(t.configPath, 'utf8')).maintenance).toEqual([window]);
    expect(await t.inMaintenance()).toEqual([
      ['api', true],
      ['canary', false],
    ]);
    expect([await t.metric('api'), await t.metric('canary')]).toEqual(['1', '0']);

    t.target.setResponse({ status: 500 }, '/api');
    await t.check('api');
    await t.check('api');
    t.target.setResponse({ status: 500 }, '/canary');
    await t.check('canary');
    // One lane per channel sends in order: had the API's alert been queued, it would have arrived first.
    const during = await t.discordTexts(1);
    expect(during).toHaveLength(1);
    expect(during[0]).toContain('Canary');
    expect(during[0]).not.toContain('Payments API');

    expect(await t.call('DELETE', `/api/maintenance/${window.id}`)).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect(await t.inMaintenance()).toEqual([
      ['api', false],
      ['canary', false],
    ]);
    expect(await t.metric('api')).toBe('0');
    await t.check('api');
    await t.check('api');
    t.target.setResponse({ status: 200 }, '/canary');
    await t.check('canary');
    const after = await t.discordTexts(3);
    expect(after).toHaveLength(3);
    expect(after[1]).toContain('Payments API');
    expect(after[2]).toContain('Canary');
  });

  it('answers bad maintenance requests with field errors and 404', async () => {
    const t = await start();
    const unknown = await t.call('POST', '/api/maintenance', { monitors: ['nope'], minutes: 10 });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('unknown monitor \\"nope\\"');
    expect((await t.call('POST', '/api/maintenance', { minutes: 0 })).status).toBe(400);
    expect((await t.call('DELETE', '/api/maintenance/nope')).status).toBe(404);
    expect(JSON.parse(readFileSync(t.configPath, 'utf8')).maintenance).toBeUndefined();
  });
});
