import type { Clock } from '../clock.ts';

/** Time for notifiers: `sleep` rejects when `signal` aborts. Tests pass a virtual clock so nothing really waits. */
export interface NotifierClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** The engine's clock as notifiers use it, so a manual test clock also rules their waits. */
export function notifierClock(clock: Clock): NotifierClock {
  return {
    now: () => clock.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        signal.throwIfAborted();
        const onAbort = () => {
          clock.clearTimeout(timer);
          reject(signal.reason);
        };
        const timer = clock.setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        signal.addEventListener('abort', onAbort, { once: true });
      }),
  };
}

export interface RateLimiterOptions {
  /** Requests allowed per window and key (Discord webhooks: 5 per 2 s). */
  limit?: number;
  windowMs?: number;
  clock: NotifierClock;
}

interface KeyState {
  sent: number[];
  blockedUntil: number;
}

/**
 * Paces requests per key (a webhook): at most `limit` starts within any `windowMs`, and none before
 * a time the server asked for (rate-limit headers or a 429). Waiting happens in `acquire`.
 */
export class WebhookRateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly clock: NotifierClock;
  private readonly keys = new Map<string, KeyState>();

  constructor(options: RateLimiterOptions) {
    this.limit = options.limit ?? 5;
    this.windowMs = options.windowMs ?? 2000;
    this.clock = options.clock;
  }

  /** Resolves when a request for `key` may start, and counts it; rejects when `signal` aborts. */
  async acquire(key: string, signal: AbortSignal): Promise<void> {
    const state = this.state(key);
    for (;;) {
      signal.throwIfAborted();
      const now = this.clock.now();
      while (state.sent.length > 0 && (state.sent[0] ?? 0) <= now - this.windowMs) state.sent.shift();
      const windowFreeAt = state.sent.length >= this.limit ? (state.sent[0] ?? now) + this.windowMs : now;
      const readyAt = Math.max(windowFreeAt, state.blockedUntil);
      if (readyAt <= now) {
        state.sent.push(now);
        return;
      }
      await this.clock.sleep(readyAt - now, signal);
    }
  }

  /** No request for `key` starts before `until` (epoch ms). */
  blockUntil(key: string, until: number): void {
    const state = this.state(key);
    state.blockedUntil = Math.max(state.blockedUntil, until);
  }

  /** Applies `X-RateLimit-Remaining` / `X-RateLimit-Reset-After` from an answer. */
  observe(key: string, headers: Record<string, string | string[] | undefined>): void {
    const remaining = headerValue(headers, 'x-ratelimit-remaining')?.trim();
    const resetAfter = Number(headerValue(headers, 'x-ratelimit-reset-after'));
    if (remaining && Number(remaining) <= 0 && Number.isFinite(resetAfter)) {
      this.blockUntil(key, this.clock.now() + Math.ceil(Math.max(0, resetAfter) * 1000));
    }
  }

  private state(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) {
      state = { sent: [], blockedUntil: 0 };
      this.keys.set(key, state);
    }
    return state;
  }
}

export function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `Retry-After` in milliseconds: delay-seconds (fractions allowed) or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined || value.trim() === '') return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}
