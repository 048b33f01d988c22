import { describe, expect, it } from 'vitest';
import type { MonitorStatus } from '../../../src-main/api/contract.ts';
import { balanceTrend, displayState, headline } from '../../../src-renderer/format/monitor-display.ts';
import { monitorStatus } from '../../support/state-snapshot.ts';

const now = 1_700_000_000_000;
const status = (patch: Partial<MonitorStatus>): MonitorStatus =>
  monitorStatus(
    {
      id: 'm',
      name: 'M',
      since: null,
      lastCheck: now - 10_000,
      intervalSeconds: 60,
      latencyMs: 87,
      ...patch,
    },
    now,
  );

describe('the number a card leads with', () => {
  it.each([
    ['http', {}, 'Latency', '87 ms'],
    ['balance', { values: { balance: 8.42 }, value: 8.42 }, 'Balance', '$8.42'],
    ['callback-health', { values: { error_rate: 0.012 }, value: 0.012 }, 'Error rate', '1.2 %'],
    // The beat was 5 s old at the check 10 s ago: 15 s now.
    ['heartbeat', { values: { seconds_since_beat: 5 }, value: 5 }, 'Last beat', '15 s ago'],
    ['heartbeat', { lastCheck: now, values: { seconds_since_beat: 0 }, value: 0 }, 'Last beat', 'just now'],
    ['heartbeat', { lastCheck: null }, 'Last beat', 'no beat yet'],
  ] as const)('%s %j → %s %s', (type, patch, label, value) => {
    expect(headline(status({ type, ...patch }), now, '$', 'en-US')).toEqual({ label, value });
  });
});

describe('the headline of a breached monitor', () => {
  const breach = (ruleId: string, severity: 'warning' | 'critical' = 'warning') => ({
    ruleId,
    name: ruleId,
    severity,
    breached: true,
    resolved: '',
  });
  it.each([
    [
      'a slow callback p95 leads with the p95, not the error rate',
      {
        type: 'callback-health',
        state: 'warning',
        values: { error_rate: 0.0043, p95_latency_ms: 1850 },
        breached: [breach('p95-latency')],
      },
      'Callback p95',
      '1.85 s',
    ],
    [
      'an HTTP 500 leads with its status, not a healthy latency',
      {
        type: 'http',
        state: 'critical',
        httpStatus: 500,
        latencyMs: 1.7,
        breached: [breach('down', 'critical')],
      },
      'HTTP status',
      '500',
    ],
    [
      'stale callbacks lead with how long ago the last one was',
      {
        type: 'callback-health',
        state: 'warning',
        values: { error_rate: 0, seconds_since_last_callback: 420 },
        breached: [breach('stale')],
      },
      'Last callback',
      '7 min ago',
    ],
  ] as const)('%s', (_, patch, label, value) => {
    expect(headline(status(patch as unknown as Partial<MonitorStatus>), now, '$', 'en-US')).toEqual({
      label,
      value,
    });
  });
});

describe('balance trend', () => {
  it.each([
    [
      'hours away',
      { balance: 8.46, burn_per_hour: 0.6, hours_to_empty: 14.1 },
      '−$0.60 / h',
      'about 14 h left',
    ],
    [
      'minutes away',
      { balance: 1, burn_per_hour: 6, hours_to_empty: 1 / 6 },
      '−$6.00 / h',
      'about 10 min left',
    ],
    // $13.83 at $1,143.93 an hour lasts 43 s.
    [
      'under a minute away',
      { balance: 13.83, burn_per_hour: 1143.93, hours_to_empty: 0.0121 },
      '−$1,143.93 / h',
      'less than a minute left',
    ],
    [
      'rounded to 0 h by the probe while money is left',
      { balance: 0.5, burn_per_hour: 2000, hours_to_empty: 0 },
      '−$2,000.00 / h',
      'less than a minute left',
    ],
    ['spent', { balance: 0, burn_per_hour: 12, hours_to_empty: 0 }, '−$12.00 / h', 'empty now'],
    ['overdrawn', { balance: -0.4, burn_per_hour: 12, hours_to_empty: 0 }, '−$12.00 / h', 'empty now'],
    [
      'overdrawn and no longer moving',
      { balance: -0.4, burn_per_hour: 0, hours_to_empty: null },
      'no spend',
      'empty now',
    ],
    ['without a balance reading, 0 h', { burn_per_hour: 12, hours_to_empty: 0 }, '−$12.00 / h', 'empty now'],
    ['not moving', { balance: 5, burn_per_hour: 0, hours_to_empty: null }, 'no spend', null],
    ['before there are two readings', { balance: 5 }, null, null],
  ] as const)('%s: %j → %s · %s', (_case, values, burn, empty) => {
    expect(balanceTrend(values, '$', 'en-US')).toEqual({ burn, empty });
  });

  it('counts down from the check and says the clock time it runs out', () => {
    const at = Date.UTC(2026, 11, 2, 21, 26);
    const values = { balance: 8.42, burn_per_hour: 36, hours_to_empty: 14 / 60 };
    expect(balanceTrend(values, '$', 'en-GB', { at, now: at + 60_000 })).toEqual({
      burn: '−$36.00 / h',
      empty: 'about 13 min left',
      emptyAt: `empty at ${new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' }).format(at + 14 * 60_000)}`,
    });
  });
});

describe('display state', () => {
  it('shows a disabled monitor as paused whatever its last state', () => {
    expect(displayState({ enabled: false, state: 'critical' })).toBe('disabled');
    expect(displayState({ enabled: true, state: 'warning' })).toBe('warning');
  });
});
