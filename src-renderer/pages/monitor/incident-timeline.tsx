import { useState } from 'react';
import type { StateChange } from '../../../src-main/api/history-types.ts';
import { formatDateTime, formatRelative } from '../../../src-main/api/number-format.ts';
import { StateBadge } from '../../components/state-badge.tsx';
import { isoTime } from '../../format/iso-time.ts';

const PAGE = 50;

/** State changes, newest first, as a vertical timeline; 50 at a time. */
export function IncidentTimeline({
  changes,
  now,
  windowWords,
}: {
  changes: StateChange[];
  now: number;
  windowWords: string;
}) {
  const [limit, setLimit] = useState(PAGE);
  if (changes.length === 0) {
    return <p className="muted">No state changes in the {windowWords}: nothing happened worth telling.</p>;
  }
  return (
    <>
      <ol className="timeline">
        {changes.slice(0, limit).map((c) => (
          <li key={`${c.time}-${c.from}-${c.to}`} className={`timeline-item timeline-${c.to}`}>
            <div className="timeline-head">
              <StateBadge state={c.from} />
              <span aria-hidden="true">→</span>
              <span className="visually-hidden">to</span>
              <StateBadge state={c.to} />
              <time dateTime={isoTime(c.time)} title={formatDateTime(c.time)}>
                {formatRelative(c.time, Math.max(now, c.time))}
              </time>
            </div>
            <p className="timeline-reason">{c.reason}</p>
          </li>
        ))}
      </ol>
      {changes.length > limit ? (
        <button type="button" className="button" onClick={() => setLimit((n) => n + PAGE)}>
          Show more
        </button>
      ) : null}
    </>
  );
}
