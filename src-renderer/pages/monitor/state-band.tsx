import type { StateChange } from '../../../src-main/api/history-types.ts';
import type { MonitorState } from '../../../src-main/api/monitor-state.ts';
import { formatDuration } from '../../../src-main/api/number-format.ts';
import { pointTime } from '../../charts/chart-axes.ts';
import { STATE_WORDS } from '../../components/state-badge.tsx';
import { type StateSpan, stateSpans } from './state-spans.ts';

/** How many state changes a history holds at most (the engine's `monitorHistory`). */
const CHANGES_LIMIT = 200;

const spanWords = (s: StateSpan, clock: (t: number) => string, locale?: string) =>
  `${s.state === 'none' ? 'Not known' : STATE_WORDS[s.state]} from ${clock(s.from)} to ${clock(s.to)} (${formatDuration((s.to - s.from) / 1000, locale, true)})`;

/**
 * The monitor's states over the charts' time span as one coloured band, in the card strip's colours:
 * an outage earlier in the window stays in view however the value charts look. A short run is drawn
 * at least a few pixels wide; its words are in the band's accessible name.
 */
export function StateBand({
  changes,
  current,
  from,
  to,
  windowWords,
}: {
  changes: readonly StateChange[];
  current: MonitorState;
  from: number;
  to: number;
  windowWords: string;
}) {
  const spans = stateSpans(changes, current, from, to, CHANGES_LIMIT);
  if (spans.length === 0) return null;
  // Spans of a few minutes (a young monitor) need the seconds to tell their times apart.
  const clock = (t: number) => pointTime(t, to - from, to - from < 600_000 ? 1000 : 60_000);
  const label = `States over the ${windowWords}: ${spans.map((s) => spanWords(s, clock)).join('; ')}`;
  return (
    <figure className="card chart-card state-band-card" data-testid="chart-states">
      <figcaption>States</figcaption>
      <div className="state-band" role="img" aria-label={label}>
        {spans.map((s) => (
          <span
            key={s.from}
            className={`strip-run band-run strip-${s.state === 'none' ? 'empty' : s.state}`}
            style={{ flexGrow: s.to - s.from }}
            data-state={s.state}
            title={spanWords(s, clock)}
          />
        ))}
      </div>
      <div className="state-band-axis" aria-hidden="true">
        <span>{clock(from)}</span>
        <span>{clock(to)}</span>
      </div>
    </figure>
  );
}
