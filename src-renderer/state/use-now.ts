import { useEffect, useState } from 'react';

/** The current time, re-rendering every `everyMs` so "12 s ago" keeps ticking without asking the engine. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
