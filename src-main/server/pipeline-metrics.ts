import type { StateSnapshot } from '../api/contract.ts';
import type { PipelineTotals } from '../engine/pipeline/pipeline-intake.ts';
import { escapeLabel } from './metrics.ts';

/** The pipeline monitors' series: counters since start from the intake, ratios from the last check. */
export function renderPipelineMetrics(state: StateSnapshot, totals: readonly PipelineTotals[]): string {
  const counters: Array<[string, string, string, (t: PipelineTotals) => ReadonlyMap<string, number>]> = [
    ['solvewatch_pipeline_events_total', 'Pipeline events accepted, by event.', 'event', (t) => t.events],
    ['solvewatch_pipeline_errors_total', 'Failed results, by error code.', 'code', (t) => t.errors],
    [
      'solvewatch_pipeline_rejected_total',
      'Pipeline events not counted, by reason (invalid_signature, invalid_event, duplicate).',
      'reason',
      (t) => t.rejected,
    ],
  ];
  let out = '';
  for (const [name, help, label, pick] of counters) {
    out += `# HELP ${name} ${help}\n# TYPE ${name} counter\n`;
    for (const t of totals) {
      for (const [key, n] of pick(t)) {
        out += `${name}{monitor="${escapeLabel(t.monitorId)}",${label}="${escapeLabel(key)}"} ${n}\n`;
      }
    }
  }
  const gauges: Array<[string, string, string]> = [
    ['solvewatch_pipeline_success_ratio', 'Completed ÷ results over the window.', 'success_rate'],
    ['solvewatch_pipeline_delivery_ratio', 'Callbacks received in time ÷ tasks due.', 'delivery_rate'],
    ['solvewatch_pipeline_queue_depth', 'The last reported queue depth.', 'queue_depth'],
  ];
  const pipelines = state.monitors.filter((m) => m.type === 'pipeline' && m.enabled);
  for (const [name, help, value] of gauges) {
    out += `# HELP ${name} ${help}\n# TYPE ${name} gauge\n`;
    for (const m of pipelines) {
      const v = m.values[value];
      if (typeof v === 'number' && Number.isFinite(v))
        out += `${name}{monitor="${escapeLabel(m.id)}"} ${v}\n`;
    }
  }
  return out;
}
