import { describe, expect, it } from 'vitest';
import type { MonitorStatus, StateSnapshot } from '../../../src-main/api/contract.ts';
import { applyEvent } from '../../../src-renderer/state/apply-event.ts';
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
});
