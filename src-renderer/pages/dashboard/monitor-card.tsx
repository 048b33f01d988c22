import { useRef } from 'react';
import type { MonitorStatus, SolvewatchApi } from '../../../src-main/api/contract.ts';
import {
  formatDuration,
  formatLatency,
  formatMoney,
  formatPercent,
  formatTime,
  formatUptime,
} from '../../../src-main/api/number-format.ts';
import { TimeChart } from '../../charts/time-chart.tsx';
import { CheckWords } from '../../components/check-words.tsx';
import { StateBadge } from '../../components/state-badge.tsx';
import { StateStrip } from '../../components/state-strip.tsx';
import { TimeAgo } from '../../components/time-ago.tsx';
import {
  balanceTrend,
  displayState,
  headline,
  pipelineLine,
  trendLine,
  typeLabel,
} from '../../format/monitor-display.ts';
import { hrefOf } from '../../routing/route.ts';
import { useOnScreen } from '../../state/use-on-screen.ts';
import { sparkMetric, useCardHistory } from './use-card-history.ts';

export interface MonitorCardProps {
  api: SolvewatchApi;
  monitor: MonitorStatus;
  /** Coarse (the dashboard passes it to the 10 s): it keeps a heartbeat's "last beat" and a snooze moving. */
  now: number;
  currency: string;
  /** This monitor's own snooze: until when, null until resumed; absent when it is not snoozed. */
  snoozedUntil?: number | null;
}

/** One monitor at a glance; the whole card opens its history. The dashboard keeps it live (card-grid.tsx). */
export function MonitorCard({ api, monitor, now, currency, snoozedUntil }: MonitorCardProps) {
  const state = displayState(monitor);
  const root = useRef<HTMLElement>(null);
  const { onScreen, seen } = useOnScreen(root);
  const history = useCardHistory(api, monitor, seen);
  // Off screen the sparkline keeps what it drew: no canvas redraws for cards nobody sees.
  const spark = useRef(history);
  if (onScreen) spark.current = history;
  const lead = headline(monitor, now, currency);
  const trend =
    monitor.type === 'balance'
      ? trendLine(balanceTrend(monitor.values ?? {}, currency, undefined, { at: monitor.lastCheck, now }))
      : null;
  const pipeline = monitor.type === 'pipeline' ? pipelineLine(monitor.values ?? {}) : null;
  const metric = sparkMetric(monitor.type);
  const hasPoints = spark.current.values.some((v) => v !== null);
  const format =
    metric === 'latency'
      ? (v: number) => formatLatency(v)
      : monitor.type === 'balance'
        ? (v: number) => formatMoney(v, currency)
        : monitor.type === 'callback-health' || monitor.type === 'pipeline'
          ? (v: number) => formatPercent(v)
          : (v: number) => formatDuration(v);

  return (
    <article
      ref={root}
      aria-label={monitor.name}
      data-state={state}
      className={`card monitor-card card-${state}`}
    >
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
        {snoozedUntil !== undefined && (snoozedUntil === null || snoozedUntil > now) ? (
          <span className="tag card-snoozed">
            {snoozedUntil === null ? 'Snoozed until resumed' : `Snoozed until ${formatTime(snoozedUntil)}`}
          </span>
        ) : null}
      </p>
      <StateStrip checks={monitor.recentChecks} />
      <div className="card-headline">
        <span className="headline-label">{lead.label}</span>
        <span className="headline-value">{lead.value}</span>
      </div>
      {pipeline ? <p className="card-trend">{pipeline}</p> : null}
      {trend ? <p className="card-trend">{trend}</p> : null}
      {monitor.enabled && monitor.state !== 'ok' && monitor.lastCheck !== null ? (
        <CheckWords monitor={monitor} className="card-summary" />
      ) : null}
      {monitor.tlsInsecure ? <p className="card-summary card-insecure">TLS not verified (insecure)</p> : null}
      {monitor.enabled && monitor.maintenance ? (
        <p className="card-summary card-maintenance">Maintenance — checks recorded, alerts not sent</p>
      ) : null}
      {monitor.enabled && monitor.heldBy ? (
        <p className="card-summary card-held">Alerts held: {monitor.heldBy} is down</p>
      ) : null}
      <div className="card-spark">
        {hasPoints ? (
          <TimeChart
            sparkline
            height={40}
            times={spark.current.times}
            series={{
              label: lead.label,
              values: spark.current.values,
              colorVar: `--chart-${metric}`,
              format,
            }}
            description={`${lead.label} over the last hour`}
          />
        ) : (
          <p className="card-spark-empty">{history.loaded ? 'No history yet' : ' '}</p>
        )}
      </div>
      <dl className="card-stats">
        <div>
          <dt>Uptime 24 h</dt>
          <dd>{formatUptime(history.uptime)}</dd>
        </div>
        <div>
          <dt>Last check</dt>
          <dd>
            {!monitor.enabled ? (
              'paused'
            ) : monitor.lastCheck === null ? (
              'waiting'
            ) : (
              <TimeAgo time={monitor.lastCheck} ticking={onScreen} />
            )}
          </dd>
        </div>
      </dl>
    </article>
  );
}
