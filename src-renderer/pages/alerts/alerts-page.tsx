import type { AlertsOverview } from '../../../src-main/api/contract.ts';
import { formatDateTime, formatRelative } from '../../../src-main/api/number-format.ts';
import { EmptyState, ErrorPanel, Loading } from '../../components/panels.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { isoTime } from '../../format/iso-time.ts';
import { hrefOf } from '../../routing/route.ts';
import { useApp } from '../../state/app-context.ts';
import { useDebounced } from '../../state/use-debounced.ts';
import { useLoad } from '../../state/use-load.ts';
import { useNow } from '../../state/use-now.ts';
import { ChannelsSection } from './channels-section.tsx';
import { TransitionLog } from './transition-log.tsx';

/** What is firing, what changed, and whether the messages got out. */
export function AlertsPage() {
  const { api, live } = useApp();
  const now = useNow();
  const s = live.state;
  // Reloads (debounced) on every snapshot, which the engine sends after each delivery too; no polling.
  const raw = s
    ? [
        live.revision,
        s.alerts.firing,
        s.alerts.snoozedUntil,
        s.alerts.brokenChannels.join(),
        ...s.monitors.map((m) => m.state),
      ].join('|')
    : '';
  const key = useDebounced(raw, 500);
  const overview = useLoad(() => api.getAlerts({ limit: 1000 }), [api, key]);

  return (
    <div className="page alerts-page">
      <div className="page-head">
        <h1 className="page-title">Alerts</h1>
      </div>
      {overview.status === 'error' && !overview.data ? (
        <ErrorPanel title="Could not load alerts" error={overview.error} onRetry={overview.reload} />
      ) : !overview.data ? (
        <Loading label="Loading alerts…" />
      ) : (
        <AlertsBody
          overview={overview.data}
          now={now}
          names={new Map(s?.monitors.map((m) => [m.id, m.name]) ?? [])}
          onChanged={overview.reload}
        />
      )}
    </div>
  );
}

function AlertsBody({
  overview,
  now,
  names,
  onChanged,
}: {
  overview: AlertsOverview;
  now: number;
  names: ReadonlyMap<string, string>;
  onChanged: () => void;
}) {
  return (
    <>
      <section className="card section-card" aria-labelledby="firing-title">
        <h2 id="firing-title">Firing now</h2>
        {overview.firing.length === 0 ? (
          <EmptyState title="Nothing is firing">
            Every monitor is within its rules. Enjoy the quiet.
          </EmptyState>
        ) : (
          <ul className="alert-list">
            {overview.firing.map((a) => (
              <li key={`${a.monitorId}-${a.ruleId ?? ''}`} className="alert-item">
                <StateBadge state={a.severity} />
                <div className="alert-main">
                  <a href={hrefOf({ name: 'monitor', id: a.monitorId })} className="alert-monitor">
                    {a.monitorName}
                  </a>
                  {a.ruleName ? <span className="muted"> · {a.ruleName}</span> : null}
                  <p className="alert-summary">{a.summary}</p>
                </div>
                <div className="alert-side">
                  <time dateTime={isoTime(a.since)} title={formatDateTime(a.since)}>
                    {formatRelative(a.since, Math.max(now, a.since))}
                  </time>
                  {a.muted ? (
                    <span className="tag">snoozed</span>
                  ) : !a.notified ? (
                    <span className="tag">not sent yet</span>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <TransitionLog transitions={overview.transitions} names={names} now={now} />

      <ChannelsSection overview={overview} now={now} onChanged={onChanged} />
    </>
  );
}
