import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigInput, ConfigSchema } from '../../src-main/api/config-schema.ts';
import { ApiError } from '../../src-main/api/contract.ts';
import { createDemo } from '../../src-main/demo/demo-pipeline.ts';
import { ConfigFile } from '../../src-main/engine/config/config-file.ts';
import { Engine } from '../../src-main/engine/engine.ts';
import { openHistoryDatabase } from '../support/history-database.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function makeEngine(input: ConfigInput = {}, settings?: ConfigFile) {
  const dir = tempDir();
  const { history, db, close } = openHistoryDatabase(join(dir, 'history.sqlite'));
  const demo = createDemo({ cycleSeconds: 60 });
  const store = settings ?? new ConfigFile(join(dir, 'config.json'));
  const engine = new Engine(ConfigSchema.parse(input), {
    settings: store,
    history,
    database: db,
    env: {},
    demo,
  });
  cleanups.push(
    close,
    () => demo.stop(),
    () => engine.stop(),
  );
  return { engine, demo, store };
}

const demoIds = (engine: Engine) =>
  engine
    .currentConfig()
    .monitors.map((m) => m.id)
    .filter((id) => id.startsWith('demo-'));

describe('the demo in the engine', () => {
  it('started twice at once ends with one set of monitors on the ports of the running pipeline', async () => {
    const { engine } = makeEngine();
    await Promise.all([engine.startDemo(), engine.startDemo()]);
    expect(demoIds(engine)).toEqual(['demo-balance', 'demo-callbacks', 'demo-solver-api', 'demo-heartbeat']);
    for (const m of engine.currentConfig().monitors) {
      if (m.type === 'http' || m.type === 'callback-health')
        expect((await fetch(m.url)).status).toBeLessThan(600);
    }
  });

  it('a stop right after a start leaves no demo monitors behind and the pipeline stopped', async () => {
    const { engine, demo, store } = makeEngine();
    const started = engine.startDemo();
    const stopped = engine.stopDemo();
    await started;
    expect(await stopped).toMatchObject({ running: false, monitorIds: [] });
    expect(demo.running()).toBe(false);
    const saved = store.load();
    expect(saved.ok && saved.config.monitors).toEqual([]);
    expect(saved.ok && saved.config.notifications.discord).toBeUndefined();
  });

  it('stops the pipeline again when its config cannot be saved', async () => {
    class RefusingStore extends ConfigFile {
      override save(): void {
        throw new ApiError(409, 'monitors[0].apiKey: cannot be saved without encryption');
      }
    }
    const { engine, demo } = makeEngine({}, new RefusingStore(join(tempDir(), 'config.json')));
    const error = await engine.startDemo().catch((err: ApiError) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect(demo.running()).toBe(false);
    expect(demoIds(engine)).toEqual([]);
  });

  it('refuses to post demo alerts to the user’s own Discord webhook, and keeps it', async () => {
    const { engine, demo } = makeEngine({
      notifications: { discord: { webhookUrl: 'https://discord.com/api/webhooks/1/own-token' } },
    });
    const error = await engine.startDemo().catch((err: ApiError) => err);
    expect((error as ApiError).status).toBe(409);
    expect(demo.running()).toBe(false);
    expect(engine.currentConfig().notifications.discord?.webhookUrl).toBe(
      'https://discord.com/api/webhooks/1/own-token',
    );
  });
});
