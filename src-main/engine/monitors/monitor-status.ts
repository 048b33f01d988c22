import type { CheckStrip } from '../../api/check-strip.ts';
import type { MonitorConfig } from '../../api/config-schema.ts';
import { checkIntervalSeconds, monitorLabel } from '../../api/config-schema.ts';
import type { MonitorStatus } from '../../api/contract.ts';
import type { MonitorState } from '../../api/monitor-state.ts';
import type { SampleValue } from '../../api/sample-values.ts';
import { redactUrl } from '../redact.ts';
import type { Evaluation } from '../rules/evaluate-rules.ts';
import type { Sample } from '../sample.ts';

/** The headline number of each monitor type, stored as the sample's `value` and charted. */
export function primaryValue(
  type: MonitorConfig['type'],
  values: Record<string, SampleValue>,
): number | null {
  const key =
    type === 'balance'
      ? 'balance'
      : type === 'callback-health'
        ? 'error_rate'
        : type === 'heartbeat'
          ? 'seconds_since_beat'
          : type === 'pipeline'
            ? 'success_rate'
            : null;
  const v = key ? values[key] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function monitorUrl(m: MonitorConfig): string | null {
  if (m.type === 'http' || m.type === 'callback-health' || m.type === 'webhook-receiver') {
    return redactUrl(m.url);
  }
  if (m.type === 'balance') return m.baseUrl ? redactUrl(m.baseUrl) : null;
  if (m.type === 'tcp') return `${m.tls === false ? 'tcp' : 'tls'}://${hostPort(m.host, m.port)}`;
  if (m.type === 'pipeline') return `/events/${encodeURIComponent(m.id)}`;
  return `/push/${encodeURIComponent(m.id)}`;
}

const hostPort = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`;

export interface MonitorView {
  config: MonitorConfig;
  state: MonitorState;
  since: number | null;
  last: Sample | null;
  evaluation: Evaluation | null;
  strip?: CheckStrip;
}

export function toMonitorStatus(v: MonitorView): MonitorStatus {
  const { config: m, last, evaluation } = v;
  const status: MonitorStatus = {
    id: m.id,
    name: monitorLabel(m),
    type: m.type,
    enabled: m.enabled,
    state: v.state,
    since: v.since,
    lastCheck: last?.time ?? null,
    intervalSeconds: checkIntervalSeconds(m),
    sampleStatus: last?.status ?? null,
    latencyMs: last?.latencyMs ?? null,
    httpStatus: last?.httpStatus ?? null,
    value: last ? primaryValue(m.type, last.values) : null,
    // The tray and the window show a balance with its currency without reading the config.
    values: m.type === 'balance' ? { ...(last?.values ?? {}), currency: m.currency } : (last?.values ?? {}),
    summary: evaluation?.summary ?? (m.enabled ? 'waiting for the first check' : 'paused'),
    error: last?.error ?? null,
    breached: evaluation ? evaluation.results.filter((r) => r.breached) : [],
    url: monitorUrl(m),
    ...(v.strip &&
      v.strip.times.length > 0 && {
        recentChecks: {
          states: v.strip.states,
          from: v.strip.times[0] as number,
          to: v.strip.times[v.strip.times.length - 1] as number,
        },
      }),
  };
  if ('tls' in m && typeof m.tls === 'object' && m.tls.insecure === true) status.tlsInsecure = true;
  return status;
}

/** Adds who holds the monitor's alerts, while a monitor it depends on is critical. */
export function withHold(status: MonitorStatus, heldBy: (monitorId: string) => string | null): MonitorStatus {
  const holder = heldBy(status.id);
  if (holder !== null) status.heldBy = holder;
  return status;
}

/** Marks a monitor a maintenance window covers now: checked and recorded, but not told. */
export function withMaintenance(
  status: MonitorStatus,
  inMaintenance: (monitorId: string) => boolean,
): MonitorStatus {
  if (inMaintenance(status.id)) status.maintenance = true;
  return status;
}
