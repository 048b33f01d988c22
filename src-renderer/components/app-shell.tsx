import type { ReactNode } from 'react';
import type { Route } from '../routing/route.ts';
import { useApp } from '../state/app-context.ts';
import { StateBadge } from './state-badge.tsx';

const LINKS = [
  {
    label: 'Dashboard',
    href: '#/',
    active: (r: Route) => r.name === 'dashboard' || r.name === 'monitor' || r.name === 'demo',
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
  const { live } = useApp();
  const state = live.state;
  const monitored = state ? state.monitors.filter((m) => m.enabled).length : 0;
  return (
    <div className="app">
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
        {state && monitored > 0 ? (
          <div className="overall" title="Worst state of all monitors">
            <span className="visually-hidden">Overall: </span>
            <StateBadge state={state.overall} />
          </div>
        ) : null}
      </header>
      <main id="main-content" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
