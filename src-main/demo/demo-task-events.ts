/**
 * The task events the simulated pipeline's own code reports to its `pipeline` monitor: a pure
 * schedule over the pipeline's cycle, so every pipeline alert fires and recovers once per cycle.
 *
 * Cycle (fractions of `pipelineCycleSeconds`), one task every 400 ms (its submit and result together,
 * but in the quiet spell):
 *   steady        ~4 % ERROR_CAPTCHA_UNSOLVABLE, queue 20–59, 8 workers
 *   quiet         0.03–0.13 tasks are submitted but their results never come back (lost callbacks):
 *                 stale after 0.04, then, as their delivery deadlines (0.06) pass, delivery-rate
 *                 escalates it to critical with the missed task ids; results resume and it recovers
 *   forged        at 0.33 one event signed with the wrong secret (forged)
 *   retries       0.18–0.38 every result arrives a second time, 2 s later (duplicates)
 *   queue backup  0.61–0.65 queue 620 → 1400 with 3 workers (queue)
 *   error spike   0.67–0.725 4 in 5 tasks fail, ERROR_CAPTCHA_UNSOLVABLE : ERROR_TIMEOUT = 2 : 1 (error-rate)
 * Each critical alert is its own incident, so each gets its own message: the alerts counting over the
 * window (forged, error-rate) stay breached up to a window plus a 10 s slot after their events, the
 * lost tasks until their deadlines have left the window, and the schedule leaves them that long
 * before the next one.
 */

/**
 * The window cannot get shorter than the engine's 10 s slots: at 80 s, three critical incidents of up
 * to 20 s each, a queue backup and the stale warning fit in one cycle; below that it spans several demo cycles.
 */
export const MIN_PIPELINE_CYCLE_SECONDS = 80;

export const pipelineCycleSeconds = (cycleSeconds: number): number =>
  Math.max(cycleSeconds, MIN_PIPELINE_CYCLE_SECONDS);

export type PipelinePhase = 'steady' | 'quiet' | 'retries' | 'queue-backup' | 'error-spike';

const QUIET = [0.03, 0.13] as const;
const STALE_AFTER = 0.04;
const DELIVERY_TIMEOUT = 0.06;
const FORGED_AT = 0.33;
const RETRIES = [0.18, 0.38] as const;
const QUEUE_BACKUP = [0.61, 0.65] as const;
const ERROR_SPIKE = [0.67, 0.725] as const;

export const TASK_MS = 400;
/** A provider's retry of a callback, compressed from seed 004's 30 s. */
export const RETRY_MS = 2000;
export const SPIKE_CODES = ['ERROR_CAPTCHA_UNSOLVABLE', 'ERROR_TIMEOUT'] as const;

/** The demo pipeline monitor's settings, scaled to its cycle like the other demo monitors' pace. */
export interface PipelinePace {
  /** 1 s at an 80 s cycle, so the stale alert is told a few checks before delivery-rate (about 3 s later) escalates it. */
  checkIntervalSeconds: number;
  /** An eighth of the cycle, 10 s (the engine's minimum) to 300 s (the default). */
  windowSeconds: number;
  /** Well inside the quiet spell (0.1 of a cycle). */
  staleSeconds: number;
  /** Past stale and well before the quiet spell ends, so delivery-rate escalates the stale alert. */
  deliveryTimeoutSeconds: number;
}

export function pipelinePace(cycleSeconds: number): PipelinePace {
  const p = pipelineCycleSeconds(cycleSeconds);
  const tenths = (fraction: number) => Math.round(p * fraction * 10) / 10;
  return {
    checkIntervalSeconds: Math.max(1, Math.min(5, Math.round(p / 60))),
    windowSeconds: Math.min(300, Math.max(10, Math.round(p / 8))),
    staleSeconds: tenths(STALE_AFTER),
    deliveryTimeoutSeconds: tenths(DELIVERY_TIMEOUT),
  };
}

/** The phase `elapsedMs` into the demo's run. */
export function pipelinePhaseOf(elapsedMs: number, cycleSeconds: number): PipelinePhase {
  return pipelinePhaseAt(fractionOf(elapsedMs, pipelineCycleSeconds(cycleSeconds) * 1000));
}

function pipelinePhaseAt(f: number): PipelinePhase {
  if (within(f, QUIET)) return 'quiet';
  if (within(f, RETRIES)) return 'retries';
  if (within(f, QUEUE_BACKUP)) return 'queue-backup';
  if (within(f, ERROR_SPIKE)) return 'error-spike';
  return 'steady';
}

/** One event as the user's own code posts it (`POST /events/:id`). */
export interface DemoTaskEvent {
  event: 'task.submitted' | 'task.completed' | 'task.failed';
  taskId: string;
  errorCode?: string;
  solveMs?: number;
  cost?: number;
  queueDepth?: number;
  workers?: number;
}

export interface DemoTaskPosts {
  /** Signed with the monitor's secret, oldest first. */
  signed: DemoTaskEvent[];
  /** Signed with a wrong secret: the intake must refuse each. */
  forged: DemoTaskEvent[];
}

/**
 * The events due in [fromMs, toMs) of the demo's run (ms since it started). Task ids start with
 * `taskPrefix`, so a restarted demo's tasks are not taken for retries of the last run's.
 */
export function demoTaskPosts(
  fromMs: number,
  toMs: number,
  cycleSeconds: number,
  taskPrefix: string,
): DemoTaskPosts {
  const cycleMs = pipelineCycleSeconds(cycleSeconds) * 1000;
  const fractionAt = (t: number) => fractionOf(t, cycleMs);
  const timed: Array<{ at: number; events: DemoTaskEvent[] }> = [];
  for (let k = firstTask(fromMs); k * TASK_MS < toMs; k++) {
    const phase = pipelinePhaseAt(fractionAt(k * TASK_MS));
    const [submitted, result] = task(k, phase, fractionAt(k * TASK_MS), taskPrefix);
    // Quiet: the callback is lost, so the task is missed once its delivery deadline passes.
    timed.push({ at: k * TASK_MS, events: phase === 'quiet' ? [submitted] : [submitted, result] });
  }
  for (let k = firstTask(fromMs - RETRY_MS); k * TASK_MS + RETRY_MS < toMs; k++) {
    if (pipelinePhaseAt(fractionAt(k * TASK_MS)) !== 'retries') continue;
    const [, result] = task(k, 'retries', 0, taskPrefix);
    timed.push({ at: k * TASK_MS + RETRY_MS, events: [result] });
  }
  const forged: DemoTaskEvent[] = [];
  for (let c = Math.floor(fromMs / cycleMs); c * cycleMs < toMs; c++) {
    const at = (c + FORGED_AT) * cycleMs;
    if (at >= fromMs && at < toMs) {
      forged.push({ event: 'task.completed', taskId: `${taskPrefix}-forged-${c}`, solveMs: 4200 });
    }
  }
  timed.sort((a, b) => a.at - b.at);
  return { signed: timed.flatMap((t) => t.events), forged };
}

/** Task k's submission and result. */
function task(
  k: number,
  phase: PipelinePhase,
  f: number,
  prefix: string,
): [submitted: DemoTaskEvent, result: DemoTaskEvent] {
  const taskId = `${prefix}-${k}`;
  const backedUp = phase === 'queue-backup';
  const progress = backedUp ? (f - QUEUE_BACKUP[0]) / (QUEUE_BACKUP[1] - QUEUE_BACKUP[0]) : 0;
  const submitted: DemoTaskEvent = {
    event: 'task.submitted',
    taskId,
    queueDepth: backedUp ? Math.round(620 + 780 * progress) : 20 + ((k * 37) % 40),
    workers: backedUp ? 3 : 8,
  };
  const fails = phase === 'error-spike' ? k % 5 !== 0 : k % 25 === 10;
  const errorCode = phase === 'error-spike' && k % 3 === 0 ? SPIKE_CODES[1] : SPIKE_CODES[0];
  const result: DemoTaskEvent = fails
    ? { event: 'task.failed', taskId, errorCode }
    : { event: 'task.completed', taskId, solveMs: 4000 + ((k * 7919) % 12_000), cost: 0.001 };
  return [submitted, result];
}

function fractionOf(t: number, cycleMs: number): number {
  return (((t % cycleMs) + cycleMs) % cycleMs) / cycleMs;
}

function firstTask(fromMs: number): number {
  return Math.max(0, Math.ceil(fromMs / TASK_MS));
}

function within(f: number, [from, to]: readonly [number, number]): boolean {
  return f >= from && f < to;
}
