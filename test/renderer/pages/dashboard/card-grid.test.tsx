// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorStatus } from '../../../../src-main/api/contract.ts';
import { LiveMonitorCard } from '../../../../src-renderer/pages/dashboard/card-grid.tsx';
import { DashboardPage } from '../../../../src-renderer/pages/dashboard/dashboard-page.tsx';
import { AppContext } from '../../../../src-renderer/state/app-context.ts';
import { applyEvents } from '../../../../src-renderer/state/apply-event.ts';
import { createLiveStore, type LiveStore } from '../../../../src-renderer/state/live-store.ts';
import { monitorStatus, stateSnapshot } from '../../../support/state-snapshot.ts';
import { fakeApi } from '../../fake-api.ts';
import { renderWithApp } from '../../render-with-app.tsx';

afterEach(cleanup);

const NOW = Date.now();
// Checked hours ago: "3 h ago" does not move while a test runs, so only the events below redraw.
const monitors = ['a', 'b', 'c'].map((id) =>
  monitorStatus({ id, name: `Endpoint ${id}`, lastCheck: NOW - 3 * 3_600_000 }, NOW),
);
const api = fakeApi({ getHistory: () => new Promise(() => {}), getHost: () => new Promise(() => {}) });

/** The engine's next reading of one monitor, applied as the live stream would. */
function check(store: LiveStore, over: Partial<MonitorStatus> & { id: string }) {
  const known = store.monitor(over.id);
  if (!known) throw new Error(`no monitor ${over.id}`);
  const event = { type: 'monitor' as const, monitor: { ...known, ...over }, overall: 'critical' as const };
  act(() => store.set({ state: applyEvents(store.get().state, [event]) }));
}

describe('a live update on the dashboard', () => {
  it('redraws the card of the monitor it is about and no other', () => {
    const store = createLiveStore({ state: stateSnapshot(monitors, NOW) });
    const renders = new Map<string, number>();
    const counted = (id: string) => renders.get(id) ?? 0;
    render(
      <AppContext.Provider value={{ api, store }}>
        {monitors.map((m) => (
          <Profiler key={m.id} id={m.id} onRender={(id) => renders.set(id, counted(id) + 1)}>
            <LiveMonitorCard id={m.id} currency="$" />
          </Profiler>
        ))}
      </AppContext.Provider>,
    );
    const before = new Map(renders);

    check(store, { id: 'b', state: 'critical', latencyMs: 900, lastCheck: NOW - 3 * 3_600_000 + 1 });

    expect(counted('b')).toBeGreaterThan(before.get('b') ?? 0);
    expect(counted('a')).toBe(before.get('a'));
    expect(counted('c')).toBe(before.get('c'));
    expect(screen.getByRole('article', { name: 'Endpoint b' }).dataset.state).toBe('critical');
  });

  it('changes no element of the page outside that card', async () => {
    const { store, container } = renderWithApp(<DashboardPage />, api, stateSnapshot(monitors, NOW));
    const cardB = screen.getByRole('article', { name: 'Endpoint b' });
    const changed = new Set<Node>();
    const observer = new MutationObserver((records) => {
      for (const r of records) changed.add(r.target);
    });
    observer.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });

    check(store, { id: 'b', state: 'warning', latencyMs: 640 });
    await act(() => Promise.resolve());
    observer.disconnect();

    expect(cardB.dataset.state).toBe('warning');
    const outside = [...changed].filter((n) => !cardB.contains(n) && !n.contains(cardB));
    const summary = screen.getByText(/OK ·|warning/, { selector: '.page-summary' });
    // The page's own summary moves with the counts; nothing else outside the card does.
    expect(outside.every((n) => summary.contains(n))).toBe(true);
    expect(changed.size).toBeGreaterThan(0);
  });
});
