import { STRIP_CHECKS, stripStates } from '../../src-main/api/check-strip.ts';
import type { MonitorStatus } from '../../src-main/api/contract.ts';
import type { MonitorState } from '../../src-main/api/monitor-state.ts';
import { formatNumber, formatTime } from '../../src-main/api/number-format.ts';
import { STATE_WORDS } from './state-badge.tsx';

const ORDER: readonly MonitorState[] = ['critical', 'warning', 'unknown', 'ok'];

/** What the strip shows, in words: the span it covers and how many checks were in each state. */
export function stripLabel(checks: NonNullable<MonitorStatus['recentChecks']>, locale?: string): string {
  const states = stripStates(checks);
  const counts = new Map<MonitorState, number>();
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1);
  const parts = ORDER.filter((s) => counts.has(s)).map(
    (s) => `${formatNumber(counts.get(s) ?? 0, 0, locale)} ${STATE_WORDS[s]}`,
  );
  const span =
    states.length === 1
      ? `at ${formatTime(checks.from, locale)}`
      : `from ${formatTime(checks.from, locale)} to ${formatTime(checks.to, locale)}`;
  return `Last ${formatNumber(states.length, 0, locale)} checks ${span}: ${parts.join(', ')}`;
}

/** The last checks as a row of coloured bars, oldest left, like Uptime Kuma's list: a past outage stays in view. */
export function StateStrip({ checks }: { checks: MonitorStatus['recentChecks'] }) {
  if (!checks || checks.states.length === 0) return null;
  const states = stripStates(checks);
  const empty = Math.max(0, STRIP_CHECKS - states.length);
  return (
    <div className="state-strip" role="img" aria-label={stripLabel(checks)}>
      {Array.from({ length: empty }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder slots have no identity.
        <span key={`e${i}`} className="strip-slot strip-empty" />
      ))}
      {states.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a slot is its position in the strip.
        <span key={i} className={`strip-slot strip-${s}`} />
      ))}
    </div>
  );
}
