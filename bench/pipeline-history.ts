import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import { type Config, ConfigSchema } from '../src-main/api/config-schema.ts';
import { HISTORY_WINDOWS, type HistoryWindow } from '../src-main/api/history-types.ts';
import { emptyHistogram, latencyBucket } from '../src-main/engine/history/latency-histogram.ts';
import { closeDatabase, openDatabase } from '../src-main/engine/history/open-database.ts';
import { DAY, HOUR, MINUTE, SECOND } from '../src-main/engine/history/time-buckets.ts';
import { inTransaction } from '../src-main/engine/history/transaction.ts';
import { signBody } from '../src-main/engine/pipeline/event-auth.ts';
import { PipelineHistoryQueries } from '../src-main/engine/pipeline/pipeline-history.ts';
import { PipelineIntake } from '../src-main/engine/pipeline/pipeline-intake.ts';
import { emptyCounts, type MinuteDeltas } from '../src-main/engine/pipeline/pipeline-minutes.ts';
import { PipelineRollups } from '../src-main/engine/pipeline/pipeline-rollups.ts';
import { ManualClock } from '../test/support/manual-clock.ts';
import type { BenchRow } from './engine.ts';

const SECRET = 'bench-signing-secret';
const START = Date.UTC(2026, 0, 5);
/** Seed 004: the provider retries after 30 s, 2 min, 10 min, 1 h and 4 h, each delay after the last attempt. */
const RETRY_DELAYS_MS = [30 * SECOND, 2 * MINUTE, 10 * MINUTE, HOUR, 4 * HOUR];
const BACKLOG_MS = 8 * HOUR;
const TASKS = 20_000;
/** The process restarts this far into the replay: only the history file remembers the keys. */
const RESTARTS_AT = [2 * HOUR, 5 * HOUR, 9 * HOUR];
const MONITORS = 10;
const DAYS = 30;
const QUERY_RUNS = 9;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

/**
 * Pipeline history: an 8-hour backlog of provider retries replayed in time order under a manual
 * clock, across restarts (no retry may be counted as a new result), and the time to read every
 * window's pipeline history for 10 monitors holding 30 days of buckets.
 */
export async function benchPipelineHistory(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'solvewatch-pipeline-history-'));
  try {
    return [...replayRetries(join(dir, 'replay.sqlite')), ...queryMonth(join(dir, 'month.sqlite'))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Delivery {
  at: number;
  body: Buffer;
}

function replayRetries(file: string): BenchRow[] {
  const config: Config = ConfigSchema.parse({
    monitors: [{ id: 'solver', type: 'pipeline', signingSecret: SECRET }],
  });
  const deliveries: Delivery[] = [];
  for (let i = 0; i < TASKS; i++) {
    const first = START + Math.floor((i * BACKLOG_MS) / TASKS);
    const event =
      i % 10 === 0
        ? { event: 'task.failed', taskId: `task_${i}`, errorCode: 'ERROR_CAPTCHA_UNSOLVABLE' }
        : { event: 'task.completed', taskId: `task_${i}`, solveMs: 8000 + (i % 30) * 500 };
    // Every attempt carries the same payload and the first attempt's timestamp, as a provider's retry does.
    const body = Buffer.from(JSON.stringify({ ...event, timestamp: new Date(first).toISOString() }));
    let at = first;
    deliveries.push({ at, body });
    for (const delay of RETRY_DELAYS_MS) {
      at += delay;
      deliveries.push({ at, body });
    }
  }
  deliveries.sort((a, b) => a.at - b.at);

  const clock = new ManualClock(START);
  const open = () => {
    const { db } = openDatabase(file);
    return {
      db,
      intake: new PipelineIntake({ db, clock, config: () => config, resolveSecret: () => SECRET }),
    };
  };
  const restarts = [...RESTARTS_AT];
  let accepted = 0;
  let duplicates = 0;
  let current = open();
  const started = performance.now();
  for (const d of deliveries) {
    if (restarts.length > 0 && d.at - START >= (restarts[0] as number)) {
      restarts.shift();
      closeDatabase(current.db);
      current = open();
    }
    clock.jump(d.at - clock.now());
    const signature = signBody(d.body, SECRET);
    const result = current.intake.receive('solver', {
      rawBody: d.body,
      header: (name) => (name.toLowerCase() === 'x-webhook-signature' ? signature : undefined),
      queryToken: null,
      remoteAddress: '203.0.113.4',
    });
    if (result.status !== 202) throw new Error(`replay answered ${result.status}`);
    accepted += result.body.accepted;
    duplicates += result.body.duplicates;
  }
  const seconds = (performance.now() - started) / 1000;
  const day = current.intake.history('solver', '24h', clock.now());
  closeDatabase(current.db);
  const retries = deliveries.length - TASKS;
  const counted = (day?.totals.completed ?? 0) + (day?.totals.failed ?? 0);
  return [
    {
      figure: `8-hour retry backlog replayed (seed 004 schedule, ${fmt(TASKS)} tasks × ${RETRY_DELAYS_MS.length + 1} attempts, ${RESTARTS_AT.length} restarts): missed duplicates`,
      value: `${fmt(accepted - TASKS)} (${fmt(duplicates)} of ${fmt(retries)} retries recognised)`,
      target: '0',
    },
    {
      figure: 'the replayed backlog in the 24 h pipeline history (results counted, duplicates)',
      value: `${fmt(counted)} of ${fmt(TASKS)}, ${fmt(day?.totals.duplicates ?? 0)}`,
      target: `${fmt(TASKS)}, ${fmt(retries)}`,
    },
    {
      figure: 'replay speed (signed single events, in process, manual clock)',
      value: `${fmt(deliveries.length / seconds)} events/s`,
      target: '—',
    },
  ];
}

/** 30 days of minutes for each monitor, as the intake writes them (one add per hour of minutes). */
function fillMonth(db: DatabaseSync, now: number): void {
  const rollups = new PipelineRollups(db);
  for (let m = 0; m < MONITORS; m++) {
    for (let hour = now - DAYS * DAY; hour < now; hour += HOUR) {
      const minutes: MinuteDeltas = new Map();
      for (let t = hour; t < hour + HOUR; t += MINUTE) {
        const c = emptyCounts();
        const i = (t / MINUTE) % 97;
        c.completed = 40 + (i % 13);
        c.failed = i % 7;
        c.duplicates = i % 3;
        c.solveN = c.completed;
        c.solveSum = c.completed * 12_000;
        c.solveMax = 30_000;
        // Solve times between 5 s and 30 s.
        c.solveHist = emptyHistogram().map((_, b) =>
          b > latencyBucket(5000) && b <= latencyBucket(30_000) ? 5 + (i % 4) : 0,
        );
        if (c.failed > 0) c.errors.set(i % 2 ? 'ERROR_CAPTCHA_UNSOLVABLE' : 'ERROR_TIMEOUT', c.failed);
        minutes.set(t, c);
      }
      inTransaction(db, () => rollups.add(`pipeline-${m}`, minutes));
    }
  }
}

function queryMonth(file: string): BenchRow[] {
  const { db } = openDatabase(file);
  try {
    const now = START + DAYS * DAY + 17 * MINUTE;
    fillMonth(db, now);
    const queries = new PipelineHistoryQueries(db);
    const timed = (window: HistoryWindow, monitors: number) => {
      const runs: number[] = [];
      for (let r = 0; r < QUERY_RUNS; r++) {
        const started = performance.now();
        for (let m = 0; m < monitors; m++) queries.read(`pipeline-${m}`, window, now);
        runs.push(performance.now() - started);
      }
      return median(runs);
    };
    const views = HISTORY_WINDOWS.map((w) => fmt(timed(w, 1), 1)).join(' / ');
    return [
      {
        figure: `one pipeline monitor's page history (series, totals, error codes), 1h / 24h / 7d / 30d, median of ${QUERY_RUNS}`,
        value: `${views} ms`,
        target: '—',
      },
      {
        figure: `30-day pipeline history of ${MONITORS} monitors (720 hour rows each), median of ${QUERY_RUNS}`,
        value: `${fmt(timed('30d', MONITORS), 1)} ms`,
        target: '—',
      },
    ];
  } finally {
    closeDatabase(db);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchPipelineHistory());
}
