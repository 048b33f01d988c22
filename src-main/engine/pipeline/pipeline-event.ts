/** Events a pipeline monitor takes in: the provider's webhooks (seed 004) and the user's own task events. */
export const PIPELINE_EVENTS = [
  'task.submitted',
  'task.completed',
  'task.failed',
  'callback.received',
  'balance.low',
] as const;
export type PipelineEventName = (typeof PIPELINE_EVENTS)[number];

/** A result ends a task: it counts in `tasks`, the rates and the delivery rate. */
export const RESULT_EVENTS: ReadonlySet<PipelineEventName> = new Set([
  'task.completed',
  'task.failed',
  'callback.received',
]);

export interface PipelineEvent {
  event: PipelineEventName;
  /** Absent only on `balance.low`. */
  taskId: string | null;
  errorCode: string | null;
  solveMs: number | null;
  queueDepth: number | null;
  workers: number | null;
  cost: number | null;
  balance: number | null;
  threshold: number | null;
  /** When the sender says it happened (`time` in epoch ms or ISO 8601, or the provider's `timestamp`). */
  time: number | null;
}

export type EventReading = { ok: true; event: PipelineEvent } | { ok: false; reason: string };

const MAX_ID_CHARS = 200;
const MAX_CODE_CHARS = 100;
const EVENT_LIST = PIPELINE_EVENTS.join(', ');
const KNOWN: ReadonlySet<string> = new Set(PIPELINE_EVENTS);

class InvalidEvent extends Error {}

/** One event of a request, checked field by field; the reason names the field that is wrong. */
export function readEvent(raw: unknown): EventReading {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, reason: 'must be a JSON object' };
  }
  const o = raw as Record<string, unknown>;
  try {
    if (typeof o.event !== 'string' || !KNOWN.has(o.event)) {
      throw new InvalidEvent(
        o.event === undefined ? `event is required (${EVENT_LIST})` : `event must be one of ${EVENT_LIST}`,
      );
    }
    const event = o.event as PipelineEventName;
    const taskId = text(o, 'taskId', MAX_ID_CHARS);
    if (taskId === null && event !== 'balance.low') throw new InvalidEvent(`taskId is required for ${event}`);
    const balance = number(o, 'balance', -Infinity);
    if (event === 'balance.low' && balance === null)
      throw new InvalidEvent('balance is required for balance.low');
    return {
      ok: true,
      event: {
        event,
        taskId,
        errorCode: text(o, 'errorCode', MAX_CODE_CHARS),
        solveMs: number(o, 'solveMs', 0),
        queueDepth: count(o, 'queueDepth'),
        workers: count(o, 'workers'),
        cost: number(o, 'cost', 0),
        balance,
        threshold: number(o, 'threshold', -Infinity),
        time: time(o),
      },
    };
  } catch (err) {
    if (err instanceof InvalidEvent) return { ok: false, reason: err.message };
    throw err;
  }
}

function text(o: Record<string, unknown>, field: string, max: number): string | null {
  const v = o[field];
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v !== 'string' || v.length === 0 || v.length > max) {
    throw new InvalidEvent(`${field} must be a non-empty string of at most ${max} characters`);
  }
  return v;
}

function number(o: Record<string, unknown>, field: string, min: number): number | null {
  const v = o[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    throw new InvalidEvent(`${field} must be a ${min === 0 ? 'number ≥ 0' : 'finite number'}`);
  }
  return v;
}

function count(o: Record<string, unknown>, field: string): number | null {
  const v = number(o, field, 0);
  if (v !== null && !Number.isSafeInteger(v)) throw new InvalidEvent(`${field} must be a whole number ≥ 0`);
  return v;
}

function time(o: Record<string, unknown>): number | null {
  for (const field of ['time', 'timestamp']) {
    const v = o[field];
    if (v === undefined || v === null) continue;
    const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : Number.NaN;
    if (!Number.isSafeInteger(t) || t < 0) {
      throw new InvalidEvent(`${field} must be epoch milliseconds or an ISO 8601 date`);
    }
    return t;
  }
  return null;
}
