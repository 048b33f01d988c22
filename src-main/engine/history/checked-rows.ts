import type { AlertEvent, StateChange } from '../../api/history-types.ts';
import { MONITOR_STATES } from '../../api/monitor-state.ts';
import type { StoredSample } from './stored-sample.ts';
import { STATUS_CODE } from './stored-status.ts';

/** A normalised copy, checked when added so a malformed row throws at its caller, not in a later batch. */
export function checkedSample(s: StoredSample): StoredSample {
  const where = `history sample for "${s?.monitorId}" at ${s?.time}`;
  checkMonitorAndTime(s, where);
  if (!Object.hasOwn(STATUS_CODE, s.status)) throw new TypeError(`${where}: unknown status "${s.status}"`);
  const latency = s.latencyMs ?? null;
  if (latency !== null && !(Number.isFinite(latency) && latency >= 0)) {
    throw new TypeError(`${where}: latencyMs must be a number ≥ 0 or null, got ${latency}`);
  }
  const httpStatus = s.httpStatus ?? null;
  if (httpStatus !== null && !Number.isInteger(httpStatus)) {
    throw new TypeError(`${where}: httpStatus must be a whole number or null, got ${httpStatus}`);
  }
  if (s.error != null && typeof s.error !== 'string') {
    throw new TypeError(`${where}: error must be a string or null`);
  }
  return {
    monitorId: s.monitorId,
    time: s.time,
    status: s.status,
    latencyMs: latency === null ? null : Math.round(latency),
    httpStatus,
    // A value that is not a finite number (NaN from 0/0, say) is "no value", not a reason to lose the check.
    value: typeof s.value === 'number' && Number.isFinite(s.value) ? s.value : null,
    error: s.error ?? null,
  };
}

export function checkedStateChange(c: StateChange): StateChange {
  const where = `history state change for "${c?.monitorId}" at ${c?.time}`;
  checkMonitorAndTime(c, where);
  for (const state of [c.from, c.to]) {
    if (!MONITOR_STATES.includes(state)) throw new TypeError(`${where}: unknown state "${state}"`);
  }
  if (typeof c.reason !== 'string') throw new TypeError(`${where}: reason must be a string`);
  return { monitorId: c.monitorId, time: c.time, from: c.from, to: c.to, reason: c.reason };
}

export function checkedAlertEvent(e: AlertEvent): AlertEvent {
  const where = `history alert event for "${e?.monitorId}" at ${e?.time}`;
  checkMonitorAndTime(e, where);
  for (const field of ['ruleId', 'kind', 'severity', 'message'] as const) {
    if (typeof e[field] !== 'string') throw new TypeError(`${where}: ${field} must be a string`);
  }
  return {
    monitorId: e.monitorId,
    ruleId: e.ruleId,
    time: e.time,
    kind: e.kind,
    severity: e.severity,
    message: e.message,
  };
}

function checkMonitorAndTime(row: { monitorId: string; time: number }, where: string): void {
  if (typeof row?.monitorId !== 'string' || row.monitorId === '') {
    throw new TypeError(`${where}: monitorId must be a non-empty string`);
  }
  if (!Number.isSafeInteger(row.time) || row.time < 0) {
    throw new TypeError(`${where}: time must be whole epoch milliseconds`);
  }
}
