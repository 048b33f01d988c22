import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoMessage } from '../../src-main/api/contract.ts';
import type { MonitorState } from '../../src-main/api/monitor-state.ts';
import { createDemo } from '../../src-main/demo/demo-pipeline.ts';
import { type Headless, serve } from '../../src-main/server/serve.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const CYCLE_SECONDS = 16;
const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serveDemo(dataDir = tempDir()): Promise<Headless> {
  const headless = await serve({
    configPath: join(dataDir, 'config.json'),
    dataDir,
    host: '127.0.0.1',
    port: 0,
    uiDir: null,
    env: { SOLVEWATCH_TOKEN: 'demo-cycle-test-token' },
    log: () => {},
    demo: createDemo({ cycleSeconds: CYCLE_SECONDS }),
  });
  cleanups.push(() => headless.stop());
  return headless;
}

/** Each monitor's states in the order it went through them (repeats collapsed). */
function recordStates(headless: Headless) {
  const states = new Map<string, MonitorState[]>();
  const unsubscribe = headless.engine.subscribe((event) => {
    if (event.type !== 'monitor') return;
    const seen = states.get(event.monitor.id) ?? [];
    if (seen.at(-1) !== event.monitor.state) seen.push(event.monitor.state);
    states.set(event.monitor.id, seen);
  });
  cleanups.push(async () => unsubscribe());
  return (id: string) => (states.get(id) ?? []).filter((s) => s !== 'unknown');
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** True when `states` went through `expected` in this order (other states may come in between). */
function wentThrough(states: MonitorState[], expected: MonitorState[]): boolean {
  let i = 0;
  for (const s of states) if (s === expected[i]) i++;
  return i === expected.length;
}

const JOURNEYS: Record<string, MonitorState[]> = {
  'demo-balance': ['ok', 'warning', 'critical', 'ok'],
  'demo-callbacks': ['ok', 'critical', 'warning', 'ok'],
  'demo-solver-api': ['ok', 'warning', 'critical', 'ok'],
  'demo-heartbeat': ['ok', 'critical', 'ok'],
  'demo-pipeline': ['ok', 'warning', 'critical'],
};

const titles = (inbox: DemoMessage[]) => inbox.flatMap((m) => m.embeds.map((e) => e.title ?? ''));

describe('the demo in a running Solvewatch', () => {
  it('takes every monitor through its states and back within one cycle, with Discord messages in the sink', async () => {
    const headless = await serveDemo();
    const statesOf = recordStates(headless);
    const started = await headless.engine.startDemo();
    expect(started.monitorIds.sort()).toEqual(Object.keys(JOURNEYS).sort());

    const done = async () =>
      Object.entries(JOURNEYS).every(([id, journey]) => wentThrough(statesOf(id), journey)) &&
      titles((await headless.engine.getDemo()).inbox).some((t) => /recovered/i.test(t));
    await until(done, (CYCLE_SECONDS + 14) * 1000);

    for (const [id, journey] of Object.entries(JOURNEYS)) {
      expect(wentThrough(statesOf(id), journey), `${id} went ${statesOf(id).join(' → ')}`).toBe(true);
    }
    const { inbox } = await headless.engine.getDemo();
    const colours = new Set(inbox.flatMap((m) => m.embeds.map((e) => e.color)));
    expect(colours).toContain(0xe74c3c);
    expect(colours).toContain(0x2ecc71);
    expect(titles(inbox).some((t) => /recovered/i.test(t))).toBe(true);
  }, 45_000);

  it('stops the pipeline, its monitors and its Discord sink with the demo', async () => {
    const headless = await serveDemo();
    await headless.engine.startDemo();
    expect(headless.engine.currentConfig().notifications.discord).toBeDefined();
    const status = await headless.engine.stopDemo();
    expect(status).toEqual({ available: true, running: false, monitorIds: [], inbox: [] });
    expect(headless.engine.currentConfig().monitors).toEqual([]);
    expect(headless.engine.currentConfig().notifications.discord).toBeUndefined();
  });

  it('closes the pipeline when Solvewatch stops', async () => {
    const headless = await serveDemo();
    await headless.engine.startDemo();
    const webhookUrl = headless.engine.currentConfig().notifications.discord?.webhookUrl;
    if (typeof webhookUrl !== 'string') throw new Error('no demo Discord sink in the config');
    expect((await fetch(webhookUrl, { method: 'POST', body: '{"content":"hello"}' })).status).toBe(204);
    await headless.stop();
    const refused = await fetch(webhookUrl, { method: 'POST', body: '{"content":"hello"}' }).then(
      () => null,
      (err: { cause?: { code?: string } }) => err.cause?.code,
    );
    expect(refused).toBe('ECONNREFUSED');
  });

  it('restarts a demo saved by an earlier run on new ports', async () => {
    const dataDir = tempDir();
    const first = await serveDemo(dataDir);
    await first.engine.startDemo();
    const callbacksUrl = (headless: Headless) => {
      const monitor = headless.engine.currentConfig().monitors.find((m) => m.id === 'demo-callbacks');
      return monitor?.type === 'callback-health' ? monitor.url : null;
    };
    const before = callbacksUrl(first);
    await first.stop();

    const second = await serveDemo(dataDir);
    await until(() => {
      const url = callbacksUrl(second);
      return url !== null && url !== before;
    }, 10_000);
    const after = callbacksUrl(second);
    expect(after).not.toBe(before);
    expect((await second.engine.getDemo()).running).toBe(true);
    expect((await fetch(after ?? '')).status).toBe(200);
  });
});
