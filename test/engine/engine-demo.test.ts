import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConfigInput, ConfigSchema } from '../../src-main/api/config-schema.ts';
import { ApiError, type DemoMessage } from '../../src-main/api/contract.ts';
import { createDemo } from '../../src-main/demo/demo-pipeline.ts';
import { pipelineCycleSeconds } from '../../src-main/demo/demo-task-events.ts';
import type { Clock } from '../../src-main/engine/clock.ts';
import { ConfigFile } from '../../src-main/engine/config/config-file.ts';
import { Engine } from '../../src-main/engine/engine.ts';
import { openHistoryDatabase } from '../support/history-database.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
/** The demo runs a 60 s cycle; its pipeline's task events take a cycle of their own. */
const CYCLE_MS = pipelineCycleSeconds(60) * 1000;
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function makeEngine(input: ConfigInput = {}, settings?: ConfigFile, clock?: Clock) {
  const dir = tempDir();
  const { history, db, close } = openHistoryDatabase(join(dir, 'history.sqlite'));
  const demo = createDemo({ cycleSeconds: 60, ...(clock && { clock }) });
  const store = settings ?? new ConfigFile(join(dir, 'config.json'));
  const engine = new Engine(ConfigSchema.parse(input), {
    settings: store,
    history,
    database: db,
    env: {},
    demo,
    ...(clock && { clock }),
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
    expect(demoIds(engine)).toEqual([
      'demo-balance',
      'demo-callbacks',
      'demo-solver-api',
      'demo-heartbeat',
      'demo-pipeline',
    ]);
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

  // Counted in 10 s slots: started on a slot's edge, 2.8 s or 4 s past one (the spike's or the forged
  // event's slowest case), and every second in between, so no alignment of the slots escapes.
  it.each([0, 1_000, 2_000, 2_800, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000])(
    'takes the pipeline monitor through each of its alerts within one cycle, on the manual clock (%s ms into a slot)',
    async (offset) => {
      const clock = new ManualClock(Date.UTC(2025, 0, 1) + offset);
      const { engine, demo } = makeEngine(
        { notifications: { desktop: false, groupWindowSeconds: 0 } },
        undefined,
        clock,
      );
      const seen: Array<{ at: number; state: string; rule: string | null; values: Record<string, unknown> }> =
        [];
      engine.subscribe((event) => {
        if (event.type !== 'monitor' || event.monitor.id !== 'demo-pipeline') return;
        const worst = event.monitor.breached.find((r) => r.severity === event.monitor.state) ?? null;
        seen.push({
          at: clock.now(),
          state: event.monitor.state,
          rule: worst?.ruleId ?? null,
          values: event.monitor.values,
        });
      });
      engine.start();
      const startedAt = clock.now();
      await engine.startDemo();
      // One cycle, tick by tick: the pipeline probe reads what the demo posted through the intake.
      for (let t = 0; t < CYCLE_MS; t += 250) await clock.advance(250);

      const incidents = seen.flatMap((s, i) => (s.rule !== seen[i - 1]?.rule ? [s.rule] : []));
      expect(incidents.filter((r) => r !== null)).toEqual([
        'stale',
        'delivery-rate',
        'forged',
        'queue',
        'error-rate',
      ]);
      expect(seen.at(-1)?.state).toBe('ok');
      expect(Math.max(...seen.map((s) => Number(s.values.duplicates ?? 0)))).toBeGreaterThan(0);
      expect(Math.max(...seen.map((s) => Number(s.values.invalid_signatures ?? 0)))).toBe(1);
      const spike = seen.find((s) => s.rule === 'error-rate');
      expect(spike?.values.top_error_code).toBe('ERROR_CAPTCHA_UNSOLVABLE');
      expect((spike?.at ?? Infinity) - startedAt).toBeLessThan(CYCLE_MS);
      // The lost callbacks are named: up to 10 of the run's own task ids.
      const lost = seen.find((s) => s.rule === 'delivery-rate');
      expect(Number(lost?.values.delivery_rate)).toBeLessThan(0.9);
      const missed = JSON.parse(String(lost?.values.missed)) as string[];
      expect(missed.length).toBeGreaterThan(0);
      expect(missed.length).toBeLessThanOrEqual(10);
      expect(missed.every((id) => /^task-[0-9a-f]+-\d+$/.test(id))).toBe(true);

      const { transitions } = await engine.getAlerts({ limit: 1000 });
      const told = transitions
        .filter((t) => t.monitorId === 'demo-pipeline')
        .reverse()
        .map((t) => `${t.ruleId} ${t.kind}`);
      expect(told).toEqual([
        'stale fired',
        'delivery-rate escalated',
        'delivery-rate resolved',
        'forged fired',
        'forged resolved',
        'queue fired',
        'queue resolved',
        'error-rate fired',
        'error-rate resolved',
      ]);

      // The demo's Discord sink got the escalation in the delivery-rate form, with the missed ids.
      await expect
        .poll(() => deliveryEmbed(demo.inbox()), { timeout: 10_000 })
        .toMatchObject({ title: '📭 Callback Delivery Rate Low' });
      const fields = deliveryEmbed(demo.inbox())?.fields ?? [];
      expect(Number(fields.find((f) => f.name === 'Missed')?.value)).toBeGreaterThan(0);
      expect(fields.find((f) => f.name === 'Missed Task IDs')?.value).toMatch(/^`task-[0-9a-f]+-\d+`/);
    },
    60_000,
  );
});

function deliveryEmbed(inbox: DemoMessage[]) {
  return inbox.flatMap((m) => m.embeds).find((e) => e.title?.startsWith('📭'));
}
