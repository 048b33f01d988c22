import { describe, expect, it } from 'vitest';
import type { MonitorStatus, StateSnapshot } from '../../../src-main/api/contract.ts';
import { applyEvent, applyEvents } from '../../../src-renderer/state/apply-event.ts';
import { monitorStatus } from '../../support/state-snapshot.ts';

const monitor = (id: string, state: MonitorStatus['state'], enabled = true): MonitorStatus =>
  monitorStatus({ id, state, enabled, since: null, lastCheck: 1000 }, 500);

const snapshot = (monitors: MonitorStatus[]): StateSnapshot => ({
  overall: 'ok',
  counts: { ok: 2, warning: 0, critical: 0, unknown: 0 },
  monitors,
  offline: null,
  alerts: { firing: 0, brokenChannels: [] },
  startedAt: 0,
  now: 500,
});

describe('live events', () => {
  it('replaces the state with a snapshot', () => {
    const next = snapshot([monitor('a', 'ok')]);
    expect(applyEvent(snapshot([]), { type: 'snapshot', state: next })).toBe(next);
  });

  it('updates one monitor, the counts (enabled monitors only) and the overall state', () => {
    const state = snapshot([monitor('a', 'ok'), monitor('b', 'ok'), monitor('c', 'unknown', false)]);
    const next = applyEvent(state, {
      type: 'monitor',
      monitor: monitor('b', 'critical'),
      overall: 'critical',
    });
    expect(next?.monitors.map((m) => m.state)).toEqual(['ok', 'critical', 'unknown']);
    expect(next?.counts).toEqual({ ok: 1, warning: 0, critical: 1, unknown: 0 });
    expect(next?.overall).toBe('critical');
  });

  it('ignores monitor events until the first snapshot', () => {
    expect(applyEvent(null, { type: 'monitor', monitor: monitor('a', 'ok'), overall: 'ok' })).toBeNull();
  });

  it('applies a batch at once: the last reading of each monitor, untouched monitors keep their objects', () => {
    const state = snapshot([monitor('a', 'ok'), monitor('b', 'ok'), monitor('c', 'ok')]);
    const next = applyEvents(state, [
      { type: 'monitor', monitor: monitor('b', 'critical'), overall: 'critical' },
      { type: 'monitor', monitor: monitor('d', 'warning'), overall: 'critical' },
      { type: 'monitor', monitor: monitor('b', 'warning'), overall: 'warning' },
    ]);
    expect(next?.monitors.map((m) => `${m.id}:${m.state}`)).toEqual([
      'a:ok',
      'b:warning',
      'c:ok',
      'd:warning',
    ]);
    expect(next?.monitors[0]).toBe(state.monitors[0]);
    expect(next?.monitors[2]).toBe(state.monitors[2]);
    expect(next?.counts).toEqual({ ok: 2, warning: 2, critical: 0, unknown: 0 });
    expect(next?.overall).toBe('warning');
  });

  it('drops the monitor events a snapshot later in the batch supersedes', () => {
    const fresh = snapshot([monitor('a', 'ok')]);
    const next = applyEvents(snapshot([monitor('a', 'ok')]), [
      { type: 'monitor', monitor: monitor('a', 'critical'), overall: 'critical' },
      { type: 'snapshot', state: fresh },
    ]);
    expect(next).toBe(fresh);
  });
});
