import { useMemo, useState } from 'react';
import type { MonitorHistory, MonitorStatus } from '../../../src-main/api/contract.ts';
import type { HistoryWindow } from '../../../src-main/api/history-types.ts';
import {
  formatDateTime,
  formatDuration,
  formatLatency,
  formatNumber,
  formatPercent,
  formatRelative,
  formatUptime,
} from '../../../src-main/api/number-format.ts';
import { fromFirstReading } from '../../charts/chart-data.ts';
import { TimeChart } from '../../charts/time-chart.tsx';
import { CheckWords } from '../../components/check-words.tsx';
import { downloadText } from '../../components/download.ts';
import { Icon } from '../../components/icons.tsx';
import { EmptyState, ErrorPanel, InlineError, Loading } from '../../components/panels.tsx';
import { SnoozeControl } from '../../components/snooze-control.tsx';
import { Stat } from '../../components/stat.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { inboundOrigin } from '../../format/inbound-origin.ts';
import { balanceTrend, displayState, headline, trendLine, typeLabel } from '../../format/monitor-display.ts';
import { formatValue } from '../../format/sample-value.ts';
import { hrefOf } from '../../routing/route.ts';
import { useApp } from '../../state/app-context.ts';
import { useAction, useLoad } from '../../state/use-load.ts';
import { useNow } from '../../state/use-now.ts';
import { useThrottled } from '../../state/use-throttled.ts';
import { type ChartThresholds, chartThresholds } from './chart-thresholds.ts';
import { csvFileName, historyCsv } from './history-csv.ts';
import { IncidentTimeline } from './incident-timeline.tsx';
import { initialWindow } from './initial-window.ts';
import { PipelineCharts } from './pipeline-charts.tsx';
import { SampleValues } from './sample-values.tsx';
import { StateBand } from './state-band.tsx';

const HISTORY_REFRESH_MS = 30_000;
const WINDOWS: readonly HistoryWindow[] = ['1h', '24h', '7d', '30d'];
const WINDOW_WORDS: Record<HistoryWindow, string> = {
  '1h': 'last hour',
  '24h': 'last 24 hours',
  '7d': 'last 7 days',
  '30d': 'last 30 days',
};

/** Shown by the facts (the certificate) or the lead (the balance and its trend), not again among the values. */
const CERTIFICATE_VALUES: ReadonlySet<string> = new Set([
  'cert_days_left',
  'cert_valid_to',
  'cert_issuer',
  'cert_subject',
]);
const LEAD_BALANCE_VALUES: ReadonlySet<string> = new Set([
  ...CERTIFICATE_VALUES,
  'balance',
  'burn_per_hour',
  'hours_to_empty',
]);

/** The value each type charts besides latency and uptime, read by the same formatter as its values. */
const VALUE_CHARTS: Partial<Record<string, { key: string; label: string }>> = {
  balance: { key: 'balance', label: 'Balance' },
  'callback-health': { key: 'error_rate', label: 'Callback error rate' },
  heartbeat: { key: 'seconds_since_beat', label: 'Seconds since last beat' },
};
/** Types that are pushed to us (beats, pipeline events) rather than asked. */
const PUSHED: ReadonlySet<string> = new Set(['heartbeat', 'pipeline']);
/** Types whose checks have no value of their own to chart; a type added later charts its value. */
const NO_VALUE: ReadonlySet<string> = new Set(['http', 'tcp', 'webhook-receiver']);

/** One monitor: its current state, history charts over a window, incidents and actions. */
export function MonitorPage({ id }: { id: string }) {
  const { api, live } = useApp();
  const now = useNow();
  const monitor = live.state?.monitors.find((m) => m.id === id) ?? null;
  const [window, setWindow] = useState<HistoryWindow>(() => initialWindow(monitor, Date.now()));
  // A check every few seconds would otherwise refetch the whole window each time.
  const lastCheck = useThrottled(monitor?.lastCheck ?? null, HISTORY_REFRESH_MS);
  const history = useLoad(() => api.getHistory({ id, window }), [api, id, window, lastCheck]);
  const config = useLoad(() => api.getConfig({}), [api]);
  const host = useLoad(() => api.getHost({}), [api]);
  const pushOrigin = inboundOrigin(host.data, globalThis.location.origin);
  const alerts = useLoad(() => api.getAlerts({ limit: 1 }), [api, live.state?.alerts.snoozedUntil]);
  const check = useAction(() => api.checkNow({ id }).finally(history.reload));

  if (!live.state) {
    return (
      <div className="page">
        {live.error ? <ErrorPanel error={live.error} onRetry={live.reload} /> : <Loading />}
      </div>
    );
  }
  if (!monitor) {
    return (
      <div className="page">
        <a className="back-link" href={hrefOf({ name: 'dashboard' })}>
          <Icon name="back" />
          Dashboard
        </a>
        <EmptyState
          title="This monitor does not exist (any more)"
          action={
            <a className="button" href={hrefOf({ name: 'dashboard' })}>
              Back to the dashboard
            </a>
          }
        >
          No monitor has the id “{id}”. It may have been removed in Settings.
        </EmptyState>
      </div>
    );
  }

  const configured = config.data?.monitors?.find((m) => m.id === id);
  const currency = configured?.type === 'balance' ? (configured.currency ?? '$') : '$';
  const lead = headline(monitor, now, currency);
  const trend =
    monitor.type === 'balance'
      ? trendLine(balanceTrend(monitor.values ?? {}, currency, undefined, { at: monitor.lastCheck, now }))
      : null;
  const monitorSnooze = alerts.data?.snooze.monitors[id];
  // The charts may be up to 30 s old; the file holds every check up to now.
  const exportCsv = async () => {
    const shown = history.data;
    const data = await api.getHistory({ id, window }).catch(() => shown);
    if (data) downloadText(csvFileName(data), historyCsv(data), 'text/csv');
  };
  // The previous window's charts stay, dimmed, until the new one arrives.
  const switching = history.data !== null && history.data.window !== window;

  return (
    <div className="page monitor-page">
      <a className="back-link" href={hrefOf({ name: 'dashboard' })}>
        <Icon name="back" />
        Dashboard
      </a>
      <div className="page-head">
        <h1 className="page-title">{monitor.name}</h1>
        <StateBadge state={displayState(monitor)} />
        <p className="page-summary">
          {typeLabel(monitor.type)}
          {/* Where a heartbeat or pipeline is pushed to is a fact of its own, absolute, below. */}
          {monitor.url && !PUSHED.has(monitor.type) ? (
            <>
              {' · '}
              <span className="url">{monitor.url}</span>
            </>
          ) : null}
        </p>
      </div>
      <div className="toolbar">
        <button
          type="button"
          className="button"
          disabled={check.busy || !monitor.enabled}
          onClick={() => void check.run()}
        >
          <Icon name="refresh" />
          {check.busy ? 'Checking…' : 'Check now'}
        </button>
        <SnoozeControl
          label="Snooze alerts"
          snoozedUntil={monitorSnooze}
          now={now}
          onSnooze={(minutes) => api.snooze({ monitorId: id, minutes }).finally(alerts.reload)}
          onResume={() => api.resumeAlerts({ monitorId: id }).finally(alerts.reload)}
        />
        <a className="button" href={hrefOf({ name: 'monitor-edit', id })}>
          Edit
        </a>
      </div>
      <InlineError error={check.error} />

      <section className="card section-card now-card" aria-labelledby="now-title">
        <h2 id="now-title">Now</h2>
        <div className="now-grid">
          <div className="now-lead">
            <span className="headline-label">{lead.label}</span>
            <span className="headline-value">{lead.value}</span>
            {trend ? <span className="card-trend">{trend}</span> : null}
          </div>
          <dl className="facts">
            <div className="fact">
              <dt>Result</dt>
              <dd>
                <CheckWords monitor={monitor} className="fact-words" />
              </dd>
            </div>
            {PUSHED.has(monitor.type) ? (
              // The headline already says when the last beat or result came; a check of ours is no news.
              monitor.url ? (
                <Fact
                  term={monitor.type === 'heartbeat' ? 'Push URL' : 'Events URL'}
                  value={pushOrigin ? `${pushOrigin}${monitor.url}` : monitor.url}
                />
              ) : null
            ) : (
              <Fact
                term="Last check"
                value={
                  monitor.lastCheck === null
                    ? monitor.enabled
                      ? 'waiting for the first check'
                      : 'paused'
                    : `${formatRelative(monitor.lastCheck, Math.max(now, monitor.lastCheck))} · every ${formatDuration(monitor.intervalSeconds)}`
                }
              />
            )}
            {monitor.since !== null ? (
              <Fact term="In this state since" value={formatDateTime(monitor.since)} />
            ) : null}
            {monitor.httpStatus !== null ? (
              <Fact term="HTTP status" value={String(monitor.httpStatus)} />
            ) : null}
            {monitor.error && monitor.error !== monitor.summary ? (
              <Fact term="Error" value={monitor.error} />
            ) : null}
            {monitor.heldBy ? <Fact term="Alerts" value={`held: ${monitor.heldBy} is down`} /> : null}
            {monitor.maintenance ? (
              <Fact term="Maintenance" value="a window is under way: changes are recorded, not sent" />
            ) : null}
            {certificateText(monitor) ? (
              <Fact term="Certificate" value={certificateText(monitor) ?? ''} />
            ) : null}
            {monitor.tlsInsecure ? (
              <Fact
                term="TLS"
                value="not verified (insecure): anyone on the path could pose as this server"
              />
            ) : null}
          </dl>
        </div>
        <SampleValues
          monitor={monitor}
          context={{ currency, at: monitor.lastCheck, now }}
          omit={monitor.type === 'balance' ? LEAD_BALANCE_VALUES : CERTIFICATE_VALUES}
        />
      </section>

      <section className="history" aria-labelledby="history-title" aria-busy={switching}>
        <div className="section-head">
          <h2 id="history-title">History</h2>
          <fieldset className="segmented">
            <legend className="visually-hidden">Time window</legend>
            {WINDOWS.map((w) => (
              <button
                key={w}
                type="button"
                aria-pressed={window === w}
                className="segment"
                onClick={() => setWindow(w)}
              >
                {w}
              </button>
            ))}
          </fieldset>
          <button type="button" className="button" disabled={!history.data} onClick={() => void exportCsv()}>
            <Icon name="download" />
            Export CSV
          </button>
        </div>
        {history.status === 'error' && !history.data ? (
          <ErrorPanel title="Could not load the history" error={history.error} onRetry={history.reload} />
        ) : !history.data ? (
          <Loading label="Loading history…" />
        ) : (
          <HistoryCharts
            monitor={monitor}
            history={history.data}
            currency={currency}
            thresholds={chartThresholds(configured)}
          />
        )}
        {history.data?.pipeline ? (
          <PipelineCharts pipeline={history.data.pipeline} words={WINDOW_WORDS[history.data.window]} />
        ) : null}
      </section>

      <section className="card section-card" aria-labelledby="incidents-title">
        <h2 id="incidents-title">Incidents</h2>
        {history.data ? (
          <IncidentTimeline
            changes={history.data.stateChanges}
            now={now}
            windowWords={WINDOW_WORDS[history.data.window]}
          />
        ) : (
          <Loading />
        )}
      </section>
    </div>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function HistoryCharts({
  monitor,
  history,
  currency,
  thresholds,
}: {
  monitor: MonitorStatus;
  history: MonitorHistory;
  currency: string;
  thresholds: ChartThresholds;
}) {
  const { summary } = history;
  const series = useMemo(() => fromFirstReading(history.series), [history.series]);
  const words = WINDOW_WORDS[history.window];
  const hasLatency = series.latencyMs.some((v) => v !== null);
  // There is no request of ours whose latency could be shown.
  const pushed = PUSHED.has(monitor.type);
  const beats = series.beats;
  const valueChart =
    // A pipeline's results are charted by PipelineCharts, from the events rather than the checks.
    beats || history.pipeline || NO_VALUE.has(monitor.type)
      ? undefined
      : (VALUE_CHARTS[monitor.type] ?? { key: 'value', label: 'Value' });
  const hasValue = series.value.some((v) => v !== null);
  const formatOf = (key: string) => (v: number) => formatValue(key, v, { currency });
  const bucket = series.t.length > 1 ? ((series.t[1] as number) - (series.t[0] as number)) / 1000 : null;
  const beatsLabel = bucket === null ? 'Beats' : `Beats per ${formatDuration(bucket)}`;

  return (
    <div className="history-body">
      <dl className="stat-row">
        <Stat term="Uptime" value={formatUptime(summary.uptime)} />
        {pushed ? null : (
          <>
            <Stat term="Check p95 latency" value={formatLatency(summary.latencyP95Ms)} />
            <Stat term="Check avg latency" value={formatLatency(summary.latencyAvgMs)} />
          </>
        )}
        <Stat term="Checks" value={formatNumber(summary.checks, 0)} />
      </dl>
      {summary.checks === 0 ? (
        <EmptyState title={`No checks in the ${words}`}>
          Charts appear after the first checks. Try another window, or “Check now”.
        </EmptyState>
      ) : null}
      <div className="chart-grid">
        {pushed ? null : (
          <figure className="card chart-card" data-testid="chart-latency">
            <figcaption>Latency</figcaption>
            {hasLatency ? (
              <TimeChart
                height={180}
                times={series.t}
                series={{
                  label: 'Latency',
                  values: series.latencyMs,
                  colorVar: '--chart-latency',
                  format: (v) => formatLatency(v),
                }}
                thresholds={thresholds.latency}
                description={`Latency over the ${words}`}
                table
              />
            ) : (
              <p className="chart-empty">No latency measured in the {words}.</p>
            )}
          </figure>
        )}
        {valueChart ? (
          <figure className="card chart-card" data-testid="chart-value">
            <figcaption>{valueChart.label}</figcaption>
            {hasValue ? (
              <TimeChart
                height={180}
                times={series.t}
                series={{
                  label: valueChart.label,
                  values: series.value,
                  colorVar: '--chart-value',
                  format: formatOf(valueChart.key),
                }}
                thresholds={thresholds.value}
                description={`${valueChart.label} over the ${words}`}
                table
              />
            ) : (
              <p className="chart-empty">No readings in the {words}.</p>
            )}
          </figure>
        ) : null}
        {beats ? (
          <figure className="card chart-card" data-testid="chart-beats">
            <figcaption>{beatsLabel}</figcaption>
            {beats.some((v) => v !== null) ? (
              <TimeChart
                height={180}
                times={series.t}
                bars
                series={{
                  label: beatsLabel,
                  values: beats,
                  colorVar: '--chart-value',
                  format: (v) => formatNumber(v, 1),
                }}
                description={`${beatsLabel} over the ${words}`}
                table
              />
            ) : (
              <p className="chart-empty">No beats in the {words}.</p>
            )}
          </figure>
        ) : null}
        <figure className="card chart-card" data-testid="chart-uptime">
          <figcaption>Uptime</figcaption>
          {series.uptime.some((v) => v !== null) ? (
            <TimeChart
              height={140}
              times={series.t}
              yRange={[0, 1]}
              stepped
              series={{
                label: 'Uptime',
                values: series.uptime,
                colorVar: '--chart-uptime',
                format: (v) => formatPercent(v, 0),
              }}
              description={`Uptime over the ${words}`}
              table
            />
          ) : (
            <p className="chart-empty">No checks in the {words}.</p>
          )}
        </figure>
      </div>
      {summary.checks > 0 && series.t.length > 0 ? (
        <StateBand
          changes={history.stateChanges}
          current={monitor.state}
          from={series.t[0] as number}
          to={summary.to}
          windowWords={words}
        />
      ) : null}
    </div>
  );
}

/** "4.9 days left · valid to 6 Dec 2026, 22:18 · CN=Private CA", from the last check's certificate values. */
function certificateText(monitor: MonitorStatus): string | null {
  const v = monitor.values ?? {};
  if (typeof v.cert_days_left !== 'number' || typeof v.cert_valid_to !== 'string') return null;
  const days = v.cert_days_left;
  const count = (n: number) => {
    const shown = formatNumber(n, 1);
    return `${shown} ${shown === '1' ? 'day' : 'days'}`;
  };
  const left = days < 0 ? `expired ${count(-days)} ago` : `${count(days)} left`;
  const issuer =
    typeof v.cert_issuer === 'string' && v.cert_issuer !== '' ? ` · issued by ${v.cert_issuer}` : '';
  return `${left} · valid to ${formatDateTime(Date.parse(v.cert_valid_to))}${issuer}`;
}
