import { STRIP_CHECKS } from '../../../src-main/api/check-strip.ts';
import type { MonitorStatus } from '../../../src-main/api/contract.ts';
import type { HistoryWindow } from '../../../src-main/api/history-types.ts';

const SPANS: ReadonlyArray<[HistoryWindow, number]> = [
  ['1h', 3_600_000],
  ['24h', 86_400_000],
  ['7d', 7 * 86_400_000],
  ['30d', 30 * 86_400_000],
];

/**
 * The window a monitor page opens on: the smallest that holds the monitor's history, so a new
 * monitor shows its few checks over an hour, not as 3 points across a day. A full strip of recent
 * checks says the history is at least that long; 24 h is then the least it opens on.
 */
export function initialWindow(
  monitor: Pick<MonitorStatus, 'recentChecks'> | null,
  now: number,
): HistoryWindow {
  const checks = monitor?.recentChecks;
  if (!checks) return '24h';
  const span = Math.max(0, now - checks.from);
  const full = checks.states.length >= STRIP_CHECKS;
  for (const [window, ms] of SPANS) if (span <= ms && (!full || ms >= 86_400_000)) return window;
  return '30d';
}
