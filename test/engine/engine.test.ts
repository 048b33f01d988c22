import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigInput, ConfigSchema } from '../../src-main/api/config-schema.ts';
import { ConfigFile } from '../../src-main/engine/config/config-file.ts';
import { Engine } from '../../src-main/engine/engine.ts';
import { openHistory } from '../../src-main/engine/history/history.ts';
import { startFakeCallbackHealth } from '../../src-main/fakes/callback-health-server.ts';
import { startFakeCaptchaAi } from '../../src-main/fakes/captchaai-server.ts';
import { startHttpTarget } from '../../src-main/fakes/http-target.ts';
import { openHistoryDatabase } from '../support/history-database.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function makeEngine(input: ConfigInput, options: { clock?: ManualClock; env?: NodeJS.ProcessEnv } = {}) {
  const dir = tempDir();
  const { history, db, close } = openHistoryDatabase(join(dir, 'history.sqlite'));
  const settings = new ConfigFile(join(dir, 'config.json'));
  const engine = new Engine(ConfigSchema.parse(input), {
    settings,
    history,
    database: db,
    clock: options.clock,
    env: options.env ?? {},
    random: () => 0,
  });
  cleanups.push(close, () => engine.stop());
  return { engine, history, settings };
}

const SEC = 1000;

describe('engine', () => {
  it('judges a heartbeat stale after period + grace and fresh again on the next beat', async () => {
    const clock = new ManualClock();
    const { engine, history } = makeEngine(
      {
        monitors: [
          { id: 'worker', type: 'heartbeat', periodSeconds: 60, graceSeconds: 30, intervalSeconds: 10 },
        ],
      },
      { clock },
    );
    engine.start();
    const state = async () => (await engine.getState()).monitors[0];
    expect(engine.recordHeartbeat('worker', null)).toBe('recorded');
    await clock.advance(80 * SEC);
    expect((await state())?.state).toBe('ok');
    await clock.advance(20 * SEC);
    const stale = await state();
    expect(stale?.state).toBe('critical');
    expect(stale?.summary).toMatch(/no heartbeat for 10\d s/);
    engine.recordHeartbeat('worker', null);
    await clock.advance(10 * SEC);
    expect((await state())?.state).toBe('ok');
    history.flush();
    const changes = history.stateChanges('worker', 0, clock.now());
    expect(changes.map((c) => `${c.from}→${c.to}`)).toEqual(['critical→ok', 'ok→critical', 'unknown→ok']);
  });

  it('after a sleep, measures heartbeat staleness from the resume, not from before the sleep', async () => {
    const clock = new ManualClock();
    const { engine } = makeEngine(
      {
        monitors: [
          { id: 'worker', type: 'heartbeat', periodSeconds: 60, graceSeconds: 30, intervalSeconds: 10 },
        ],
      },
      { clock },
    );
    engine.start();
    engine.recordHeartbeat('worker', null);
    await clock.advance(20 * SEC);
    clock.jump(3_600 * SEC);
    await clock.advance(30 * SEC);
    const after = (await engine.getState()).monitors[0];
    expect(after?.state).toBe('ok');
    await clock.advance(90 * SEC);
    expect((await engine.getState()).monitors[0]?.state).toBe('critical');
  });

  it('applies a new config live: removed monitors vanish, kept ones keep their state', async () => {
    const target = await startHttpTarget();
    cleanups.push(() => target.close());
    const { engine, settings } = makeEngine({
      monitors: [
        { id: 'a', type: 'http', url: target.url, intervalSeconds: 3600 },
        { id: 'b', type: 'http', url: target.url, intervalSeconds: 3600 },
      ],
    });
    engine.start();
    await engine.checkNow({});
    const config = await engine.getConfig();
    await engine.saveConfig({ config: { ...config, monitors: config.monitors?.slice(0, 1) } });
    const state = await engine.getState();
    expect(state.monitors.map((m) => [m.id, m.state])).toEqual([['a', 'ok']]);
    const saved = settings.load();
    expect(saved.ok && saved.config.monitors.map((m) => m.id)).toEqual(['a']);
    await expect(engine.checkNow({ id: 'b' })).rejects.toThrow('no monitor with id "b"');
  });

  it('tests a monitor config without saving it or recording history, using the stored key when masked', async () => {
    const captcha = await startFakeCaptchaAi();
    cleanups.push(() => captcha.close());
    captcha.validKeys.add('stored-key-123456');
    captcha.setBalance(1.5);
    const monitor = {
      id: 'bal',
      type: 'balance',
      provider: 'captchaai',
      baseUrl: captcha.url,
      apiKey: 'stored-key-123456',
    } as const;
    const { engine, history } = makeEngine({ monitors: [monitor] });
    const result = await engine.testMonitor({ monitor: { ...monitor, apiKey: { stored: true } } });
    expect(result.ok).toBe(true);
    expect(result.monitor?.state).toBe('critical');
    expect(result.monitor?.value).toBe(1.5);
    expect(JSON.stringify(result)).not.toContain('stored-key-123456');
    history.flush();
    expect(history.recentSamples('bal', 10)).toEqual([]);

    const invalid = await engine.testMonitor({ monitor: { ...monitor, intervalSeconds: -1 } });
    expect(invalid.ok).toBe(false);
    expect(invalid.issues).toContainEqual({ path: 'intervalSeconds', message: 'must be ≥ 1' });
  });

  it('reads an API key from the environment and reports a missing variable by name', async () => {
    const captcha = await startFakeCaptchaAi();
    cleanups.push(() => captcha.close());
    captcha.validKeys.add('env-key-123456');
    const monitor = {
      id: 'bal',
      type: 'balance',
      provider: 'captchaai',
      baseUrl: captcha.url,
      apiKey: { env: 'SOLVER_KEY' },
    } as const;
    const withEnv = makeEngine({ monitors: [monitor] }, { env: { SOLVER_KEY: 'env-key-123456' } });
    withEnv.engine.start();
    await withEnv.engine.checkNow({});
    expect((await withEnv.engine.getState()).monitors[0]?.state).toBe('ok');
    const without = makeEngine({ monitors: [monitor] });
    without.engine.start();
    await without.engine.checkNow({});
    const status = (await without.engine.getState()).monitors[0];
    expect(status?.state).toBe('critical');
    expect(status?.summary).toContain('environment variable SOLVER_KEY is not set');
  });

  it('does not record checks that stop() aborted', async () => {
    const target = await startHttpTarget();
    cleanups.push(() => target.close());
    target.setResponse({ status: 200, body: 'slow', delayMs: 60_000 });
    const { engine, history } = makeEngine({
      monitors: [{ id: 'slow', type: 'http', url: target.url, intervalSeconds: 3600 }],
    });
    engine.start();
    const pending = engine.checkNow({ id: 'slow' });
    await new Promise((r) => setTimeout(r, 50));
    await engine.stop();
    await pending;
    history.flush();
    expect(history.recentSamples('slow', 10)).toEqual([]);
    expect((await engine.getState()).monitors[0]?.lastCheck).toBeNull();
  });

  it('goes offline when every remote host fails at the network layer, without calling anything down', async () => {
    const target = await startHttpTarget();
    cleanups.push(() => target.close());
    target.setResponse({ status: 200, body: 'late', delayMs: 5_000 });
    const port = new URL(target.url).port;
    const { engine } = makeEngine({
      monitors: [
        { id: 'dns', type: 'http', url: 'http://solvewatch-test.invalid/health', intervalSeconds: 3600 },
        // 0.0.0.0 reaches this machine but is not a loopback name, so it counts as a remote host here.
        { id: 'slow', type: 'http', url: `http://0.0.0.0:${port}/`, intervalSeconds: 3600, timeoutMs: 300 },
        { id: 'local', type: 'http', url: 'http://127.0.0.1:9/', intervalSeconds: 3600 },
      ],
    });
    const changes: boolean[] = [];
    engine.onConnectivity((c) => changes.push(c.offline));
    engine.start();
    await engine.checkNow({});
    const offline = await engine.getState();
    expect(offline.offline?.reason).toMatch(/every monitored host is unreachable/);
    const byId = Object.fromEntries(offline.monitors.map((m) => [m.id, m]));
    expect(byId.dns?.state).toBe('unknown');
    expect(byId.slow?.state).toBe('unknown');
    expect(byId.dns?.summary).toMatch(/^offline: /);
    // A refused loopback port is that service's problem, not the network's.
    expect(byId.local?.state).toBe('critical');

    target.setResponse({ status: 200, body: 'ok' });
    await engine.checkNow({ id: 'slow' });
    await engine.checkNow({});
    const online = await engine.getState();
    expect(online.offline).toBeNull();
    expect(online.monitors.find((m) => m.id === 'slow')?.state).toBe('ok');
    expect(online.monitors.find((m) => m.id === 'dns')?.state).toBe('critical');
    expect(changes).toEqual([true, false]);
  });

  it('treats one unreachable remote host as that host being down, not as offline', async () => {
    const { engine } = makeEngine({
      monitors: [{ id: 'dns', type: 'http', url: 'http://solvewatch-test.invalid/', intervalSeconds: 3600 }],
    });
    engine.start();
    await engine.checkNow({});
    const state = await engine.getState();
    expect(state.offline).toBeNull();
    expect(state.monitors[0]?.state).toBe('critical');
  });

  it('after a restart judges a known heartbeat from the restart instead of waiting forever', async () => {
    const clock = new ManualClock();
    const dir = tempDir();
    const file = join(dir, 'history.sqlite');
    const config = ConfigSchema.parse({
      monitors: [
        { id: 'worker', type: 'heartbeat', periodSeconds: 60, graceSeconds: 30, intervalSeconds: 10 },
      ],
    });
    const first = openHistory(file);
    first.add({
      monitorId: 'worker',
      time: clock.now(),
      status: 'up',
      latencyMs: null,
      httpStatus: null,
      value: 5,
      error: null,
    });
    first.close();
    const { history, db, close } = openHistoryDatabase(file);
    const engine = new Engine(config, {
      settings: new ConfigFile(join(dir, 'c.json')),
      history,
      database: db,
      clock,
      env: {},
      random: () => 0,
    });
    cleanups.push(close, () => engine.stop());
    engine.start();
    await clock.advance(30 * SEC);
    expect((await engine.getState()).monitors[0]?.state).toBe('ok');
    await clock.advance(80 * SEC);
    expect((await engine.getState()).monitors[0]?.state).toBe('critical');
  });

  it('counts checks of a reachable handler that reports itself unhealthy (503) as downtime', async () => {
    const handler = await startFakeCallbackHealth();
    cleanups.push(() => handler.close());
    const clock = new ManualClock();
    const { engine } = makeEngine(
      { monitors: [{ id: 'callbacks', type: 'callback-health', url: handler.url, intervalSeconds: 3600 }] },
      { clock },
    );
    engine.start();
    const check = async () => {
      await clock.advance(SEC);
      await engine.checkNow({ id: 'callbacks' });
      return (await engine.getState()).monitors[0]?.state;
    };
    expect(await check()).toBe('ok');
    handler.set({ status: 'unhealthy' });
    await check();
    expect(await check()).toBe('critical');
    const { checks, uptime } = (await engine.getHistory({ id: 'callbacks', window: '1h' })).summary;
    expect(checks).toBeGreaterThanOrEqual(3);
    expect(uptime).toBeCloseTo((checks - 2) / checks);
  });
});

describe('engine saves', () => {
  it('checks a monitor the moment it is saved, without waiting for its 300 s interval', async () => {
    const clock = new ManualClock();
    const captcha = await startFakeCaptchaAi();
    captcha.validKeys.add('solver-key-0123456789');
    cleanups.push(() => captcha.close());
    const { engine } = makeEngine({ monitors: [] }, { clock });
    engine.start();
    await engine.saveMonitor({
      id: 'solver',
      monitor: {
        type: 'balance',
        provider: 'captchaai',
        baseUrl: captcha.url,
        apiKey: 'solver-key-0123456789',
        intervalSeconds: 300,
      },
    });
    // The manual clock never moves here: only the save can have started this check.
    let status = (await engine.getState()).monitors[0];
    for (let i = 0; i < 100 && status?.lastCheck === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await engine.getState()).monitors[0];
    }
    expect(status?.state).toBe('ok');
    expect(status?.lastCheck).toBe(clock.now());
  });

  it("saves one client's settings without undoing another client's monitor edit it has not seen", async () => {
    const { engine } = makeEngine({
      monitors: [{ id: 'api', type: 'http', url: 'http://127.0.0.1:9/health', name: 'API' }],
    });
    const seenByA = await engine.getConfig();
    await engine.saveMonitor({
      id: 'api',
      monitor: { type: 'http', url: 'http://127.0.0.1:9/v2', name: 'API v2' },
    });
    await engine.saveMonitor({ id: 'jobs', monitor: { type: 'heartbeat', periodSeconds: 60 } });
    // Client A still holds the config from before and changes the alert thresholds.
    await engine.saveSettings({ settings: { alerts: { ...seenByA.alerts, failThreshold: 4 } } });
    const config = await engine.getConfig();
    expect(config.alerts?.failThreshold).toBe(4);
    expect(config.monitors?.map((m) => [m.id, m.name])).toEqual([
      ['api', 'API v2'],
      ['jobs', undefined],
    ]);
  });

  it("keeps a short outage ten minutes ago in the monitor's strip of its last checks", async () => {
    const clock = new ManualClock();
    const target = await startHttpTarget();
    cleanups.push(() => target.close());
    const { engine } = makeEngine(
      { monitors: [{ id: 'api', type: 'http', url: target.url, intervalSeconds: 3600 }] },
      { clock },
    );
    engine.start();
    const started = clock.now();
    // One check a minute for 20 minutes; 500s at minutes 9 and 10.
    for (let minute = 0; minute < 20; minute++) {
      target.setResponse({ status: minute === 9 || minute === 10 ? 500 : 200 });
      await engine.checkNow({ id: 'api' });
      await clock.advance(60 * SEC);
    }
    const checks = (await engine.getState()).monitors[0]?.recentChecks;
    // The schedule's own first check may come first; the outage sits ten checks from the end either way.
    expect(checks?.states).toMatch(/^o{9,10}cco{9}$/);
    expect(checks?.from).toBe(started);
    expect(checks?.to).toBe(started + 19 * 60 * SEC);
  });
});
