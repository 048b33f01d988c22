import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src-main/api/config-schema.ts';
import { dispatch } from '../../src-main/api/dispatch.ts';
import { desktopHarness } from './desktop-harness.ts';

const { start } = desktopHarness();
const SECRET = 'whsec_desktop_0123456789';
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
});

const config = (monitors: ConfigInput['monitors']): ConfigInput => ({
  monitors,
  notifications: { groupWindowSeconds: 0, dailySummaryAt: null, desktop: false },
});
const heartbeat = { id: 'worker', type: 'heartbeat' as const, periodSeconds: 60 };
const pipeline = { id: 'solver', type: 'pipeline' as const, signingSecret: SECRET, intervalSeconds: 3600 };

async function listenerUrl(engine: { getHost(): Promise<{ listener?: { url: string | null } }> }) {
  const url = (await engine.getHost()).listener?.url;
  if (!url) throw new Error('the listener is not running');
  return url;
}

describe('desktop app: inbound listener', () => {
  it('receives heartbeats and signed pipeline events on 127.0.0.1, and serves nothing else', async () => {
    const { runtime } = await start({ config: config([heartbeat, pipeline]) });
    const url = await listenerUrl(runtime.engine);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/push/worker`, { method: 'POST' })).status).toBe(200);
    const body = JSON.stringify({ event: 'task.completed', taskId: 'task_1' });
    const signature = createHmac('sha256', SECRET).update(body).digest('hex');
    const events = await fetch(`${url}/events/solver`, {
      method: 'POST',
      headers: { 'x-webhook-signature': signature },
      body,
    });
    expect(events.status).toBe(202);
    expect(await events.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    for (const path of ['/api/state', '/metrics', '/', '/index.html']) {
      expect((await fetch(`${url}${path}`)).status).toBe(404);
    }
    await runtime.engine.checkNow({ id: 'solver' });
    const solver = (await runtime.engine.getState()).monitors.find((m) => m.id === 'solver');
    expect(solver?.values.tasks).toBe(1);
  });

  it('keeps no port open without a heartbeat or pipeline monitor, and opens one when one is added', async () => {
    const { runtime } = await start({ config: config([]) });
    expect((await runtime.engine.getHost()).listener).toMatchObject({ url: null, error: null, lan: false });
    await runtime.engine.saveMonitor({ id: 'worker', monitor: heartbeat });
    await expect.poll(async () => (await runtime.engine.getHost()).listener?.url).toMatch(/^http:\/\/127/);
    await runtime.engine.removeMonitor({ id: 'worker' });
    await expect.poll(async () => (await runtime.engine.getHost()).listener?.url).toBeNull();
  });

  it('says so clearly when the chosen port is taken, and recovers on another', async () => {
    const taken = createServer();
    servers.push(taken);
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const { runtime } = await start({ config: config([heartbeat]) });
    const host = await runtime.engine.setHostPreferences({ listenerPort: port });
    expect(host.listener).toMatchObject({ port, url: null });
    expect(host.listener?.error).toBe(
      `port ${port} is already in use: heartbeats and pipeline events cannot be received. Choose another port in Settings → General.`,
    );
    expect(host.notices).toContainEqual(expect.objectContaining({ id: 'listener-port', level: 'error' }));
    await new Promise((resolve) => taken.close(resolve));
    servers.splice(0);
    const again = await runtime.engine.setHostPreferences({ listenerPort: port });
    expect(again.listener).toMatchObject({ port, url: `http://127.0.0.1:${port}`, error: null });
  });

  it('binds the LAN only when the user opts in, with a warning', async () => {
    const { runtime } = await start({ config: config([heartbeat]) });
    expect((await runtime.engine.getHost()).notices.map((n) => n.id)).not.toContain('listener-lan');
    const host = await runtime.engine.setHostPreferences({ listenerLan: true });
    expect(host.listener?.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    expect(host.notices).toContainEqual(expect.objectContaining({ id: 'listener-lan', level: 'warning' }));
    const port = new URL(host.listener?.url ?? '').port;
    expect((await fetch(`http://127.0.0.1:${port}/push/worker`)).status).toBe(200);
  });

  it('refuses a port below 1024 from the UI, naming the field', async () => {
    const { runtime } = await start({ config: config([heartbeat]) });
    await expect(dispatch(runtime.engine, 'setHostPreferences', { listenerPort: 80 })).rejects.toMatchObject({
      status: 400,
      issues: [expect.objectContaining({ path: 'listenerPort', message: 'must be ≥ 1024' })],
    });
  });
});
