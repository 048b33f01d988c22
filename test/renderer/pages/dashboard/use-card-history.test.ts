import { describe, expect, it } from 'vitest';
import type { MonitorHistory, MonitorStatus } from '../../../../src-main/api/contract.ts';
import { appendLatest, fromHistory } from '../../../../src-renderer/pages/dashboard/use-card-history.ts';

const MIN = 60_000;
const now = 1_700_000_000_000;

function history(
  window: '1h' | '24h',
  t: number[],
  latencyMs: (number | null)[],
  uptime = 1,
): MonitorHistory {
  return {
    id: 'api',
    window,
    summary: { window, from: now - MIN, to: now, checks: 3, uptime, latencyAvgMs: 5, latencyP95Ms: 14 },
    series: { t, latencyMs, uptime: t.map(() => null), value: t.map(() => null) },
    stateChanges: [],
  };
}

const check = (lastCheck: number, latencyMs: number) =>
  ({ type: 'http', lastCheck, latencyMs, value: null }) as MonitorStatus;

describe('a card’s sparkline', () => {
  it('follows the last hour from its first reading to its last, with the 24 h uptime', () => {
    const recent = history('1h', [now - 30_000, now - 20_000, now - 10_000, now], [null, 4, 6, null]);
    const day = history('24h', [now - 5 * MIN, now], [null, 5], 0.98);
    expect(fromHistory(recent, day, 'http')).toEqual({
      times: [now - 20_000, now - 10_000],
      values: [4, 6],
      uptime: 0.98,
      loaded: true,
    });
  });

  it('adds each new check once and lets readings older than an hour go', () => {
    const start = { times: [now - 61 * MIN, now - 30 * MIN], values: [3, 4], uptime: 1, loaded: true };
    const next = appendLatest(start, check(now, 7));
    expect(next.times).toEqual([now - 30 * MIN, now]);
    expect(next.values).toEqual([4, 7]);
    expect(appendLatest(next, check(now, 7))).toBe(next);
  });
});
