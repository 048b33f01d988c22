import { type ReactNode, useEffect, useRef } from 'react';
import { pageKey, pageTitle } from '../routing/page-title.ts';
import type { Route } from '../routing/route.ts';
import { useAppStore } from '../state/app-context.ts';
import { useLiveValue } from '../state/live-store.ts';
import { ConnectionBanner } from './connection-banner.tsx';
import { StateBadge } from './state-badge.tsx';
import './app-shell.css';

const LINKS = [
  {
    label: 'Dashboard',
    href: '#/',
    active: (r: Route) => r.name === 'dashboard' || r.name === 'monitor',
  },
  { label: 'Alerts', href: '#/alerts', active: (r: Route) => r.name === 'alerts' },
  {
    label: 'Settings',
    href: '#/settings',
    active: (r: Route) => r.name === 'settings' || r.name === 'monitor-new' || r.name === 'monitor-edit',
  },
] as const;

/** Brand, main navigation (a sidebar when wide, a top bar in the compact tray window) and the page. */
export function AppShell({ route, children }: { route: Route; children: ReactNode }) {
  const { store } = useAppStore();
  // Only what the shell shows: a live event redraws it when the overall state or the title moves.
  const connection = useLiveValue(store, (live) => live.connection);
  const overall = useLiveValue(store, (live) => live.state?.overall);
  const monitored = useLiveValue(store, (live) => live.state?.monitors.some((m) => m.enabled) ?? false);
  const title = useLiveValue(store, () => pageTitle(route, (id) => store.monitor(id)?.name));
  const mainRef = useRef<HTMLElement>(null);
  const page = pageKey(route);
  const firstPage = useRef(page);

  useEffect(() => {
    document.title = title;
  }, [title]);

  useEffect(() => {
    // On the first page the browser's own focus is right; after a navigation it would stay on the link.
    if (firstPage.current === page) return;
    firstPage.current = '';
    focusPage(mainRef.current);
  }, [page]);

  const skipToMain = () => mainRef.current?.focus();

  return (
    <div className="app">
      {/* A button: a `#main-content` link would change the hash route. */}
      <button type="button" className="skip-link" onClick={skipToMain}>
        Skip to content
      </button>
      <header className="app-header">
        <a className="brand" href="#/">
          <span className="brand-mark" aria-hidden="true" />
          Solvewatch
        </a>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {LINKS.map((link) => (
              <li key={link.label}>
                <a href={link.href} aria-current={link.active(route) ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {overall && monitored ? (
          <div className="overall" title="Worst state of all monitors">
            <span className="visually-hidden">Overall: </span>
            {/* Without the engine's events the last known state is not a state any more. */}
            <StateBadge state={connection.status === 'live' ? overall : 'unknown'} />
          </div>
        ) : null}
      </header>
      <main id="main-content" className="app-main" tabIndex={-1} ref={mainRef}>
        <ConnectionBanner connection={connection} />
        {children}
      </main>
    </div>
  );
}

/** Focus the new page's heading so a screen reader starts there; the page itself when none is shown yet. */
function focusPage(main: HTMLElement | null): void {
  if (!main) return;
  const heading = main.querySelector<HTMLElement>('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  } else {
    main.focus();
  }
}
