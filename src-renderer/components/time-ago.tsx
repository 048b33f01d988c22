import { useEffect, useState } from 'react';
import { formatRelative } from '../../src-main/api/number-format.ts';

// One timer for every "7 s ago" on the page: a thousand cards must not run a thousand intervals.
const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: (now: number) => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    const now = Date.now();
    for (const l of listeners) l(now);
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * "7 s ago", kept current by a shared one-second tick; only this text re-renders, and only when
 * its words change.
 */
export function TimeAgo({ time }: { time: number }) {
  const text = (now: number) => formatRelative(time, Math.max(now, time));
  const [shown, setShown] = useState(() => text(Date.now()));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `text` only closes over `time`.
  useEffect(() => {
    setShown(text(Date.now()));
    return subscribe((now) => setShown(text(now)));
  }, [time]);
  return <>{shown}</>;
}
