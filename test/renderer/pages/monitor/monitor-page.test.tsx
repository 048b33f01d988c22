// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MonitorHistory, MonitorStatus, StateSnapshot } from '../../../../src-main/api/contract.ts';
import type { HistoryWindow } from '../../../../src-main/api/history-types.ts';
import { MonitorPage } from '../../../../src-renderer/pages/monitor/monitor-page.tsx';
import { fakeApi } from '../../fake-api.ts';
import { renderWithApp } from '../../render-with-app.tsx';

afterEach(cleanup);

const NOW = Date.now();

const monitorOf = (type: string, extra: Partial<MonitorStatus> = {}): MonitorStatus => ({
  id: 'm1',
  name: 'Solver',
  type,
  enabled: true,
  state: 'ok',
  since: NOW - 3_600_000,
  lastCheck: NOW - 1000,
  intervalSeconds: 60,
  sampleStatus: 'up',
  latencyMs: 120,
  httpStatus: null,
  value: 3,
  values: {},
  summary: 'OK',
  error: null,
  breached: [],
  url: null,
  ...extra,
});

const stateWith = (monitor: MonitorStatus): StateSnapshot => ({
  overall: monitor.state,
  counts: { ok: 1, warning: 0, critical: 0, unknown: 0 },
  monitors: [monitor],
  offline: null,
  alerts: { firing: 0, brokenChannels: [] },
  startedAt: 0,
  now: NOW,
});

const historyOf = (window: HistoryWindow, changes = 0): MonitorHistory => ({
  id: 'm1',
  window,
  summary: {
    window,
    from: NOW - 3_600_000,
    to: NOW,
    checks: 2,
    uptime: 1,
    latencyAvgMs: 120,
    latencyP95Ms: 130,
  },
  series: { t: [NOW - 60_000, NOW], latencyMs: [110, 130], uptime: [1, 1], value: [2, 3] },
  stateChanges: Array.from({ length: changes }, (_, i) => ({
    monitorId: 'm1',
    time: NOW - (i + 1) * 60_000,
    from: i % 2 ? 'critical' : 'ok',
    to: i % 2 ? 'ok' : 'critical',
    reason: `change ${i + 1}`,
  })),
});

const baseApi = {
  getConfig: async () => ({ monitors: [] }),
  getAlerts: () => new Promise<never>(() => {}),
};

describe('the monitor page', () => {
  it.each([
    ['heartbeat', 'Seconds since last beat'],
    ['balance', 'Balance'],
    ['callback-health', 'Callback error rate'],
    ['some-future-type', 'Value'],
  ])('titles the value chart of a %s monitor "%s"', async (type, label) => {
    const api = fakeApi({ ...baseApi, getHistory: async ({ window }) => historyOf(window ?? '24h') });
    renderWithApp(<MonitorPage id="m1" />, api, stateWith(monitorOf(type)));
    const chart = await screen.findByTestId('chart-value');
    expect(chart.querySelector('figcaption')?.textContent).toBe(label);
    expect(within(chart).getByRole('img').getAttribute('aria-label')).toBe(`${label} over the last 24 hours`);
  });
});

describe('a heartbeat monitor page', () => {
  it('shows the last beat and the absolute push URL, and no latency of checks it never makes', async () => {
    const api = fakeApi({
      ...baseApi,
      getHistory: async ({ window }) => historyOf(window ?? '24h'),
      getHost: async () => ({
        kind: 'headless' as const,
        startAtLogin: null,
        notifications: { supported: false },
        secrets: { storage: 'config-file' as const, backend: null },
        notices: [],
        paths: { settings: '/tmp/config.json', data: '/tmp' },
      }),
    });
    const beat = monitorOf('heartbeat', {
      values: { seconds_since_beat: 5 },
      latencyMs: null,
      url: '/push/worker',
    });
    renderWithApp(<MonitorPage id="m1" />, api, stateWith(beat));
    await screen.findByTestId('chart-value');
    expect(screen.getByText('Last beat').nextElementSibling?.textContent).toMatch(/ s ago$/);
    expect(screen.getAllByText('Last beat')).toHaveLength(1);
    expect(await screen.findByText(`${globalThis.location.origin}/push/worker`)).toBeTruthy();
    expect(screen.queryByTestId('chart-latency')).toBeNull();
    expect(screen.queryByText('Check p95 latency')).toBeNull();
    expect(screen.queryByText('Last check')).toBeNull();
  });
});

describe('the monitor page history', () => {
  it('is not fetched again for every check, but is after "Check now"', async () => {
    const getHistory = vi.fn(async ({ window }: { window?: HistoryWindow }) => historyOf(window ?? '24h'));
    const api = fakeApi({ ...baseApi, getHistory, checkNow: async () => ({ checked: ['m1'] }) });
    const monitor = monitorOf('http');
    const { update } = renderWithApp(<MonitorPage id="m1" />, api, stateWith(monitor));
    await screen.findByTestId('chart-latency');
    for (const later of [5_000, 10_000]) {
      update({ state: stateWith({ ...monitor, lastCheck: NOW + later }) });
      await act(() => Promise.resolve());
    }
    expect(getHistory).toHaveBeenCalledTimes(1);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(getHistory).toHaveBeenCalledTimes(2));
  });
});

describe('switching the history window', () => {
  it('keeps the previous charts, marked busy, until the new window arrives', async () => {
    let resolve7d: (h: MonitorHistory) => void = () => {};
    const getHistory = ({ window }: { window?: HistoryWindow }) =>
      window === '7d'
        ? new Promise<MonitorHistory>((r) => (resolve7d = r))
        : Promise.resolve(historyOf('24h'));
    const api = fakeApi({ ...baseApi, getHistory });
    renderWithApp(<MonitorPage id="m1" />, api, stateWith(monitorOf('http')));
    const section = screen.getByRole('region', { name: 'History' });
    await screen.findByTestId('chart-latency');
    expect(section.getAttribute('aria-busy')).toBe('false');

    await userEvent.setup().click(screen.getByRole('button', { name: '7d' }));
    expect(section.getAttribute('aria-busy')).toBe('true');
    expect(within(screen.getByTestId('chart-latency')).getByRole('img').getAttribute('aria-label')).toBe(
      'Latency over the last 24 hours',
    );

    await act(async () => resolve7d(historyOf('7d')));
    expect(section.getAttribute('aria-busy')).toBe('false');
    expect(within(screen.getByTestId('chart-latency')).getByRole('img').getAttribute('aria-label')).toBe(
      'Latency over the last 7 days',
    );
  });
});

describe('the incident list', () => {
  it('shows 50 state changes at a time', async () => {
    const api = fakeApi({ ...baseApi, getHistory: async () => historyOf('24h', 120) });
    renderWithApp(<MonitorPage id="m1" />, api, stateWith(monitorOf('http')));
    const incidents = screen.getByRole('region', { name: 'Incidents' });
    const user = userEvent.setup();
    await waitFor(() => expect(within(incidents).getAllByRole('listitem')).toHaveLength(50));
    expect(within(incidents).getAllByRole('listitem')[0]?.textContent).toContain('change 1');
    await user.click(within(incidents).getByRole('button', { name: 'Show more' }));
    expect(within(incidents).getAllByRole('listitem')).toHaveLength(100);
    await user.click(within(incidents).getByRole('button', { name: 'Show more' }));
    expect(within(incidents).getAllByRole('listitem')).toHaveLength(120);
    expect(within(incidents).queryByRole('button', { name: 'Show more' })).toBeNull();
  });
});

describe('the monitor page: certificate, held alerts, insecure TLS', () => {
  it('shows days left, valid to and issuer of the certificate, who holds the alerts, and a skipped verification', async () => {
    const api = fakeApi({ ...baseApi, getHistory: async ({ window }) => historyOf(window ?? '24h') });
    const monitor = monitorOf('http', {
      state: 'critical',
      heldBy: 'API',
      tlsInsecure: true,
      values: {
        cert_days_left: 4.93,
        cert_valid_to: '2026-12-06T22:18:23.000Z',
        cert_issuer: 'CN=Private CA',
        cert_subject: 'CN=callbacks.internal',
      },
    });
    renderWithApp(<MonitorPage id="m1" />, api, stateWith(monitor));
    const fact = async (term: string) =>
      (await screen.findByText(term, { selector: 'dt' })).parentElement?.querySelector('dd')?.textContent;
    expect(await fact('Certificate')).toMatch(/^4\.9 days left · valid to .+ · issued by CN=Private CA$/);
    expect(await fact('Alerts')).toBe('held: API is down');
    expect(await fact('TLS')).toContain('not verified');
  });

  it('says how long ago an expired certificate expired', async () => {
    const api = fakeApi({ ...baseApi, getHistory: async ({ window }) => historyOf(window ?? '24h') });
    const monitor = monitorOf('http', {
      values: { cert_days_left: -1.04, cert_valid_to: '2026-11-30T22:18:23.000Z', cert_issuer: '' },
    });
    renderWithApp(<MonitorPage id="m1" />, api, stateWith(monitor));
    const term = await screen.findByText('Certificate', { selector: 'dt' });
    expect(term.parentElement?.querySelector('dd')?.textContent).toMatch(/^expired 1 day ago · valid to /);
  });
});
