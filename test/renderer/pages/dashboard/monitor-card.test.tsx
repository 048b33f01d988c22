// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorStatus } from '../../../../src-main/api/contract.ts';
import { MonitorCard } from '../../../../src-renderer/pages/dashboard/monitor-card.tsx';
import { SampleValues } from '../../../../src-renderer/pages/monitor/sample-values.tsx';
import { monitorStatus } from '../../../support/state-snapshot.ts';
import { fakeApi } from '../../fake-api.ts';

afterEach(cleanup);

/** A status as an older engine or a hand-edited import might send it: no values, no breached list. */
const oddMonitor = (type: string): MonitorStatus =>
  ({
    id: `odd-${type}`,
    name: `Odd ${type}`,
    type,
    enabled: true,
    state: 'warning',
    since: null,
    lastCheck: 1_700_000_000_000,
    intervalSeconds: 60,
    sampleStatus: null,
    latencyMs: null,
    httpStatus: null,
    value: null,
    values: null,
    summary: 'something odd',
    error: null,
    breached: undefined,
    url: null,
  }) as unknown as MonitorStatus;

const api = fakeApi({ getHistory: () => new Promise(() => {}) });

describe('a monitor card with missing data', () => {
  it.each(['balance', 'callback-health', 'heartbeat', 'http', 'some-future-type'])(
    'still draws a %s monitor',
    (type) => {
      render(<MonitorCard api={api} monitor={oddMonitor(type)} now={1_700_000_060_000} currency="$" />);
      const card = screen.getByRole('article', { name: `Odd ${type}` });
      expect(card.getAttribute('data-state')).toBe('warning');
      expect(card.textContent).toContain('something odd');
    },
  );

  it('lists no values and no breached rules rather than throwing', () => {
    const { container } = render(<SampleValues monitor={oddMonitor('balance')} />);
    expect(container.querySelector('.values-grid')).toBeNull();
    expect(screen.queryByRole('list', { name: 'Breached rules' })).toBeNull();
  });
});

describe('a monitor card', () => {
  const NOW = 1_700_000_060_000;
  const balance = monitorStatus(
    {
      id: 'solver',
      name: 'Solver',
      type: 'balance',
      state: 'warning',
      values: { balance: 2.79, currency: '$' },
      summary: '[BALANCE] (2.79) < 10',
      breached: [
        {
          ruleId: 'balance-low',
          name: 'Balance low',
          severity: 'warning',
          breached: true,
          resolved: '[BALANCE] (2.79) < 10',
          threshold: 10,
        },
      ],
    },
    NOW,
  );

  it('says what is wrong in plain words, with the resolved condition only in the disclosure', () => {
    render(<MonitorCard api={api} monitor={balance} now={NOW} currency="$" />);
    const card = screen.getByRole('article', { name: 'Solver' });
    const detail = card.querySelector('details');
    expect(card.querySelector('.card-summary p')?.textContent).toBe(
      'Balance $2.79 — below the $10.00 warning',
    );
    expect(detail?.querySelector('code')?.textContent).toBe('[BALANCE] (2.79) < 10');
    detail?.remove();
    expect(card.textContent).not.toMatch(/\[[A-Z_]+\]/);
  });

  it('shows its own snooze', () => {
    render(<MonitorCard api={api} monitor={balance} now={NOW} currency="$" snoozedUntil={null} />);
    expect(screen.getByText('Snoozed until resumed')).toBeTruthy();
  });
});
