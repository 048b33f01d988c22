import { useCallback, useSyncExternalStore } from 'react';

// One timer for every clock on the page: a thousand cards must not run a thousand intervals.
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

/** Told once a second while anyone listens. */
export function subscribeSecond(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    for (const l of listeners) l();
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const still = () => () => {};

/**
 * What `read` makes of the current time, kept current by the shared one-second tick while `ticking`;
 * the component redraws only when that answer changes ("7 s ago" → "8 s ago", not every tick of a coarse clock).
 */
export function useClock<T>(read: (now: number) => T, ticking = true): T {
  const subscribe = useCallback(
    (listener: () => void) => (ticking ? subscribeSecond(listener) : still()),
    [ticking],
  );
  return useSyncExternalStore(subscribe, () => read(Date.now()));
}
