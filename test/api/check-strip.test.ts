import { describe, expect, it } from 'vitest';
import { EMPTY_STRIP, STRIP_CHECKS, stripStates, withCheck } from '../../src-main/api/check-strip.ts';
import type { MonitorState } from '../../src-main/api/monitor-state.ts';

describe('withCheck', () => {
  it('keeps the last STRIP_CHECKS checks, oldest first, letters and times side by side', () => {
    const states: MonitorState[] = ['ok', 'warning', 'critical', 'unknown'];
    let strip = EMPTY_STRIP;
    for (let i = 0; i < STRIP_CHECKS + 15; i++)
      strip = withCheck(strip, states[i % 4] as MonitorState, 1000 + i);
    expect(strip.states).toHaveLength(STRIP_CHECKS);
    expect(strip.times).toHaveLength(STRIP_CHECKS);
    expect(strip.times[0]).toBe(1015);
    expect(strip.times.at(-1)).toBe(1000 + STRIP_CHECKS + 14);
    expect(stripStates(strip).slice(0, 4)).toEqual(['unknown', 'ok', 'warning', 'critical']);
    expect(strip.states.slice(-2)).toBe('wc');
  });

  it('leaves the strip it was given as it was', () => {
    const one = withCheck(EMPTY_STRIP, 'ok', 1);
    const two = withCheck(one, 'critical', 2);
    expect(one).toEqual({ states: 'o', times: [1] });
    expect(two).toEqual({ states: 'oc', times: [1, 2] });
  });
});
