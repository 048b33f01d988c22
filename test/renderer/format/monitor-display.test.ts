import { describe, expect, it } from 'vitest';
import type { MonitorStatus } from '../../../src-main/api/contract.ts';
import { balanceTrend, displayState, headline } from '../../../src-renderer/format/monitor-display.ts';

const now = 1_700_000_000_000;
function status(patch: Partial<MonitorStatus>): MonitorStatus {
  return {
    id: 'm',
    name: 'M',
    type: 'http',
    enabled: true,
    state: 'ok',
    since: null,
    lastCheck: now - 10_000,
    intervalSeconds: 60,
    sampleStatus: 'up',
    latencyMs: 87,
    httpStatus: 200,
    value: null,
    values: {},
    summary: 'OK',
    error: null,
    breached: [],
    url: null,
    ...patch,
  };
}

describe('the number a card leads with', () => {
  it.each([
    ['http', {}, 'Latency', '87 ms'],
    ['balance', { values: { balance: 8.42 }, value: 8.42 }, 'Balance', '$8.42'],
    ['callback-health', { values: { error_rate: 0.012 }, value: 0.012 }, 'Error rate', '1.2 %'],
    // The beat was 5 s old at the check 10 s ago: 15 s now.
    ['heartbeat', { values: { seconds_since_beat: 5 }, value: 5 }, 'Last beat', '15 s ago'],
    ['heartbeat', { lastCheck: null }, 'Last beat', 'no beat yet'],
  ] as const)('%s %j → %s %s', (type, patch, label, value) => {
    expect(headline(status({ type, ...patch }), now, '$', 'en-US')).toEqual({ label, value });
  });
});

describe('balance trend', () => {
  it('shows the burn per hour and the projected time to empty', () => {
    expect(balanceTrend({ burn_per_hour: 0.6, hours_to_empty: 14.1 }, '$', 'en-US')).toEqual({
      burn: '−$0.60 / h',
      empty: '~14 h to empty',
    });
  });

  it('says nothing is spent, and projects nothing, when the balance does not move', () => {
    expect(balanceTrend({ burn_per_hour: 0, hours_to_empty: null }, '$', 'en-US')).toEqual({
      burn: 'no spend',
      empty: null,
    });
  });

  it('stays silent before there are two readings', () => {
    expect(balanceTrend({}, '$')).toEqual({ burn: null, empty: null });
  });
});

describe('display state', () => {
  it('shows a disabled monitor as paused whatever its last state', () => {
    expect(displayState({ enabled: false, state: 'critical' })).toBe('disabled');
    expect(displayState({ enabled: true, state: 'warning' })).toBe('warning');
  });
});
