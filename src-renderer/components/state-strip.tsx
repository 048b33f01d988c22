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

/** Runs of equal states, oldest first: a strip of 60 checks is a few elements, not 60. */
interface Run {
  state: MonitorState | 'empty';
  /** The slot the run starts at. */
  start: number;
  count: number;
}

function runs(states: readonly MonitorState[], empty: number): Run[] {
  const out: Run[] = empty > 0 ? [{ state: 'empty', start: 0, count: empty }] : [];
  states.forEach((s, i) => {
    const last = out[out.length - 1];
    if (last && last.state === s) last.count++;
    else out.push({ state: s, start: empty + i, count: 1 });
  });
  return out;
}

/**
 * The last checks as a row of coloured bars, oldest left, like Uptime Kuma's list: a past outage
 * stays in view. Equal neighbours are drawn as one run; the bar gaps are painted over them.
 */
export function StateStrip({ checks }: { checks: MonitorStatus['recentChecks'] }) {
  if (!checks || checks.states.length === 0) return null;
  const states = stripStates(checks);
  const empty = Math.max(0, STRIP_CHECKS - states.length);
  return (
    <div className="state-strip" role="img" aria-label={stripLabel(checks)}>
      {runs(states, empty).map((r) => (
        <span
          key={r.start}
          className={`strip-run strip-${r.state}`}
          style={{ flexGrow: r.count }}
          data-checks={r.count}
        />
      ))}
    </div>
  );
}
