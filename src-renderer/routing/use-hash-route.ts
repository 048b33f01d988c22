import { useEffect, useState } from 'react';
import { parseRoute, type Route } from './route.ts';

/** The current route, following `hashchange` (links, back/forward, the desktop shell opening a monitor). */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    update();
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** Navigates in code (after saving a form…); links use plain `href`s. */
export function navigate(href: string): void {
  window.location.hash = href.replace(/^#/, '');
}
