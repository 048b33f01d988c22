// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertsOverview, StateSnapshot } from '../../../../src-main/api/contract.ts';
import type { DeliveryRecord } from '../../../../src-main/api/delivery-types.ts';
import { AlertsPage } from '../../../../src-renderer/pages/alerts/alerts-page.tsx';
import { fakeApi } from '../../fake-api.ts';
import { renderWithApp } from '../../render-with-app.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const state: StateSnapshot = {
  overall: 'ok',
  counts: { ok: 0, warning: 0, critical: 0, unknown: 0 },
  monitors: [],
  offline: null,
  alerts: { firing: 0, brokenChannels: [] },
  startedAt: 0,
  now: 0,
};

const overview = (over: Partial<AlertsOverview>): AlertsOverview =>
  ({ firing: [], transitions: [], deliveries: [], channels: [], snooze: {}, ...over }) as AlertsOverview;

const delivery = (title: string): DeliveryRecord => ({
  id: 1,
  outboxId: 1,
  channel: 'discord',
  at: Date.now(),
  outcome: 'delivered',
  status: 204,
  error: null,
  detail: null,
  title,
});

describe('the Alerts page', () => {
  it('reloads once after a burst of snapshots, so a delivery shows up without touching anything', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const answers = [overview({}), overview({ deliveries: [delivery('Solver API is down')] })];
    let calls = 0;
    const api = fakeApi({
      getAlerts: async () => answers[Math.min(calls++, answers.length - 1)] as AlertsOverview,
    });
    const page = renderWithApp(<AlertsPage />, api, state, { revision: 1 });
    await screen.findByText('Nothing is firing');
    expect(calls).toBe(1);

    page.update({ revision: 2 });
    page.update({ revision: 3 });
    await act(() => vi.advanceTimersByTimeAsync(600));
    expect(await screen.findByText('Solver API is down')).toBeTruthy();
    expect(calls).toBe(2);
  });

  it("says each transition's severity in words, and survives a transition without a valid time", async () => {
    const api = fakeApi({
      getAlerts: async () =>
        overview({
          transitions: [
            {
              monitorId: 'api',
              ruleId: 'r',
              time: Number.NaN,
              kind: 'fired',
              severity: 'critical',
              message: 'down',
            },
            { monitorId: 'api', ruleId: 'r', time: 1_000, kind: 'resolved', severity: 'ok', message: 'up' },
          ],
        }),
    });
    renderWithApp(<AlertsPage />, api, state);
    const list = (await screen.findByRole('heading', { name: 'Recent transitions' })).parentElement;
    if (!list) throw new Error('no section');
    const items = within(list).getAllByRole('listitem');
    expect(within(items[0] as HTMLElement).getByText('Critical')).toBeTruthy();
    expect(within(items[1] as HTMLElement).getByText('OK')).toBeTruthy();
  });
});
