import { describe, expect, it } from 'vitest';
import { csvFileName, historyCsv } from '../../../../src-renderer/pages/monitor/history-csv.ts';

describe('history as CSV', () => {
  it('writes one row per bucket with ISO times and empty cells for missing data', () => {
    const csv = historyCsv({
      id: 'api',
      window: '1h',
      summary: {
        window: '1h',
        from: 0,
        to: 0,
        checks: 0,
        uptime: null,
        latencyAvgMs: null,
        latencyP95Ms: null,
      },
      series: { t: [0, 60_000], latencyMs: [12.5, null], uptime: [1, null], value: [null, 8.42] },
      stateChanges: [],
    });
    expect(csv).toBe(
      'time,latency_ms,uptime,value\n1970-01-01T00:00:00.000Z,12.5,1,\n1970-01-01T00:01:00.000Z,,,8.42\n',
    );
  });

  it('names the file after the monitor and the window', () => {
    expect(csvFileName({ id: 'bal', window: '7d' })).toBe('bal-7d.csv');
  });
});
