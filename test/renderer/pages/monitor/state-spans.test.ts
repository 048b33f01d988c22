import { describe, expect, it } from 'vitest';
import type { StateChange } from '../../../../src-main/api/history-types.ts';
import { stateSpans } from '../../../../src-renderer/pages/monitor/state-spans.ts';

const change = (time: number, from: string, to: string): StateChange =>
  ({ monitorId: 'm', time, from, to, reason: '' }) as StateChange;

describe('state spans', () => {
  it('draws a past outage between the states before and after it', () => {
    // Newest first, as the history returns them.
    const changes = [change(70, 'critical', 'ok'), change(40, 'ok', 'critical')];
    expect(stateSpans(changes, 'ok', 0, 100, 200)).toEqual([
      { state: 'ok', from: 0, to: 40 },
      { state: 'critical', from: 40, to: 70 },
      { state: 'ok', from: 70, to: 100 },
    ]);
  });

  it('starts from the last change before the span and holds the current state without changes', () => {
    expect(stateSpans([change(5, 'unknown', 'warning')], 'warning', 10, 20, 200)).toEqual([
      { state: 'warning', from: 10, to: 20 },
    ]);
    expect(stateSpans([], 'critical', 10, 20, 200)).toEqual([{ state: 'critical', from: 10, to: 20 }]);
  });

  it('does not guess what came before the oldest change of a cut list', () => {
    const changes = [change(60, 'warning', 'ok'), change(30, 'ok', 'warning')];
    expect(stateSpans(changes, 'ok', 0, 100, 2)[0]).toEqual({ state: 'none', from: 0, to: 30 });
  });

  it('merges equal neighbours and drops empty spans', () => {
    const changes = [change(50, 'ok', 'ok'), change(50, 'critical', 'ok'), change(0, 'unknown', 'critical')];
    expect(stateSpans(changes, 'ok', 0, 100, 200)).toEqual([
      { state: 'critical', from: 0, to: 50 },
      { state: 'ok', from: 50, to: 100 },
    ]);
  });
});
