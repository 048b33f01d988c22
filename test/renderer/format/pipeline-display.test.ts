import { describe, expect, it } from 'vitest';
import type { MonitorStatus } from '../../../src-main/api/contract.ts';
import { headline, pipelineLine, typeLabel } from '../../../src-renderer/format/monitor-display.ts';
import { monitorStatus } from '../../support/state-snapshot.ts';

const now = 1_700_000_000_000;
const pipeline = (values: MonitorStatus['values'], value: number | null = null) =>
  monitorStatus({ id: 'p', name: 'P', type: 'pipeline', lastCheck: now, values, value }, now);

describe('pipeline card', () => {
  it('leads with the success rate, then the results per minute and the top error code', () => {
    const m = pipeline(
      { success_rate: 0.775, events_per_min: 200, top_error_code: 'ERROR_CAPTCHA_UNSOLVABLE' },
      0.775,
    );
    expect(headline(m, now, '$', 'en-US')).toEqual({ label: 'Success rate', value: '77.5 %' });
    expect(pipelineLine(m.values, 'en-US')).toBe('200 / min · top ERROR_CAPTCHA_UNSOLVABLE');
    expect(typeLabel('pipeline')).toBe('Pipeline events');
  });

  it('leads with how long ago the last result came while it is stale', () => {
    const m = {
      ...pipeline({ success_rate: 0.96, seconds_since_last_event: 420 }, 0.96),
      state: 'warning' as const,
      breached: [
        {
          ruleId: 'stale',
          name: 'No recent results',
          severity: 'warning' as const,
          breached: true,
          resolved: '',
        },
      ],
    };
    expect(headline(m, now, '$', 'en-US')).toEqual({ label: 'Last result', value: '7 min ago' });
  });

  it('leads with the refused events while forged ones arrive, and with the queue while it is backed up', () => {
    const breached = (ruleId: string) => ({
      ruleId,
      name: ruleId,
      severity: 'critical' as const,
      breached: true,
      resolved: '',
    });
    const forged = {
      ...pipeline({ success_rate: 0.96, invalid_signatures: 3 }, 0.96),
      state: 'critical' as const,
      breached: [breached('forged')],
    };
    expect(headline(forged, now, '$', 'en-US')).toEqual({ label: 'Forged events', value: '3 refused' });
    const queue = {
      ...pipeline({ success_rate: 0.96, queue_depth: 1400 }, 0.96),
      state: 'warning' as const,
      breached: [breached('queue')],
    };
    expect(headline(queue, now, '$', 'en-US')).toEqual({ label: 'Queue', value: '1,400 tasks' });
  });

  it('says so before the first result', () => {
    const m = pipeline({});
    expect(headline(m, now, '$', 'en-US')).toEqual({ label: 'Success rate', value: 'no results yet' });
    expect(pipelineLine(m.values)).toBeNull();
  });
});
