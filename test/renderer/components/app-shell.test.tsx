// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppShell } from '../../../src-renderer/components/app-shell.tsx';
import type { Route } from '../../../src-renderer/routing/route.ts';
import { AppContext } from '../../../src-renderer/state/app-context.ts';
import { createLiveStore } from '../../../src-renderer/state/live-store.ts';
import { fakeApi } from '../fake-api.ts';

afterEach(cleanup);

const store = createLiveStore();

const shell = (route: Route, heading: string) => (
  <AppContext.Provider value={{ api: fakeApi({}), store }}>
    <AppShell route={route}>
      <h1>{heading}</h1>
    </AppShell>
  </AppContext.Provider>
);

describe('moving to another page', () => {
  it('names the window after the page and puts focus on its heading', () => {
    const { rerender } = render(shell({ name: 'dashboard' }, 'Dashboard'));
    expect(document.title).toBe('Dashboard — Solvewatch');

    rerender(shell({ name: 'alerts' }, 'Alerts'));
    expect(document.title).toBe('Alerts — Solvewatch');
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Alerts' }));
  });

  it('leaves focus alone on the first page', () => {
    render(shell({ name: 'settings', section: 'monitors' }, 'Settings'));
    expect(document.title).toBe('Settings — Solvewatch');
    expect(document.activeElement).toBe(document.body);
  });
});

describe('the main navigation', () => {
  it('marks no page current on the demo inbox, which is none of them', () => {
    render(shell({ name: 'demo' }, 'Demo inbox'));
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav.querySelector('[aria-current="page"]')).toBeNull();
  });
});
