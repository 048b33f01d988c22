import { describe, expect, it } from 'vitest';
import { filterMonitors, NO_FILTER } from '../../../../src-renderer/pages/dashboard/monitor-filter.ts';
import { monitorStatus } from '../../../support/state-snapshot.ts';

const NOW = Date.UTC(2025, 0, 1);
const monitors = [
  monitorStatus({ id: 'checkout', name: 'Checkout API', state: 'critical' }, NOW),
  monitorStatus({ id: 'solver', name: 'Solver balance', type: 'balance', state: 'warning' }, NOW),
  monitorStatus({ id: 'staging', name: 'Staging', enabled: false, state: 'critical' }, NOW),
];
const ids = (f: Partial<typeof NO_FILTER>) =>
  filterMonitors(monitors, { ...NO_FILTER, ...f }).map((m) => m.id);

describe('dashboard filters', () => {
  it('find by name or id, by state as shown (paused is its own) and by type', () => {
    expect(ids({})).toEqual(['checkout', 'solver', 'staging']);
    expect(ids({ text: 'api' })).toEqual(['checkout']);
    expect(ids({ text: 'SOLV' })).toEqual(['solver']);
    expect(ids({ state: 'critical' })).toEqual(['checkout']);
    expect(ids({ state: 'disabled' })).toEqual(['staging']);
    expect(ids({ type: 'balance' })).toEqual(['solver']);
  });
});
