import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HISTORY_WINDOWS, type HistoryWindow } from '../src-main/api/history-types.ts';
import { type History, openHistory } from '../src-main/engine/history/history.ts';
import type { Retention } from '../src-main/engine/history/retention.ts';
import type { StoredSample } from '../src-main/engine/history/stored-sample.ts';
import type { BenchRow } from './engine.ts';

const MONITORS = 100;
const INTERVAL_MS = 30_000;
const DAYS = 30;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const RETENTION: Retention = { rawDays: 7, minuteRollupDays: 30, hourRollupDays: 400 };
const QUERY_RUNS = 9;
const START = Date.UTC(2025, 0, 1);

const ERRORS = [
  'HTTP 503 Service Unavailable',
  'timeout after 10000 ms',
  'connect ECONNREFUSED 127.0.0.1:8080',
];

/** Deterministic pseudo-random numbers (mulberry32), so every run stores the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A check as a mixed fleet would produce it: mostly fast and up, a tail of slow ones, rare failures. */
function syntheticSample(rand: () => number, monitor: number, time: number): StoredSample {
  const roll = rand();
  const down = roll < 0.005;
  const latency = Math.round(40 + 60 * (monitor % 5) + 80 * -Math.log(1 - rand()));
  return {
    monitorId: `monitor-${monitor}`,
    time,
    status: down ? 'down' : roll < 0.02 ? 'degraded' : 'up',
    latencyMs: down && roll < 0.002 ? null : latency,
    httpStatus: down ? 503 : 200,
    value: monitor % 10 === 0 ? Math.round((50 - (time - START) / DAY_MS) * 100) / 100 : null,
    error: down ? (ERRORS[Math.floor(rand() * ERRORS.length)] as string) : null,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const kib = (bytes: number | null) =>
  bytes === null ? 'n/a (no /proc/self/io)' : `${fmt(bytes / 1024, 2)} KiB`;

/** Adds `days` of checks for every monitor from `from`, pruning hourly as the engine does. */
function simulate(
  history: History,
  from: number,
  days: number,
): { checks: number; writeMs: number; pruneMs: number[] } {
  const rand = random(from);
  let checks = 0;
  let writeMs = 0;
  const pruneMs: number[] = [];
  for (let hour = from; hour < from + days * DAY_MS; hour += HOUR_MS) {
    const began = performance.now();
    for (let tick = hour; tick < hour + HOUR_MS; tick += INTERVAL_MS) {
      for (let m = 0; m < MONITORS; m++) {
        // Checks are spread over the interval, as the scheduler spreads them.
        history.add(syntheticSample(rand, m, tick + Math.floor((m * INTERVAL_MS) / MONITORS)));
        checks++;
      }
    }
    history.flush();
    writeMs += performance.now() - began;
    const pruneStart = performance.now();
    history.prune(hour + HOUR_MS, RETENTION);
    pruneMs.push(performance.now() - pruneStart);
  }
  return { checks, writeMs, pruneMs };
}

interface Load {
  monitors: number;
  intervalMs: number;
}

/**
 * Bytes this process writes (WAL, checkpoints, the journal's moves) per check over three hours of
 * `load` (100 monitors at 30 s unless told), flushed every `flushMs`.
 */
function bytesWrittenPerCheck(
  history: History,
  from: number,
  flushMs: number,
  load: Load = { monitors: MONITORS, intervalMs: INTERVAL_MS },
): number | null {
  const written = () => {
    const io = readFileSync('/proc/self/io', 'utf8');
    return Number(/^wchar: (\d+)$/m.exec(io)?.[1]);
  };
  if (!existsSync('/proc/self/io')) return null;
  const { monitors, intervalMs } = load;
  const rand = random(from);
  const before = written();
  let checks = 0;
  for (let flush = from; flush < from + 3 * HOUR_MS; flush += flushMs) {
    for (let m = 0; m < monitors; m++) {
      const first = Math.floor(flush / intervalMs) * intervalMs + Math.floor((m * intervalMs) / monitors);
      for (let t = first; t < flush + flushMs; t += intervalMs) {
        if (t < flush) continue;
        history.add(syntheticSample(rand, m, t));
        checks++;
      }
    }
    history.flush();
  }
  return (written() - before) / checks;
}

function timeSummaries(history: History, window: HistoryWindow, now: number): number {
  const runs: number[] = [];
  for (let r = 0; r < QUERY_RUNS; r++) {
    const began = performance.now();
    for (let m = 0; m < MONITORS; m++) history.summary(`monitor-${m}`, window, now);
    runs.push(performance.now() - began);
  }
  return median(runs);
}

/** What the dashboard asks for when one monitor's history is opened: summary and chart series. */
function timeHistoryView(history: History, window: HistoryWindow, now: number): number {
  const runs: number[] = [];
  for (let r = 0; r < QUERY_RUNS; r++) {
    const began = performance.now();
    history.summary('monitor-1', window, now);
    history.series('monitor-1', window, now);
    runs.push(performance.now() - began);
  }
  return median(runs);
}

export async function benchHistory(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'solvewatch-bench-history-'));
  try {
    // Default batching (auto-flush every 500 rows): one simulated day.
    const fresh = openHistory(join(dir, 'insert-rate.sqlite'));
    const day = simulate(fresh, START, 1);
    const everySecond = bytesWrittenPerCheck(fresh, START + DAY_MS, 1000);
    const everyFive = bytesWrittenPerCheck(fresh, START + DAY_MS + 3 * HOUR_MS, 5000);
    fresh.close();
    // Past 50,000 samples the journal moves before its hour ends (every ~8 minutes here).
    const busy = openHistory(join(dir, 'busy.sqlite'));
    const thousand = bytesWrittenPerCheck(busy, START, 5000, { monitors: 1000, intervalMs: 10_000 });
    busy.close();
    // The month is written in hourly batches to keep the bench short; the stored rows are the same.
    const history = openHistory(join(dir, 'history.sqlite'), { maxBuffered: 20_000 });
    try {
      const { checks, pruneMs } = simulate(history, START, DAYS);
      const bytes = history.sizeBytes();
      const now = START + DAYS * DAY_MS;
      const perMonitorMonth = (bytes / MONITORS / DAYS) * 30;
      const views = HISTORY_WINDOWS.map((w) => fmt(timeHistoryView(history, w, now), 1)).join(' / ');
      return [
        {
          figure: 'history insert rate (add + flush, with rollups)',
          value: `${fmt(day.checks / (day.writeMs / 1000))} samples/s (${fmt((day.writeMs * 1000) / day.checks, 1)} µs each)`,
          target: '≥ 500 samples/s (5,000 monitors at 10 s)',
        },
        {
          figure: `disk writes per check (${MONITORS} monitors at 30 s, flushed every 5 s as serve and the app do)`,
          value: kib(everyFive),
          target: '≤ 1 KiB',
        },
        {
          figure: 'disk writes per check, 1,000 monitors at 10 s (the journal moves every 50,000 samples)',
          value: kib(thousand),
          target: '—',
        },
        {
          figure: 'disk writes per check, flushed every second (one 4 KiB WAL frame per flush)',
          value: kib(everySecond),
          target: '—',
        },
        {
          figure: 'history bytes per check (30 d, raw kept 7 d, pruned)',
          value: `${fmt(bytes / checks, 1)} B`,
          target: '≤ 40 B',
        },
        {
          figure: 'history per monitor-month at 30 s',
          value: `${fmt(perMonitorMonth / 1_048_576, 2)} MiB`,
          target: `≤ ${fmt((40 * (30 * DAY_MS)) / INTERVAL_MS / 1_048_576, 2)} MiB (40 B × 86,400 checks)`,
        },
        {
          figure: `30-day uptime + p95, ${MONITORS} monitors (median of ${QUERY_RUNS})`,
          value: `${fmt(timeSummaries(history, '30d', now), 1)} ms`,
          target: '< 20 ms',
        },
        {
          figure: `24-hour uptime + exact p95, ${MONITORS} monitors (raw samples)`,
          value: `${fmt(timeSummaries(history, '24h', now), 1)} ms`,
          target: '—',
        },
        {
          figure: 'one monitor summary + series, 1h / 24h / 7d / 30d',
          value: `${views} ms`,
          target: '—',
        },
        {
          figure: `hourly prune, ${MONITORS} monitors (median, max)`,
          value: `${fmt(median(pruneMs), 1)} ms, ${fmt(Math.max(...pruneMs), 1)} ms`,
          target: '—',
        },
      ];
    } finally {
      history.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchHistory());
}
