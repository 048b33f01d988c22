import { type RefObject, useEffect, useState } from 'react';

const MARGIN_PX = 200;

/**
 * Whether the element has come into view at least once (near the viewport counts): a thousand cards
 * then fetch their histories as they are scrolled to, not all at once. Without IntersectionObserver
 * everything counts as seen.
 */
export function useSeen(ref: RefObject<Element | null>): boolean {
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    // Already on screen when it mounts (the first rows of cards): no need to wait for the observer.
    if (el.getBoundingClientRect().top < window.innerHeight + MARGIN_PX) {
      setSeen(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          observer.disconnect();
        }
      },
      { rootMargin: `${MARGIN_PX}px` },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen]);
  return seen;
}
