import { formatRelative } from '../../src-main/api/number-format.ts';
import { useClock } from '../state/shared-clock.ts';

/**
 * "7 s ago", kept current by the shared one-second tick while `ticking`; only this text re-renders,
 * and only when its words change.
 */
export function TimeAgo({ time, ticking = true }: { time: number; ticking?: boolean }) {
  return <>{useClock((now) => formatRelative(time, Math.max(now, time)), ticking)}</>;
}
