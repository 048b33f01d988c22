import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigInput, ConfigSchema } from '../../src-main/api/config-schema.ts';
import { ConfigFile } from '../../src-main/engine/config/config-file.ts';
import { Engine } from '../../src-main/engine/engine.ts';
import type { DemoPort } from '../../src-main/engine/host/demo-port.ts';
import type { DesktopMessage } from '../../src-main/engine/notify/desktop.ts';
import { startFakeDiscord } from '../../src-main/fakes/discord-server.ts';
import { startHttpTarget } from '../../src-main/fakes/http-target.ts';
import { openHistoryDatabase } from '../support/history-database.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MIN = 60_000;

function makeEngine(
  input: ConfigInput,
  options: {
    clock?: ManualClock;
    file?: string;
    demo?: DemoPort;
    storage?: ReturnType<typeof openHistoryDatabase>;
  } = {},
) {
  const dir = tempDir();
  const storage = options.storage ?? openHistoryDatabase(options.file ?? join(dir, 'history.sqlite'));
  const { history } = storage;
  const desktop: DesktopMessage[] = [];
  const engine = new Engine(ConfigSchema.parse(input), {
    settings: new ConfigFile(join(dir, 'config.json')),
    history,
    database: storage.db,
    clock: options.clock,
    env: {},
    random: () => 0,
    demo: options.demo,
    desktop: { show: (m) => void desktop.push(m) },
  });
  cleanups.push(storage.close, () => engine.stop());
  return { engine, history, desktop };
}

/** A demo pipeline that starts nothing: its one monitor is an HTTP check of `url`. */
function stubDemo(url: string): DemoPort {
  let running = false;
  return {
    start: async () => {
      running = true;
      return {
        monitors: [{ id: 'demo-solver-api', type: 'http', url }],
        discordWebhookUrl: `${url}api/webhooks/1/x`,
      };
    },
    stop: async () => {
      running = false;
    },
    running: () => running,
    inbox: () => [],
  };
}

const quiet = { desktop: false, groupWindowSeconds: 0, dailySummaryAt: null };

describe('engine faults', () => {
  it('keeps a user monitor whose id starts with "demo-" when the demo stops', async () => {
    const target = await startHttpTarget();
    cleanups.push(() => target.close());
    const { engine } = makeEngine(
      {
        monitors: [{ id: 'demo-api', name: 'Demo API', type: 'http', url: target.url }],
        notifications: quiet,
      },
      { demo: stubDemo(target.url) },
    );
    engine.start();
    const started = await engine.startDemo();
    expect(started.monitorIds).toEqual(['demo-solver-api']);
    expect(engine.currentConfig().monitors.find((m) => m.id === 'demo-solver-api')?.demo).toBe(true);
    await engine.stopDemo();
    expect(engine.currentConfig().monitors.map((m) => m.id)).toEqual(['demo-api']);
  });

  it('tests a saved monitor with its stored secret header, not "<stored>"', async () => {
    const target = await startHttpTarget();
    cleanups.push(() => target.close());
    const { engine } = makeEngine({
      monitors: [
        { id: 'api', type: 'http', url: target.url, headers: { Authorization: 'Bearer s3cret-token' } },
      ],
      notifications: quiet,
    });
    const masked = (await engine.getConfig()).monitors?.[0];
    expect(JSON.stringify(masked)).not.toContain('s3cret-token');
    const result = await engine.testMonitor({ monitor: masked });
    expect(result.ok).toBe(true);
    expect(target.requests.at(-1)?.headers.authorization).toBe('Bearer s3cret-token');
  });

  it('never sends a stored header to another origin when testing', async () => {
    const target = await startHttpTarget();
    const other = await startHttpTarget();
    cleanups.push(
      () => target.close(),
      () => other.close(),
    );
    const { engine } = makeEngine({
      monitors: [
        { id: 'api', type: 'http', url: target.url, headers: { Authorization: 'Bearer s3cret-token' } },
      ],
      notifications: quiet,
    });
    const masked = (await engine.getConfig()).monitors?.[0];
    await engine.testMonitor({ monitor: { ...masked, url: other.url } });
    expect(other.requests.at(-1)?.headers.authorization).toBe('<stored>');
  });

  it('still tells "recovered" once after a restart when the recovery happened during a snooze', async () => {
    const target = await startHttpTarget({ status: 500 });
    cleanups.push(() => target.close());
    const clock = new ManualClock();
    const file = join(tempDir(), 'history.sqlite');
    const config: ConfigInput = {
      monitors: [{ id: 'api', type: 'http', url: target.url, intervalSeconds: 3600 }],
      alerts: { failThreshold: 1, recoverThreshold: 1 },
      notifications: { ...quiet, desktop: true },
    };
    const first = makeEngine(config, { clock, file });
    first.engine.start();
    await first.engine.checkNow({ id: 'api' });
    await first.engine.snooze({ minutes: 10 });
    target.setResponse({ status: 200 });
    await first.engine.checkNow({ id: 'api' });
    await first.engine.notificationsIdle();
    expect(first.desktop.map((m) => m.title)).toHaveLength(1);
    await first.engine.stop();

    const second = makeEngine(config, { clock, file });
    second.engine.start();
    await second.engine.resumeAlerts({});
    await second.engine.checkNow({ id: 'api' });
    await second.engine.checkNow({ id: 'api' });
    await second.engine.notificationsIdle();
    expect(second.desktop).toHaveLength(1);
    expect(second.desktop[0]?.title).toMatch(/recovered/i);
  });

  it('sends the daily summary at its time after a sleep, not late by the length of the sleep', async () => {
    const discord = await startFakeDiscord();
    cleanups.push(() => discord.close());
    const clock = new ManualClock(new Date(2025, 0, 1, 8, 0).getTime());
    const { engine } = makeEngine(
      {
        monitors: [{ id: 'worker', type: 'heartbeat', periodSeconds: 3600 }],
        notifications: { ...quiet, dailySummaryAt: '09:00', discord: { webhookUrl: discord.webhookUrl() } },
      },
      { clock },
    );
    engine.start();
    await clock.advance(10 * MIN);
    // Asleep from 08:10 to 08:58: the summary timer was armed for 50 minutes of a clock that stood still.
    clock.suspend(48 * MIN);
    await clock.advance(30_000);
    await clock.advance(2 * MIN);
    await engine.notificationsIdle();
    expect(discord.received).toHaveLength(1);
  });

  it('keeps the check in flight of a monitor whose check did not change when the config is saved', async () => {
    const slow = await startHttpTarget({ delayMs: 300 });
    cleanups.push(() => slow.close());
    const { engine } = makeEngine({
      monitors: [{ id: 'api', type: 'http', url: slow.url, intervalSeconds: 3600 }],
      notifications: quiet,
    });
    engine.start();
    const checking = engine.checkNow({ id: 'api' });
    const config = await engine.getConfig();
    await engine.saveConfig({
      config: { ...config, monitors: config.monitors?.map((m) => ({ ...m, name: 'Renamed' })) },
    });
    await checking;
    const [status] = (await engine.getState()).monitors;
    expect(status?.name).toBe('Renamed');
    expect(status?.lastCheck).not.toBeNull();
  });

  it('keeps a grouped notification queued when the history cannot be written, and sends it once it can', async () => {
    const target = await startHttpTarget({ status: 500 });
    const discord = await startFakeDiscord();
    cleanups.push(
      () => target.close(),
      () => discord.close(),
    );
    const clock = new ManualClock();
    const file = join(tempDir(), 'history.sqlite');
    const storage = openHistoryDatabase(file, { busyTimeoutMs: 0 });
    // A second connection holding the write lock, as another process would: every write gets SQLITE_BUSY.
    const locker = new DatabaseSync(file);
    cleanups.push(() => locker.close());
    const { engine } = makeEngine(
      {
        monitors: [{ id: 'api', type: 'http', url: target.url, intervalSeconds: 3600 }],
        alerts: { failThreshold: 1 },
        notifications: { ...quiet, groupWindowSeconds: 2, discord: { webhookUrl: discord.webhookUrl() } },
      },
      { clock, storage },
    );
    engine.start();
    locker.exec('BEGIN EXCLUSIVE');
    await engine.checkNow({ id: 'api' });
    await clock.advance(3000);
    expect(discord.received).toHaveLength(0);
    locker.exec('COMMIT');
    await clock.advance(6000);
    await engine.notificationsIdle();
    expect(discord.received).toHaveLength(1);
  });
});
