/** Backoff after a `retry` without a server-given wait: 7 tries over about 15 minutes, then give up. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  10_000, 30_000, 60_000, 150_000, 300_000, 360_000,
];

/** Server-given waits (429 `retry_after`, `Retry-After`) are free, up to this many per message. */
export const MAX_SERVER_WAITS = 50;

/** A server asking for longer than this is retried after this long instead. */
export const MAX_SERVER_WAIT_MS = 3_600_000;

/** Backoff delays vary by ±20 % so that channels recovering together do not retry in lockstep. */
export const JITTER = 0.2;

export interface RetryCounters {
  /** Backoff tries used. */
  backoffs: number;
  /** Server-given waits used. */
  waits: number;
}

export interface RetryPlan {
  delayMs: number;
  counters: RetryCounters;
}

/**
 * When to try a message again after a `retry` answer, or null when its tries are used up. A wait the
 * server asked for is honoured exactly and costs no backoff try, until MAX_SERVER_WAITS of them.
 */
export function nextRetry(
  retryAfterMs: number | null,
  counters: RetryCounters,
  schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE_MS,
  random: () => number = Math.random,
): RetryPlan | null {
  if (retryAfterMs !== null && Number.isFinite(retryAfterMs) && counters.waits < MAX_SERVER_WAITS) {
    const delayMs = Math.min(Math.max(0, Math.ceil(retryAfterMs)), MAX_SERVER_WAIT_MS);
    return { delayMs, counters: { ...counters, waits: counters.waits + 1 } };
  }
  const base = schedule[counters.backoffs];
  if (base === undefined) return null;
  const factor = 1 - JITTER + 2 * JITTER * Math.min(1, Math.max(0, random()));
  return { delayMs: Math.round(base * factor), counters: { ...counters, backoffs: counters.backoffs + 1 } };
}
