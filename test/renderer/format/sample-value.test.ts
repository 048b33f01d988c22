import { describe, expect, it } from 'vitest';
import { formatValue, valueLabel, valueRows } from '../../../src-renderer/format/sample-value.ts';

describe('sample values', () => {
  it.each([
    ['p95_latency_ms', 'http', 1850.5, 'P95 latency', '1.85 s'],
    ['p95_latency_ms', 'callback-health', 1850.5, 'Callback p95 latency', '1.85 s'],
    ['avg_latency_ms', 'callback-health', 43, 'Callback avg latency', '43 ms'],
    ['error_rate', 'callback-health', 0.1201, 'Error rate', '12.01 %'],
    ['total_received', 'callback-health', 1840, 'Total received', '1,840'],
    ['seconds_since_last_callback', 'callback-health', 302.3, 'Since last callback', '5 min'],
    ['seconds_since_beat', 'heartbeat', 4, 'Since beat', '4 s'],
    ['avg_interval_s', 'heartbeat', 61, 'Avg interval', '1 min'],
    ['burn_per_hour', 'balance', 0.6, 'Burn rate', '$0.60 / h'],
    ['balance', 'balance', 8.42, 'Balance', '$8.42'],
    ['hours_to_empty', 'balance', 0.0142, 'Time to empty', 'less than a minute left'],
    ['hours_to_empty', 'balance', 0.25, 'Time to empty', 'about 15 min left'],
    ['success_rate', 'pipeline', 0.775, 'Success rate', '77.5 %'],
    ['events_per_min', 'pipeline', 120, 'Results', '120 / min'],
    ['drain_minutes', 'pipeline', 90, 'Drain time', '1 h 30 min'],
    ['cost', 'pipeline', 1.5, 'Cost', '$1.50'],
    ['tasks', 'pipeline', 3141, 'Tasks', '3,141'],
    ['rate_vs_average', 'pipeline', 2.5, 'Rate vs average', '2.5×'],
    ['cert_days_left', 'http', 4.9, 'Certificate expires in', '4.9 days'],
    ['signed_status', 'webhook-receiver', 2000, 'Signed event answer', '2000'],
    ['exit_status', 'heartbeat', 1, 'Exit status', '1'],
    ['run_seconds', 'heartbeat', 95, 'Last run took', '1 min'],
  ] as const)('%s of a %s monitor reads "%s: %s"', (key, type, value, label, text) => {
    expect(valueLabel(key, type)).toBe(label);
    expect(formatValue(key, value, 'en-US')).toBe(text);
  });

  it('shows yes/no, text and missing values as they are', () => {
    expect(formatValue('healthy', true)).toBe('yes');
    expect(formatValue('status', 'degraded')).toBe('degraded');
    expect(formatValue('balance', null)).toBe('—');
  });
});

describe('value rows', () => {
  it("reads money in the monitor's currency and leaves the currency itself out", () => {
    const rows = valueRows(
      { type: 'balance', values: { balance: 8.42, burn_per_hour: 621.6, currency: 'EUR' } },
      { locale: 'en-US' },
    );
    expect(rows.map((r) => [r.label, r.text])).toEqual([
      ['Balance', '8.42 EUR'],
      ['Burn rate', '621.60 EUR / h'],
    ]);
  });

  it('leaves out what is shown elsewhere and the values that have their own tables', () => {
    const rows = valueRows(
      { type: 'pipeline', values: { tasks: 3, error_breakdown: '{"E":1}', missed: '["a"]', cost: 1 } },
      {},
      new Set(['cost']),
    );
    expect(rows.map((r) => r.key)).toEqual(['tasks']);
  });
});
