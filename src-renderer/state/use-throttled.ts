import { useEffect, useRef, useState } from 'react';

/**
 * `value`, changing at most once every `ms`: the first change after a quiet spell shows at once,
 * later ones wait for the rest of the spell and then show the latest. Mounting counts as a change.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const shownAt = useRef<number | null>(null);
  useEffect(() => {
    shownAt.current ??= Date.now();
  }, []);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const show = () => {
      shownAt.current = Date.now();
      setShown(value);
    };
    const wait = (shownAt.current ?? 0) + ms - Date.now();
    if (wait <= 0) {
      show();
      return;
    }
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
