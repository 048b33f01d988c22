import type { MonitorStatus, SolvewatchApi } from '../../../src-main/api/contract.ts';
import { TimeChart } from '../../charts/time-chart.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import {
  formatDuration,
  formatLatency,
  formatMoney,
  formatPercent,
  formatRelative,
} from '../../format/format.ts';
import {
  balanceTrend,
  displayState,
  headline,
  pipelineLine,
  typeLabel,
} from '../../format/monitor-display.ts';
import { hrefOf } from '../../routing/route.ts';
import { sparkMetric, useCardHistory } from './use-card-history.ts';

export interface MonitorCardProps {
  api: SolvewatchApi;
  monitor: MonitorStatus;
  now: number;
  currency: string;
}

/** One monitor at a glance; the whole card opens its history. */
export function MonitorCard({ api, monitor, now, currency }: MonitorCardProps) {
  const state = displayState(monitor);
  const history = useCardHistory(api, monitor);
  const lead = headline(monitor, now, currency);
  const trend = monitor.type === 'balance' ? balanceTrend(monitor.values ?? {}, currency) : null;
  const pipeline = monitor.type === 'pipeline' ? pipelineLine(monitor.values ?? {}) : null;
  const metric = sparkMetric(monitor.type);
  const hasPoints = history.values.some((v) => v !== null);
  const format =
    metric === 'latency'
      ? (v: number) => formatLatency(v)
      : monitor.type === 'balance'
        ? (v: number) => formatMoney(v, currency)
        : monitor.type === 'callback-health' || monitor.type === 'pipeline'
          ? (v: number) => formatPercent(v)
          : (v: number) => formatDuration(v);

  return (
    <article aria-label={monitor.name} data-state={state} className={`card monitor-card card-${state}`}>
      <div className="card-header">
        <h2 className="card-title">
          <a className="card-link" href={hrefOf({ name: 'monitor', id: monitor.id })}>
            {monitor.name}
          </a>
        </h2>
        <StateBadge state={state} />
      </div>
      <p className="card-meta">
        {typeLabel(monitor.type)} · every {formatDuration(monitor.intervalSeconds)}
      </p>
      <div className="card-headline">
        <span className="headline-label">{lead.label}</span>
        <span className="headline-value">{lead.value}</span>
      </div>
      {pipeline ? <p className="card-trend">{pipeline}</p> : null}
      {trend && (trend.burn || trend.empty) ? (
        <p className="card-trend">{[trend.burn, trend.empty].filter(Boolean).join(' · ')}</p>
      ) : null}
      {monitor.enabled && monitor.state !== 'ok' && monitor.lastCheck !== null ? (
        <p className="card-summary">{monitor.summary}</p>
      ) : null}
      {monitor.tlsInsecure ? <p className="card-summary card-insecure">TLS not verified (insecure)</p> : null}
      {monitor.enabled && monitor.heldBy ? (
        <p className="card-summary card-held">Alerts held: {monitor.heldBy} is down</p>
      ) : null}
      <div className="card-spark">
        {hasPoints ? (
          <TimeChart
            sparkline
            height={40}
            times={history.times}
            series={{ label: lead.label, values: history.values, colorVar: `--chart-${metric}`, format }}
            description={`${lead.label} over the last hour`}
          />
        ) : (
          <p className="card-spark-empty">{history.loaded ? 'No history yet' : ' '}</p>
        )}
      </div>
      <dl className="card-stats">
        <div>
          <dt>Uptime 24 h</dt>
          <dd>{formatPercent(history.uptime)}</dd>
        </div>
        <div>
          <dt>Last check</dt>
          <dd>
            {!monitor.enabled
              ? 'paused'
              : monitor.lastCheck === null
                ? 'waiting'
                : formatRelative(monitor.lastCheck, Math.max(now, monitor.lastCheck))}
          </dd>
        </div>
      </dl>
    </article>
  );
}
