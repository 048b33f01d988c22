import { type RefObject, useLayoutEffect, useState } from 'react';

export interface OnScreen {
  /** Rendered now: in view or near it (or holding focus or a find-in-page match). */
  onScreen: boolean;
  /** Has been on screen at least once. */
  seen: boolean;
}

const MARGIN_PX = 200;

/**
 * Whether a `content-visibility: auto` element is being rendered, from the browser's own
 * `contentvisibilityautostatechange` events: it already tracks this for every card, so a thousand
 * cards need no IntersectionObserver of their own. Browsers without the event fall back to one;
 * without either, everything counts as on screen.
 */
export function useOnScreen(ref: RefObject<Element | null>): OnScreen {
  const [state, setState] = useState<OnScreen>(() =>
    typeof IntersectionObserver === 'undefined' && !stateEventSupported()
      ? { onScreen: true, seen: true }
      : { onScreen: false, seen: false },
  );
  // A layout effect: the listener must be in place before the browser lays the element out and fires its first event.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const show = (onScreen: boolean) => setState((s) => ({ onScreen, seen: s.seen || onScreen }));
    if (stateEventSupported()) {
      // Fired once when the element is first laid out, then at each change.
      const listener = (e: Event) => show(!(e as ContentVisibilityAutoStateChangeEvent).skipped);
      el.addEventListener('contentvisibilityautostatechange', listener);
      return () => el.removeEventListener('contentvisibilityautostatechange', listener);
    }
    if (typeof IntersectionObserver === 'undefined') return;
    // Already in view when it mounts (the first rows of cards): no need to wait for the observer.
    if (el.getBoundingClientRect().top < window.innerHeight + MARGIN_PX) show(true);
    const observer = new IntersectionObserver((entries) => show(entries.some((e) => e.isIntersecting)), {
      rootMargin: `${MARGIN_PX}px`,
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return state;
}

function stateEventSupported(): boolean {
  return typeof ContentVisibilityAutoStateChangeEvent !== 'undefined';
}
