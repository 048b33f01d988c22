import type { StateSnapshot } from '../api/contract.ts';
import type { MonitorState } from '../api/monitor-state.ts';
import type { SchedulerStats } from '../engine/scheduler/scheduler.ts';

const stateValue: Record<MonitorState, number> = { ok: 0, warning: 1, critical: 2, unknown: -1 };

export const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

/** Prometheus text exposition (format 0.0.4) of the live state. Only ids, types and numbers: no URLs, no secrets. */
export function renderMetrics(state: StateSnapshot, stats: SchedulerStats): string {
  const families: Record<string, { help: string; type: string; lines: string[] }> = {
    solvewatch_monitor_up: {
      help: 'Whether the last check reached the target and passed (1) or not (0).',
      type: 'gauge',
      lines: [],
    },
    solvewatch_monitor_state: {
      help: 'Monitor state: 0 ok, 1 warning, 2 critical, -1 unknown.',
      type: 'gauge',
      lines: [],
    },
    solvewatch_check_latency_seconds: { help: 'Duration of the last check.', type: 'gauge', lines: [] },
    solvewatch_last_check_timestamp_seconds: {
      help: 'When the last check ran (Unix time).',
      type: 'gauge',
      lines: [],
    },
    solvewatch_balance: { help: 'Solver account balance from the last check.', type: 'gauge', lines: [] },
    solvewatch_callback_error_rate: {
      help: 'Callback handler error rate reported by the health endpoint.',
      type: 'gauge',
      lines: [],
    },
    solvewatch_certificate_days_left: {
      help: 'Days until the TLS certificate seen by the last check expires (negative once expired).',
      type: 'gauge',
      lines: [],
    },
    solvewatch_monitor_held: {
      help: 'Whether alerts are held because a monitor this one depends on is critical (1) or not (0).',
      type: 'gauge',
      lines: [],
    },
    solvewatch_monitor_maintenance: {
      help: 'Whether a maintenance window covers the monitor now (1) or not (0): transitions are not told.',
      type: 'gauge',
      lines: [],
    },
  };
  const add = (family: string, labels: string, value: number) =>
    families[family]?.lines.push(`${family}{${labels}} ${value}`);
  for (const m of state.monitors) {
    if (!m.enabled) continue;
    const labels = `monitor="${escapeLabel(m.id)}",type="${m.type}"`;
    add('solvewatch_monitor_state', labels, stateValue[m.state]);
    add('solvewatch_monitor_held', labels, m.heldBy ? 1 : 0);
    add('solvewatch_monitor_maintenance', labels, m.maintenance ? 1 : 0);
    if (m.lastCheck === null) continue;
    add('solvewatch_monitor_up', labels, m.sampleStatus === 'up' || m.sampleStatus === 'degraded' ? 1 : 0);
    add('solvewatch_last_check_timestamp_seconds', labels, m.lastCheck / 1000);
    if (m.latencyMs !== null) add('solvewatch_check_latency_seconds', labels, m.latencyMs / 1000);
    if (m.value !== null && m.type === 'balance') add('solvewatch_balance', labels, m.value);
    if (m.value !== null && m.type === 'callback-health')
      add('solvewatch_callback_error_rate', labels, m.value);
    const certDays = m.values?.cert_days_left;
    if (typeof certDays === 'number') add('solvewatch_certificate_days_left', labels, certDays);
  }
  let out = '';
  for (const [name, f] of Object.entries(families)) {
    out += `# HELP ${name} ${f.help}\n# TYPE ${name} ${f.type}\n`;
    for (const line of f.lines) out += `${line}\n`;
  }
  const family = (name: string, help: string, type: string, lines: string[]) =>
    `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${lines.map((l) => `${l}\n`).join('')}`;
  out += family(
    'solvewatch_overall_state',
    'Worst state across monitors: 0 ok, 1 warning, 2 critical, -1 unknown.',
    'gauge',
    [`solvewatch_overall_state ${stateValue[state.overall]}`],
  );
  out += family('solvewatch_checks_total', 'Scheduled checks run since start.', 'counter', [
    `solvewatch_checks_total ${stats.runs}`,
  ]);
  out += family(
    'solvewatch_checks_skipped_total',
    'Checks skipped because the previous one was still running.',
    'counter',
    [`solvewatch_checks_skipped_total ${stats.skippedOverlaps}`],
  );
  out += family(
    'solvewatch_schedule_lateness_seconds',
    'How late scheduled checks started (quantiles since start).',
    'gauge',
    [
      `solvewatch_schedule_lateness_seconds{quantile="0.5"} ${stats.latenessMs.p50 / 1000}`,
      `solvewatch_schedule_lateness_seconds{quantile="0.99"} ${stats.latenessMs.p99 / 1000}`,
    ],
  );
  out += family('solvewatch_alerts_firing', 'Alerts firing now.', 'gauge', [
    `solvewatch_alerts_firing ${state.alerts.firing}`,
  ]);
  out += family('solvewatch_offline', 'Whether the engine believes this computer is offline.', 'gauge', [
    `solvewatch_offline ${state.offline ? 1 : 0}`,
  ]);
  return out;
}
