import { withCheck } from '../../api/check-strip.ts';
import type { StateChange } from '../../api/history-types.ts';
import type { MonitorState } from '../../api/monitor-state.ts';
import { isOfflineFailure } from '../connectivity/offline-witnesses.ts';
import type { StoredSample } from '../history/stored-sample.ts';
import { type Evaluation, evaluateRules } from '../rules/evaluate-rules.ts';
import { evaluationWords } from '../rules/evaluation-words.ts';
import type { Sample } from '../sample.ts';
import { type MonitorRuntime, RECENT_SAMPLES } from './monitor-runtime.ts';
import { primaryValue } from './monitor-status.ts';
import { unchangedEvaluation } from './unchanged-evaluation.ts';

/** What one check of a monitor decided: its new runtime, and what to record. */
export interface MonitorStep {
  runtime: MonitorRuntime;
  evaluation: Evaluation;
  previousState: MonitorState;
  stored: StoredSample;
  stateChange: StateChange | null;
}

/** A network failure while the computer is offline says nothing about the endpoint: unknown, not down. */
export function offlineEvaluation(evaluation: Evaluation, sample: Sample): Evaluation {
  return { ...evaluation, state: 'unknown', summary: `offline: ${sample.error ?? 'no network'}` };
}

/** One check's result applied to a monitor: rules, offline judgement and state change. Pure. */
export function stepMonitor(rt: MonitorRuntime, sample: Sample, offline: boolean): MonitorStep {
  let evaluation = evaluateRules(rt.rules, sample);
  if (offline && rt.remoteHost !== null && isOfflineFailure(sample)) {
    evaluation = offlineEvaluation(evaluation, sample);
  }
  evaluation = unchangedEvaluation(rt.evaluation ?? undefined, evaluation);
  const changed = evaluation.state !== rt.state;
  // The body (up to the body cap) only serves the rules, evaluated above: a runtime keeps what the API shows.
  const { body: _body, bodyText: _text, ...kept } = sample;
  const runtime: MonitorRuntime = {
    ...rt,
    last: kept,
    evaluation,
    // Only the balance probe reads earlier readings (its burn rate).
    recent: rt.config.type === 'balance' ? [kept, ...rt.recent].slice(0, RECENT_SAMPLES) : rt.recent,
    state: evaluation.state,
    since: changed ? sample.time : rt.since,
    strip: withCheck(rt.strip, evaluation.state, sample.time),
  };
  return {
    runtime,
    evaluation,
    previousState: rt.state,
    stored: toStored(rt, sample, evaluation.state),
    stateChange: changed
      ? {
          monitorId: rt.config.id,
          time: sample.time,
          from: rt.state,
          to: evaluation.state,
          reason: evaluationWords(evaluation, sample, rt.config),
        }
      : null,
  };
}

/** Going offline: monitors whose last result was a network failure now say "unknown", not "down". */
export function markOffline(
  rt: MonitorRuntime,
  now: number,
): { runtime: MonitorRuntime; stateChange: StateChange } | null {
  if (
    rt.remoteHost === null ||
    !rt.last ||
    !rt.evaluation ||
    !isOfflineFailure(rt.last) ||
    rt.state === 'unknown'
  ) {
    return null;
  }
  const evaluation = offlineEvaluation(rt.evaluation, rt.last);
  return {
    runtime: { ...rt, evaluation, state: 'unknown', since: now },
    stateChange: {
      monitorId: rt.config.id,
      time: now,
      from: rt.state,
      to: 'unknown',
      reason: evaluation.summary,
    },
  };
}

function toStored(rt: MonitorRuntime, s: Sample, state: MonitorState): StoredSample {
  return {
    monitorId: rt.config.id,
    time: s.time,
    // Uptime counts critical checks as down (README "Uptime"): a reachable handler that reports itself
    // unhealthy, or a balance critically low, is an outage even though the probe got an answer.
    status: state === 'critical' && (s.status === 'degraded' || s.status === 'up') ? 'down' : s.status,
    latencyMs: s.latencyMs,
    httpStatus: s.httpStatus ?? null,
    value: primaryValue(rt.config.type, s.values),
    error: s.error ?? null,
  };
}
