import { describe, expect, it } from 'vitest';
import { chartThresholds } from '../../../../src-renderer/pages/monitor/chart-thresholds.ts';

describe('the limits drawn on a monitor chart', () => {
  it('puts latency limits on an HTTP latency chart, leaving out switched-off ones', () => {
    expect(
      chartThresholds({
        id: 'a',
        type: 'http',
        url: 'http://127.0.0.1/',
        latencyWarnMs: 500,
        latencyCriticalMs: null,
      }),
    ).toEqual({ latency: [{ label: 'Warning', value: 500, colorVar: '--warning' }], value: [] });
  });

  it('puts the balance limits on the balance chart', () => {
    expect(
      chartThresholds({
        id: 'b',
        type: 'balance',
        provider: 'captchaai',
        apiKey: 'k',
        warnBelow: 10,
        criticalBelow: 2,
      }).value,
    ).toEqual([
      { label: 'Warning below', value: 10, colorVar: '--warning' },
      { label: 'Critical below', value: 2, colorVar: '--critical' },
    ]);
  });

  it('draws none for a heartbeat or an unknown monitor', () => {
    expect(chartThresholds(undefined)).toEqual({ latency: [], value: [] });
  });
});
