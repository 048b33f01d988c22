import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Notification } from '../src-main/api/notification-types.ts';
import { buildDiscordMessage } from '../src-main/engine/notify/discord-payload.ts';
import type { BenchRow } from './engine.ts';
import type { ProbeSample } from './probe-sample.ts';
import { startServe } from './serve-process.ts';
import { startSoakTargets } from './soak-targets.ts';

const INTERVAL_S = 10;
const KINDS = [
  { kind: 'hanging', count: 50 },
  { kind: 'endless', count: 50 },
  { kind: 'refused', count: 50 },
  { kind: 'healthy', count: 850 },
] as const;
const SAMPLE_MS = 10_000;
/** Start values are read after this: every monitor has run, hung checks have timed out once. */
const SETTLE_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

/** Each delivered Discord message of the outbox, as the embeds JSON the sink saw. */
function deliveredByOutbox(dbPath: string): { delivered: string[]; states: Record<string, number> } {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const delivered = (
      db.prepare("SELECT payload FROM outbox WHERE channel = 'discord' AND state = 'delivered'").all() as {
        payload: string;
      }[]
    ).map((r) => {
      const n = JSON.parse(r.payload) as Notification;
      return JSON.stringify(buildDiscordMessage(n, { now: n.createdAt }).embeds);
    });
    const states: Record<string, number> = {};
    for (const r of db
      .prepare("SELECT state, count(*) AS n FROM outbox WHERE channel = 'discord' GROUP BY state")
      .all() as {
      state: string;
      n: number;
    }[])
      states[r.state] = r.n;
    return { delivered, states };
  } finally {
    db.close();
  }
}

function tally(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

/**
 * Soak (DESIGN.md): `solvewatch serve` with 1,000 monitors at 10 s, 150 of them at targets that hang,
 * stream endlessly or refuse, and a Discord sink failing every other minute, for `durationS`.
 * Descriptors, memory and event-loop delay are sampled inside the process every 10 s.
 */
export async function benchSoak(durationS = 600): Promise<BenchRow[]> {
  const targets = await startSoakTargets();
  const dir = mkdtempSync(join(tmpdir(), 'solvewatch-soak-'));
  try {
    const monitors = KINDS.flatMap(({ kind, count }) =>
      Array.from({ length: count }, (_, i) => ({
        id: `${kind}-${i}`,
        type: 'http',
        url: targets.urls[kind],
        intervalSeconds: INTERVAL_S,
        // Shorter than the interval, so a hung check ends before its next one is due.
        timeoutMs: 5000,
      })),
    );
    const total = monitors.length;
    const serve = await startServe(
      dir,
      {
        monitors,
        // Reminders every minute while the 150 stay down: a steady stream of messages through the outbox.
        alerts: { cooldownSeconds: 60 },
        notifications: { desktop: false, discord: { webhookUrl: targets.urls.discordWebhook } },
      },
      SAMPLE_MS,
    );
    const t0 = Date.now();
    await sleep(SETTLE_MS);
    const fromSample = serve.samples.length - 1;
    const before = await serve.metrics();
    const from = Date.now();
    for (let left = durationS * 1000 - SETTLE_MS; left > 0; left -= SAMPLE_MS) {
      await sleep(Math.min(SAMPLE_MS, left));
      const s = serve.samples.at(-1);
      if (s)
        console.error(
          `soak ${((Date.now() - t0) / 1000).toFixed(0)} s: fds ${s.fds} (sockets ${s.sockets}), RSS ${s.rssMiB.toFixed(0)} MiB, heap ${s.heapUsedMiB.toFixed(0)} MiB, loop p99 ${s.loopDelayP99Ms.toFixed(1)} ms`,
        );
    }
    const after = await serve.metrics();
    const to = Date.now();
    const sink = await targets.report();
    const samples: ProbeSample[] = serve.samples.slice(Math.max(0, fromSample));
    await serve.stop();

    const first = samples[0] as ProbeSample;
    const last = samples.at(-1) as ProbeSample;
    const fds = samples.map((s) => s.fds);
    const checks = (after.get('solvewatch_checks_total') ?? 0) - (before.get('solvewatch_checks_total') ?? 0);
    const skipped =
      (after.get('solvewatch_checks_skipped_total') ?? 0) -
      (before.get('solvewatch_checks_skipped_total') ?? 0);
    const scheduled = (total * (to - from)) / 1000 / INTERVAL_S;
    const worstLoop = Math.max(...samples.slice(1).map((s) => s.loopDelayP99Ms));

    const { delivered, states } = deliveredByOutbox(join(dir, 'history.sqlite'));
    const atSink = tally(sink.received);
    const byOutbox = tally(delivered);
    let once = 0;
    let duplicated = 0;
    let missing = 0;
    for (const [key, n] of byOutbox) {
      const seen = atSink.get(key) ?? 0;
      if (seen === n) once += n;
      else if (seen > n) duplicated += seen - n;
      else missing += n - seen;
    }
    const unexpected = [...atSink].filter(([key]) => !byOutbox.has(key)).reduce((a, [, n]) => a + n, 0);
    const label = `${total} monitors @ ${INTERVAL_S} s, ${((to - t0) / 1000).toFixed(0)} s`;
    return [
      {
        figure: `soak: open descriptors start / end / max (${label})`,
        value: `${first.fds} / ${last.fds} / ${Math.max(...fds)} (sockets ${first.sockets} / ${last.sockets})`,
        target: 'flat, end ≤ start + 10',
      },
      {
        figure: 'soak: RSS start / end / max',
        value: `${first.rssMiB.toFixed(0)} / ${last.rssMiB.toFixed(0)} / ${Math.max(...samples.map((s) => s.rssMiB)).toFixed(0)} MiB (${pct(last.rssMiB / first.rssMiB - 1)})`,
        target: 'growth < 10 %',
      },
      {
        figure: 'soak: heap used start / end',
        value: `${first.heapUsedMiB.toFixed(0)} / ${last.heapUsedMiB.toFixed(0)} MiB`,
        target: '',
      },
      {
        figure: 'soak: event-loop delay p99 (whole run; worst 10 s)',
        value: `${last.loopDelayP99SinceStartMs.toFixed(1)} ms; ${worstLoop.toFixed(1)} ms`,
        target: '< 50 ms',
      },
      {
        figure: 'soak: checks run vs scheduled',
        value: `${checks} of ${scheduled.toFixed(0)} (${pct(checks / scheduled)}; ${skipped} skipped as overlaps)`,
        target: '≥ 99.5 %',
      },
      {
        figure: 'soak: Discord messages delivered exactly once',
        value: `${once} of ${delivered.length} delivered by the outbox (${duplicated} duplicated, ${missing} missing, ${unexpected} unknown at the sink; outbox ${JSON.stringify(states)}; ${sink.requests} requests)`,
        target: 'all, 0 duplicated',
      },
    ];
  } finally {
    targets.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
