import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { type BenchRow, httpMonitors } from './engine.ts';
import { startLoopbackTarget } from './loopback-target.ts';
import { processUsage } from './process-usage.ts';
import { type ServeProcess, startServe } from './serve-process.ts';

const SECRET = 'bench-signing-secret';
const MONITORS = 1000;
const SINGLES = 20_000;
const BATCH = 500;
const BATCHES = 200;
const DISTINCT = 1_000_000;
const DISTINCT_BATCH = 1000;
const PROBE_MS = 2000;

interface Answer {
  accepted: number;
  duplicates: number;
}

/**
 * Pipeline ingest (DESIGN.md): signed `POST /events/:id` against `solvewatch serve` while it checks
 * 1,000 http monitors at 10 s: single events over keep-alive, batches of 500, CPU per batched event,
 * RSS after a million distinct task ids, and that million replayed as retries.
 */
export async function benchPipelineIngest(): Promise<BenchRow[]> {
  const target = await startLoopbackTarget();
  const dir = mkdtempSync(join(tmpdir(), 'solvewatch-bench-'));
  let serve: ServeProcess | null = null;
  let pool: Pool | null = null;
  try {
    serve = await startServe(
      dir,
      {
        monitors: [
          ...httpMonitors(MONITORS, target.url),
          { id: 'ingest', type: 'pipeline', signingSecret: SECRET, intervalSeconds: 10 },
        ],
        notifications: { desktop: false },
      },
      PROBE_MS,
    );
    pool = new Pool(serve.url, { connections: 16 });
    const post = postTo(pool);
    await sleep(5000);

    let started = performance.now();
    await inParallel(SINGLES, 32, (i) => post([{ event: 'task.completed', taskId: `single-${i}` }]));
    const singlesPerS = SINGLES / ((performance.now() - started) / 1000);

    const cpuBefore = processUsage(serve.pid).cpuMs;
    started = performance.now();
    await inParallel(BATCHES, 4, (b) =>
      post(Array.from({ length: BATCH }, (_, i) => ({ event: 'task.completed', taskId: `batch-${b}-${i}` }))),
    );
    const batchSeconds = (performance.now() - started) / 1000;
    const batchedPerS = (BATCH * BATCHES) / batchSeconds;
    const cpuPerEventUs = ((processUsage(serve.pid).cpuMs - cpuBefore) * 1000) / (BATCH * BATCHES);

    await sleep(PROBE_MS * 2);
    const before = serve.samples.at(-1);
    const distinct = (n: number) =>
      Array.from({ length: DISTINCT_BATCH }, (_, i) => ({
        event: 'task.failed',
        taskId: `distinct-${n * DISTINCT_BATCH + i}`,
        errorCode: 'ERROR_TIMEOUT',
      }));
    await inParallel(DISTINCT / DISTINCT_BATCH, 4, (n) => post(distinct(n)));
    // Measured once the burst's garbage had time to be collected: what stays is what the ids cost.
    await sleep(PROBE_MS * 3);
    const after = serve.samples.at(-1);
    let duplicates = 0;
    await inParallel(DISTINCT / DISTINCT_BATCH, 4, async (n) => {
      // Not `duplicates += await …`: that reads the total before the await and loses parallel answers.
      const answer = await post(distinct(n));
      duplicates += answer.duplicates;
    });
    return [
      {
        figure: `pipeline ingest, single signed events over keep-alive (serve, ${MONITORS} monitors @ 10 s)`,
        value: `${Math.round(singlesPerS).toLocaleString('en-US')} events/s`,
        target: '≥ 3,000 events/s',
      },
      {
        figure: `pipeline ingest, batches of ${BATCH}`,
        value: `${Math.round(batchedPerS).toLocaleString('en-US')} events/s`,
        target: '≥ 50,000 events/s',
      },
      {
        figure: 'pipeline CPU per batched event (whole serve process, checks included)',
        value: `${cpuPerEventUs.toFixed(1)} µs`,
        target: '≤ 20 µs',
      },
      {
        figure: 'serve RSS growth after 1,000,000 distinct task ids (JS heap used growth)',
        value:
          before && after
            ? `${(after.rssMiB - before.rssMiB).toFixed(1)} MiB (${(after.heapUsedMiB - before.heapUsedMiB).toFixed(1)} MiB)`
            : 'n/a',
        target: '< 50 MiB',
      },
      {
        figure: 'the 1,000,000 replayed as retries: recognised as duplicates',
        value: `${duplicates.toLocaleString('en-US')} of ${DISTINCT.toLocaleString('en-US')}`,
        target: 'all',
      },
    ];
  } finally {
    await pool?.close();
    await serve?.stop();
    target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function postTo(pool: Pool) {
  return async (events: unknown[]): Promise<Answer> => {
    const body = JSON.stringify(events);
    const res = await pool.request({
      path: '/events/ingest',
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-webhook-signature': createHmac('sha256', SECRET).update(body).digest('hex'),
      },
      body,
    });
    const answer = (await res.body.json()) as Answer;
    if (res.statusCode !== 202) throw new Error(`POST /events answered ${res.statusCode}`);
    return answer;
  };
}

async function inParallel(count: number, width: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await job(next++);
    }),
  );
}
