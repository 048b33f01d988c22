import { useMemo, useState } from 'react';
import type { AlertEvent } from '../../../src-main/api/history-types.ts';
import { formatDateTime, formatNumber, formatRelative } from '../../../src-main/api/number-format.ts';
import type { DisplayState } from '../../components/icons.tsx';
import { EmptyState } from '../../components/panels.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { isoTime } from '../../format/iso-time.ts';
import { hrefOf } from '../../routing/route.ts';
import { ALL, baseKind, foldTransitions, matchesFilter, type TransitionFilter } from './fold-transitions.ts';

/** Rows drawn at a time: a thousand transitions stay one scroll, without a thousand DOM rows at once. */
export const PAGE_ROWS = 100;

/** The alert transitions: filtered by monitor, severity and kind, muted repeats folded, shown a page at a time. */
export function TransitionLog({
  transitions,
  names,
  now,
}: {
  transitions: readonly AlertEvent[];
  names: ReadonlyMap<string, string>;
  now: number;
}) {
  const [filter, setFilter] = useState<TransitionFilter>({ monitorId: ALL, severity: ALL, kind: ALL });
  const [shown, setShown] = useState(PAGE_ROWS);
  const rows = useMemo(
    () => foldTransitions(transitions.filter((e) => matchesFilter(e, filter))),
    [transitions, filter],
  );
  const options = useMemo(() => filterOptions(transitions), [transitions]);
  const set = (patch: Partial<TransitionFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setShown(PAGE_ROWS);
  };
  const nameOf = (id: string) => names.get(id) ?? id;

  return (
    <section className="card section-card" aria-labelledby="transitions-title">
      <h2 id="transitions-title">Recent transitions</h2>
      {transitions.length === 0 ? (
        <EmptyState title="No alerts in the last 30 days">
          Fired, escalated and recovered alerts will be listed here.
        </EmptyState>
      ) : (
        <>
          <fieldset className="log-filters">
            <legend className="visually-hidden">Filter the transitions</legend>
            <FilterSelect
              label="Monitor"
              value={filter.monitorId}
              options={options.monitors.map((id) => [id, nameOf(id)])}
              onChange={(monitorId) => set({ monitorId })}
            />
            <FilterSelect
              label="Severity"
              value={filter.severity}
              options={options.severities.map((s) => [s, capitalise(s)])}
              onChange={(severity) => set({ severity })}
            />
            <FilterSelect
              label="Kind"
              value={filter.kind}
              options={options.kinds.map((k) => [k, kindLabel(k)])}
              onChange={(kind) => set({ kind })}
            />
            <span className="log-count" aria-live="polite">
              {rows.length === 0
                ? 'No transitions match'
                : `${formatNumber(Math.min(shown, rows.length), 0)} of ${formatNumber(rows.length, 0)} lines`}
            </span>
          </fieldset>
          <div className="log-scroll">
            <ul className="event-list">
              {rows.slice(0, shown).map(({ event: e, count, firstTime }, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two events can share every field; the list is replaced whole.
                <li key={`${e.time}-${e.monitorId}-${e.ruleId}-${i}`} className="event-item">
                  <SeverityBadge severity={e.severity} />
                  <div className="event-main">
                    <span className="event-kind">{kindLabel(e.kind)}</span>
                    {count > 1 ? <span className="tag event-count">×{count}</span> : null}
                    {e.monitorId ? (
                      <>
                        {' · '}
                        <a href={hrefOf({ name: 'monitor', id: e.monitorId })}>{nameOf(e.monitorId)}</a>
                      </>
                    ) : null}
                    <p className="event-message">{e.message}</p>
                  </div>
                  <time
                    dateTime={isoTime(e.time)}
                    title={
                      count > 1
                        ? `${formatDateTime(firstTime)} – ${formatDateTime(e.time)}`
                        : formatDateTime(e.time)
                    }
                  >
                    {formatRelative(e.time, Math.max(now, e.time))}
                  </time>
                </li>
              ))}
            </ul>
            {rows.length > shown ? (
              <button
                type="button"
                className="button button-small"
                onClick={() => setShown((n) => n + PAGE_ROWS)}
              >
                Show {formatNumber(Math.min(PAGE_ROWS, rows.length - shown), 0)} more
              </button>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: ReadonlyArray<readonly [string, string]>;
  onChange: (value: string) => void;
}) {
  return (
    <label className="log-filter">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value={ALL}>All</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function filterOptions(events: readonly AlertEvent[]) {
  const monitors = new Set<string>();
  const severities = new Set<string>();
  const kinds = new Set<string>();
  for (const e of events) {
    if (e.monitorId) monitors.add(e.monitorId);
    severities.add(e.severity);
    kinds.add(baseKind(e.kind));
  }
  return { monitors: [...monitors].sort(), severities: [...severities].sort(), kinds: [...kinds].sort() };
}

const capitalise = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Unknown');

const BADGE_STATES: readonly string[] = ['ok', 'warning', 'critical', 'unknown'];

/** A transition's severity as a word, not only a colour; one the badge does not know is shown as written. */
function SeverityBadge({ severity }: { severity: string }) {
  if (BADGE_STATES.includes(severity)) return <StateBadge state={severity as DisplayState} />;
  return <span className="tag">{capitalise(severity)}</span>;
}

/** "fired.quiet" → "Fired (not notified)": the engine marks transitions it did not send with ".quiet". */
export function kindLabel(kind: string): string {
  const quiet = kind.endsWith('.quiet');
  const base = kind.replace(/\.quiet$/, '').replace(/[-_.]/g, ' ');
  const text = base.charAt(0).toUpperCase() + base.slice(1);
  return quiet ? `${text} (not notified)` : text;
}
