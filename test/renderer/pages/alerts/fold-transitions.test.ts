import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../../../src-main/api/history-types.ts';
import { foldTransitions } from '../../../../src-renderer/pages/alerts/fold-transitions.ts';

const event = (monitorId: string, kind: string, time: number): AlertEvent => ({
  monitorId,
  ruleId: 'down',
  time,
  kind,
  severity: 'critical',
  message: `${monitorId} ${kind}`,
});

describe('foldTransitions', () => {
  it('folds the muted reminders of each monitor into one line with a count, even when monitors interleave', () => {
    const events: AlertEvent[] = [];
    for (let t = 100; t > 0; t--) events.push(event(t % 2 ? 'a' : 'b', 'reminder.quiet', t));
    events.push(event('a', 'fired', 0), event('b', 'fired', 0));
    const rows = foldTransitions(events);
    expect(rows.map((r) => [r.event.monitorId, r.event.kind, r.count, r.event.time, r.firstTime])).toEqual([
      ['b', 'reminder.quiet', 50, 100, 2],
      ['a', 'reminder.quiet', 50, 99, 1],
      ['a', 'fired', 1, 0, 0],
      ['b', 'fired', 1, 0, 0],
    ]);
  });

  it('never folds across a transition that was told, nor folds told ones', () => {
    const rows = foldTransitions([
      event('a', 'reminder.quiet', 5),
      event('a', 'reminder', 4),
      event('a', 'reminder.quiet', 3),
      event('a', 'reminder', 2),
      event('a', 'reminder', 1),
    ]);
    expect(rows.map((r) => `${r.event.kind}×${r.count}`)).toEqual([
      'reminder.quiet×1',
      'reminder×1',
      'reminder.quiet×1',
      'reminder×1',
      'reminder×1',
    ]);
  });
});
