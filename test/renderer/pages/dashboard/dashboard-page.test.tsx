// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { StateSnapshot } from '../../../../src-main/api/contract.ts';
import { startHttpTarget } from '../../../../src-main/fakes/http-target.ts';
import { DashboardPage } from '../../../../src-renderer/pages/dashboard/dashboard-page.tsx';
import { temporaryDirs } from '../../../support/temp-dir.ts';
import { fakeApi } from '../../fake-api.ts';
import { type RealServer, startRealServer } from '../../real-server.ts';
import { renderWithApp } from '../../render-with-app.tsx';

const tempDir = temporaryDirs();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  cleanup();
  for (const close of closers.splice(0)) await close();
  window.location.hash = '';
});

async function start(config: unknown): Promise<RealServer> {
  const s = await startRealServer(tempDir(), config);
  closers.push(() => s.headless.stop());
  return s;
}

const emptyState = (): StateSnapshot => ({
  overall: 'unknown',
  counts: { ok: 0, warning: 0, critical: 0, unknown: 0 },
  monitors: [],
  offline: null,
  alerts: { firing: 0, brokenChannels: [] },
  startedAt: 0,
  now: Date.now(),
});

describe('the dashboard', () => {
  it('welcomes a first-time user and leads to the new-monitor form', async () => {
    const s = await start({ monitors: [] });
    const user = userEvent.setup();
    renderWithApp(<DashboardPage />, s.api, await s.api.getState({}));
    expect(screen.getByRole('heading', { name: 'Welcome to Solvewatch' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add an endpoint' }));
    expect(window.location.hash).toBe('#/settings/monitors/new');
  });

  it('explains that the demo is missing when the engine answers 501', async () => {
    const api = fakeApi({
      getConfig: async () => ({ monitors: [] }),
      getDemo: async () => ({ available: false, running: false, monitorIds: [], inbox: [] }),
      getHost: () => new Promise(() => {}),
      startDemo: () => Promise.reject({ message: 'the demo is not available in this build', status: 501 }),
    });
    const user = userEvent.setup();
    renderWithApp(<DashboardPage />, api, emptyState());
    await user.click(screen.getByRole('button', { name: 'Try the demo' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The demo is not available in this build',
    );
  });

  it('shows one card per monitor with its state as a word, and paused ones as Paused', async () => {
    const target = await startHttpTarget();
    closers.push(() => target.close());
    const s = await start({
      monitors: [
        { id: 'api', name: 'Solver API', type: 'http', url: target.url },
        { id: 'off', name: 'Staging', type: 'http', url: target.url, enabled: false },
      ],
    });
    await s.api.checkNow({});
    const state = await s.api.getState({});
    renderWithApp(<DashboardPage />, s.api, state);

    const api = screen.getByRole('article', { name: 'Solver API' });
    expect(api.dataset.state).toBe('ok');
    expect(within(api).getByText('OK')).toBeTruthy();
    expect(within(api).getByText(/\d+ ms/)).toBeTruthy();
    expect(within(api).getByRole('link', { name: 'Solver API' }).getAttribute('href')).toBe('#/monitors/api');

    const off = screen.getByRole('article', { name: 'Staging' });
    expect(off.dataset.state).toBe('disabled');
    expect(within(off).getByText('Paused')).toBeTruthy();
    await waitFor(() => expect(within(api).getByText('100 %')).toBeTruthy());
  });

  it('tells the user when alerts are snoozed and when a channel is broken', async () => {
    const s = await start({
      monitors: [{ id: 'api', type: 'http', url: 'http://127.0.0.1:9/', enabled: false }],
    });
    await s.api.snooze({ minutes: null });
    const state = await s.api.getState({});
    renderWithApp(<DashboardPage />, s.api, {
      ...state,
      alerts: { ...state.alerts, brokenChannels: ['discord'] },
    });
    expect(screen.getByText('Alerts are snoozed')).toBeTruthy();
    expect(screen.getByText('Snoozed until resumed')).toBeTruthy();
    expect(screen.getByText('Notifications are not getting through').parentElement?.textContent).toContain(
      'Discord',
    );
  });

  it('shows the maintenance window under way, the next one, and "Maintenance" on the covered card', async () => {
    const s = await start({
      monitors: [
        { id: 'api', type: 'http', url: 'http://127.0.0.1:9/', intervalSeconds: 3600 },
        { id: 'db', type: 'http', url: 'http://127.0.0.1:9/', intervalSeconds: 3600 },
      ],
      maintenance: [
        { id: 'later', name: 'Weekly reboot', start: '2099-01-04T03:00:00Z', end: '2099-01-04T04:00:00Z' },
      ],
    });
    await s.api.startMaintenance({ name: 'Deploy', monitors: ['api'], minutes: 30 });
    renderWithApp(<DashboardPage />, s.api, await s.api.getState({}));
    expect(screen.getByText('Maintenance: Deploy').parentElement?.textContent).toContain('for api.');
    expect(screen.getByText('Weekly reboot')).toBeTruthy();
    expect(screen.getAllByText('Maintenance — checks recorded, alerts not sent')).toHaveLength(1);
  });
});
