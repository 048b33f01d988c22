import type { AlertNotice } from '../../api/notification-types.ts';
import type { SampleValue } from '../../api/sample-values.ts';
import { errorBreakdown } from './error-breakdown.ts';
import { percent } from './percent.ts';

/**
 * A pipeline alert as one plain line for the desktop ("Solver pipeline: 22.5 % of 200 solves failed
 * in 5 min — mostly ERROR_CAPTCHA_UNSOLVABLE"); null for other notices, which keep their summary.
 */
export function pipelineLine(notice: AlertNotice): string | null {
  if (notice.monitorType !== 'pipeline') return null;
  const v = notice.values;
  const name = notice.monitorName;
  if (notice.kind === 'recovered') {
    if (notice.ruleId !== 'error-rate') return null;
    const before = num(notice.firedValues ?? {}, 'success_rate');
    return `${name}: solve rate recovered ${pct(before)} → ${pct(num(v, 'success_rate'))}`;
  }
  switch (notice.ruleId) {
    case 'error-rate': {
      const top = errorBreakdown(v)[0];
      const minutes = Math.round((num(v, 'window_seconds') ?? 300) / 60);
      return (
        `${name}: ${pct(num(v, 'error_rate'))} of ${whole(v, 'tasks')} solves failed in ${minutes} min` +
        (top ? ` — mostly ${top[0]}` : '')
      );
    }
    case 'queue': {
      const workers = num(v, 'workers');
      const drain = num(v, 'drain_minutes');
      return (
        `${name}: ${whole(v, 'queue_depth')} tasks queued` +
        (workers === null ? '' : `, ${workers} workers`) +
        (drain === null ? '' : `, about ${Math.round(drain)} min to drain`)
      );
    }
    case 'delivery-rate':
      return (
        `${name}: ${pct(num(v, 'delivery_rate'))} of ${whole(v, 'deliveries_due')} callbacks arrived in time` +
        ` — ${whole(v, 'missed_count')} missed, ${whole(v, 'pending')} pending`
      );
    case 'forged': {
      const from = typeof v.refused_from === 'string' ? `, from ${v.refused_from}` : '';
      return `${name}: ${whole(v, 'invalid_signatures')} requests refused for a wrong signature${from}`;
    }
  }
  return null;
}

function num(values: Record<string, SampleValue>, key: string): number | null {
  const v = values[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function whole(values: Record<string, SampleValue>, key: string): string {
  const n = num(values, key);
  return n === null ? '?' : n.toLocaleString('en-US');
}

/** "22.5 %", rounded down like the embeds. */
function pct(ratio: number | null): string {
  return ratio === null ? '?' : percent(ratio).replace('%', ' %');
}
