import type { MonitorConfig } from '../../api/config-schema.ts';
import { checkWords, MESSAGE_LOCALE } from '../../api/plain-words.ts';
import type { Sample } from '../sample.ts';
import type { Evaluation } from './evaluate-rules.ts';

/** An evaluation in plain words, for what the engine records and tells (alert rows, state changes, notices). */
export function evaluationWords(evaluation: Evaluation, sample: Sample, monitor: MonitorConfig): string {
  // Unknown (offline, not yet beating) already reads as a reason, never as a condition.
  if (evaluation.state === 'unknown') return evaluation.summary;
  return checkWords(
    {
      state: evaluation.state,
      breached: evaluation.results,
      values: sample.values,
      error: sample.error ?? null,
      latencyMs: sample.latencyMs,
      currency: monitor.type === 'balance' ? monitor.currency : null,
    },
    MESSAGE_LOCALE,
  );
}
