// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

  it('stays usable at 1,000 transitions: a page at a time, filters by monitor, severity and kind, muted repeats folded', async () => {
    const now = Date.now();
    const transitions = Array.from({ length: 1000 }, (_, i) => ({
      monitorId: `m${i % 10}`,
      ruleId: 'down',
      time: now - i * 1000,
      kind: i % 2 ? 'fired' : 'resolved',
      severity: i % 2 ? 'critical' : 'ok',
      message: `event ${i}`,
    }));
    const api = fakeApi({ getAlerts: async () => overview({ transitions }) });
    const user = userEvent.setup();
    renderWithApp(<AlertsPage />, api, state);
    const section = (await screen.findByRole('heading', { name: 'Recent transitions' }))
      .parentElement as HTMLElement;
    expect(screen.queryByRole('button', { name: 'Refresh' })).toBeNull();
    expect(within(section).getAllByRole('listitem')).toHaveLength(100);
    expect(within(section).getByText('100 of 1,000 lines')).toBeTruthy();
    expect(within(section).getAllByText('7 s ago').length).toBeGreaterThan(0);

    await user.click(within(section).getByRole('button', { name: 'Show 100 more' }));
    expect(within(section).getAllByRole('listitem')).toHaveLength(200);

    await user.selectOptions(within(section).getByLabelText('Monitor'), 'm3');
    await user.selectOptions(within(section).getByLabelText('Kind'), 'fired');
    expect(within(section).getByText('100 of 100 lines')).toBeTruthy();
    await user.selectOptions(within(section).getByLabelText('Severity'), 'ok');
    expect(within(section).getByText('No transitions match')).toBeTruthy();
  });

  it('shows a snoozed minute of muted reminders as one line with its count', async () => {
    const now = Date.now();
    const transitions = [
      ...Array.from({ length: 60 }, (_, i) => ({
        monitorId: 'api',
        ruleId: 'down',
        time: now - i * 1000,
        kind: 'reminder.quiet',
        severity: 'critical',
        message: 'HTTP 500 (expected 2xx) (snoozed)',
      })),
      {
        monitorId: 'api',
        ruleId: 'down',
        time: now - 120_000,
        kind: 'fired',
        severity: 'critical',
        message: 'x',
      },
    ];
    const api = fakeApi({ getAlerts: async () => overview({ transitions }) });
    renderWithApp(<AlertsPage />, api, state);
    const section = (await screen.findByRole('heading', { name: 'Recent transitions' }))
      .parentElement as HTMLElement;
    const items = within(section).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('Reminder (not notified)×60');
  });
});
