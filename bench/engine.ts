import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  arrivalsBetween,
  busiestSecond,
  type LoopbackTarget,
  startLoopbackTarget,
} from './loopback-target.ts';
import type { ProbeSample } from './probe-sample.ts';
import { processUsage } from './process-usage.ts';
import { MEASURED_NODE_ARGS, type ServeProcess, startServe, waitForLine } from './serve-process.ts';

export interface BenchRow {
  figure: string;
  value: string;
  target: string;
}

const INTERVAL_S = 10;
/** One interval and a little: every monitor has had its first check. */
const WARMUP_MS = 12_000;
const WINDOW_MS = 20_000;
const WINDOWS = 3;
const PROBE_MS = 5000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Sleeps to the next whole wall-clock second, so a window lines up with the target's per-second counts. */
const toNextSecond = () => sleep(1000 - (Date.now() % 1000));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const mib = (n: number) => `${n.toFixed(0)} MiB`;

export function httpMonitors(count: number, url: string) {
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    type: 'http',
    url,
    intervalSeconds: INTERVAL_S,
  }));
}

/** serve's scheduler tick in real time (SCHEDULE_TICK_MS in src-main/engine/monitors/monitoring.ts). */
const SERVE_TICK_MS = 25;

interface Bare {
  child: ChildProcess;
  /** The target path it requests, so its arrivals are counted apart. */
  path: string;
}

/**
 * A bare undici loop on the same target at `perSecond`, waking every `tickMs`, started like serve
 * (same V8 flags, same probe at the same period) so the ratio compares like with like.
 */
async function startBare(
  target: LoopbackTarget,
  perSecond: number,
  probeMs: number,
  tickMs = 10,
): Promise<Bare> {
  const path = tickMs === 10 ? '/bare' : `/bare-${tickMs}ms`;
  const child = spawn(
    process.execPath,
    [
      ...MEASURED_NODE_ARGS,
      'bench/bare-undici.mjs',
      `${target.origin}${path}`,
      String(perSecond),
      String(tickMs),
    ],
    {
      env: { ...process.env, SOLVEWATCH_PROBE_MS: String(probeMs) },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  // The probe's samples are not read, only paid for, as in serve.
  child.on('message', () => {});
  await waitForLine(child, /ready/);
  return { child, path };
}

interface Window {
  from: number;
  to: number;
  engineCpuMs: number;
  checks: number;
  /** Per bare loop, in the order given. */
  bare: { cpuMs: number; requests: number }[];
}

/** Engine and bare loops side by side over the same wall-clock window: the same machine load for all. */
async function measureWindow(
  serve: ServeProcess,
  bares: readonly Bare[],
  target: LoopbackTarget,
  ms: number,
): Promise<Window> {
  await toNextSecond();
  const from = Date.now();
  const engine0 = processUsage(serve.pid).cpuMs;
  const bare0 = bares.map((b) => processUsage(b.child.pid as number).cpuMs);
  await sleep(ms);
  const to = Date.now();
  const engineCpuMs = processUsage(serve.pid).cpuMs - engine0;
  const bareCpu = bares.map((b, i) => processUsage(b.child.pid as number).cpuMs - (bare0[i] as number));
  await sleep(1100);
  const arrivals = await target.arrivals();
  return {
    from,
    to,
    engineCpuMs,
    checks: arrivalsBetween(arrivals['/health'], from, to),
    bare: bares.map((b, i) => ({
      cpuMs: bareCpu[i] as number,
      requests: arrivalsBetween(arrivals[b.path], from, to),
    })),
  };
}

function perRequestOf(w: Window, i = 0): number {
  const bare = w.bare[i];
  if (bare === undefined) throw new Error(`no bare loop #${i} in this window`);
  return bare.cpuMs / bare.requests;
}
const ratioOf = (w: Window, i = 0) => w.engineCpuMs / w.checks / perRequestOf(w, i);
const spreadOf = (ratios: number[]) =>
  `${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;

function rssSpan(samples: readonly ProbeSample[]): { start: number; end: number; max: number } {
  const rss = samples.map((s) => s.rssMiB);
  return { start: rss[0] ?? 0, end: rss.at(-1) ?? 0, max: Math.max(...rss) };
}

/** RSS (MiB) of the first sample in each minute since the first sample. */
function everyMinute(samples: readonly ProbeSample[]): number[] {
  const first = samples[0]?.at ?? 0;
  const byMinute = new Map<number, number>();
  for (const s of samples) {
    const minute = Math.floor((s.at - first) / 60_000);
    if (!byMinute.has(minute)) byMinute.set(minute, s.rssMiB);
  }
  return [...byMinute.values()];
}

/** Where the memory of a process is, from its probe's last sample. */
function memoryBreakdown(s: ProbeSample | undefined): string {
  if (!s) return 'n/a';
  const other = s.rssMiB - s.heapTotalMiB - s.externalMiB;
  return `heap ${s.heapUsedMiB.toFixed(0)}/${s.heapTotalMiB.toFixed(0)}, external ${s.externalMiB.toFixed(0)} (buffers ${s.arrayBuffersMiB.toFixed(0)}), V8 malloc ${s.mallocedMiB.toFixed(0)}, rest ${other.toFixed(0)} MiB`;
}

/**
 * `solvewatch serve` checking 1,000 http monitors at 10 s on a loopback target, with a bare undici
 * loop doing the same requests at the same pace alongside; CPU per request compared over three windows.
 */
export async function benchEngine(): Promise<BenchRow[]> {
  const monitors = 1000;
  const target = await startLoopbackTarget();
  const dir = mkdtempSync(join(tmpdir(), 'solvewatch-bench-'));
  let serve: ServeProcess | null = null;
  const bares: Bare[] = [];
  try {
    serve = await startServe(
      dir,
      { monitors: httpMonitors(monitors, target.url), notifications: { desktop: false } },
      PROBE_MS,
    );
    bares.push(await startBare(target, monitors / INTERVAL_S, PROBE_MS));
    bares.push(await startBare(target, monitors / INTERVAL_S, PROBE_MS, SERVE_TICK_MS));
    await sleep(WARMUP_MS);
    const fromSample = serve.samples.length;
    const windows: Window[] = [];
    for (let i = 0; i < WINDOWS; i++) windows.push(await measureWindow(serve, bares, target, WINDOW_MS));
    const metrics = await serve.metrics();
    const memory = rssSpan(serve.samples.slice(fromSample));
    const bareRss = processUsage(bares[0]?.child.pid as number).rssMiB;
    const last = serve.samples.at(-1);
    const ratios = windows.map((w) => ratioOf(w));
    const perCheck = median(windows.map((w) => w.engineCpuMs / w.checks));
    const perRequest = median(windows.map((w) => perRequestOf(w)));
    const perTickRequest = median(windows.map((w) => perRequestOf(w, 1)));
    const load = median(windows.map((w) => w.engineCpuMs / (w.to - w.from)));
    const checks = windows.reduce((a, w) => a + w.checks, 0);
    const p50 = (metrics.get('solvewatch_schedule_lateness_seconds{quantile="0.5"}') ?? 0) * 1000;
    const p99 = (metrics.get('solvewatch_schedule_lateness_seconds{quantile="0.99"}') ?? 0) * 1000;
    return [
      {
        figure: `engine CPU per http check (serve, ${monitors} monitors @ ${INTERVAL_S} s, median of ${WINDOWS} × ${WINDOW_MS / 1000} s)`,
        value: `${perCheck.toFixed(3)} ms (${checks} checks)`,
        target: '≤ 0.5 ms',
      },
      {
        figure: 'bare undici loop, same requests and pace, alongside',
        value: `${perRequest.toFixed(3)} ms`,
        target: '',
      },
      {
        figure: 'engine ÷ bare undici per request (median, min–max)',
        value: spreadOf(ratios),
        target: '≤ 1.2×',
      },
      {
        figure: `bare undici loop waking every ${SERVE_TICK_MS} ms like serve's scheduler, alongside`,
        value: `${perTickRequest.toFixed(3)} ms`,
        target: '',
      },
      {
        figure: `engine ÷ that loop: the engine's own work beyond requests and wake-ups`,
        value: spreadOf(windows.map((w) => ratioOf(w, 1))),
        target: '',
      },
      {
        figure: `engine load (${monitors} monitors @ ${INTERVAL_S} s)`,
        value: `${(load * 100).toFixed(1)} % of one core`,
        target: '',
      },
      {
        figure: 'scheduling lateness p50 / p99 (serve, since start)',
        value: `${p50.toFixed(1)} / ${p99.toFixed(1)} ms`,
        target: 'p99 < 50 ms',
      },
      {
        figure: `serve RSS, whole process (${monitors} monitors; start / end / max)`,
        value: `${mib(memory.start)} / ${mib(memory.end)} / ${mib(memory.max)}`,
        target: '< 100 MiB',
      },
      { figure: 'serve memory at the end', value: memoryBreakdown(last), target: '' },
      { figure: 'bare undici loop RSS, whole process', value: mib(bareRss), target: '' },
    ];
  } finally {
    for (const b of bares) b.child.kill('SIGKILL');
    await serve?.stop();
    target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Capacity: `solvewatch serve` with 5,000 http monitors at 10 s (500 checks/s) for `durationS`, a
 * bare loop at the same pace alongside; load, lateness, spread and memory over time.
 */
export async function benchCapacity(durationS = 90, heapSnapshots = false): Promise<BenchRow[]> {
  const monitors = 5000;
  const perSecond = monitors / INTERVAL_S;
  const target = await startLoopbackTarget();
  const dir = mkdtempSync(join(tmpdir(), 'solvewatch-bench-capacity-'));
  let serve: ServeProcess | null = null;
  let bare: Bare | null = null;
  try {
    serve = await startServe(
      dir,
      { monitors: httpMonitors(monitors, target.url), notifications: { desktop: false } },
      PROBE_MS,
    );
    bare = await startBare(target, perSecond, PROBE_MS);
    await sleep(WARMUP_MS);
    const fromSample = serve.samples.length;
    if (heapSnapshots)
      console.error(
        `heap snapshot: ${await serve.heapSnapshot(join(tmpdir(), 'capacity-start.heapsnapshot'))}`,
      );
    const window = await measureWindow(serve, [bare], target, durationS * 1000 - WARMUP_MS);
    if (heapSnapshots)
      console.error(
        `heap snapshot: ${await serve.heapSnapshot(join(tmpdir(), 'capacity-end.heapsnapshot'))}`,
      );
    const arrivals = await target.arrivals();
    const metrics = await serve.metrics();
    const samples = serve.samples.slice(fromSample);
    const memory = rssSpan(samples);
    const scheduled = (Math.floor(window.to / 1000) - Math.ceil(window.from / 1000)) * perSecond;
    const p99 = (metrics.get('solvewatch_schedule_lateness_seconds{quantile="0.99"}') ?? 0) * 1000;
    const label = `${monitors} monitors @ ${INTERVAL_S} s, ${((window.to - window.from) / 1000).toFixed(0)} s`;
    return [
      {
        figure: `capacity: engine load (serve, ${label})`,
        value: `${((window.engineCpuMs / (window.to - window.from)) * 100).toFixed(1)} % of one core (${window.checks} checks, ${((window.checks / scheduled) * 100).toFixed(1)} % of scheduled)`,
        target: '< 50 %',
      },
      {
        figure: 'capacity: scheduling lateness p99 (since start)',
        value: `${p99.toFixed(1)} ms`,
        target: '< 50 ms',
      },
      {
        figure: 'capacity: busiest second ÷ mean, at the target',
        value: `${busiestSecond(arrivals['/health'], window.from, window.to).toFixed(2)}×`,
        target: '≤ 1.2×',
      },
      {
        figure: `capacity: CPU per check ÷ bare undici at ${perSecond}/s`,
        value: `${ratioOf(window).toFixed(2)}× (${(window.engineCpuMs / window.checks).toFixed(3)} vs ${perRequestOf(window).toFixed(3)} ms)`,
        target: '≤ 1.5×',
      },
      {
        figure: 'capacity: serve RSS start / end / max',
        value: `${mib(memory.start)} / ${mib(memory.end)} / ${mib(memory.max)}`,
        target: 'flat',
      },
      {
        figure: 'capacity: serve RSS at each minute',
        value: everyMinute(samples)
          .map((rss) => rss.toFixed(0))
          .join(', '),
        target: 'flat once warm',
      },
      {
        figure: 'capacity: heap used start → end',
        value: `${(samples[0]?.heapUsedMiB ?? 0).toFixed(0)} → ${(samples.at(-1)?.heapUsedMiB ?? 0).toFixed(0)} MiB`,
        target: '',
      },
      { figure: 'capacity: serve memory at the end', value: memoryBreakdown(samples.at(-1)), target: '' },
    ];
  } finally {
    bare?.child.kill('SIGKILL');
    await serve?.stop();
    target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
