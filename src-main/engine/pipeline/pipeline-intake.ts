import type { DatabaseSync } from 'node:sqlite';
import type { Config, PipelineMonitor, Secret } from '../../api/config-schema.ts';
import type { HistoryWindow, PipelineHistory } from '../../api/history-types.ts';
import type { PipelineDaySummary } from '../../api/notification-types.ts';
import type { Clock } from '../clock.ts';
import type { Retention } from '../history/retention.ts';
import { inTransaction } from '../history/transaction.ts';
import { signatureMatches, tokenMatches } from './event-auth.ts';
import {
  countDuplicate,
  countEvent,
  countInvalidEvent,
  countRefused,
  emptyPipelineState,
  forgetSettledTasks,
  keepMsFor,
  type PipelineState,
} from './event-slots.ts';
import { type PipelineEvent, readEvent } from './pipeline-event.ts';
import { PipelineHistoryQueries } from './pipeline-history.ts';
import { addToMinute, countsAt, type MinuteDeltas } from './pipeline-minutes.ts';
import { PipelineRollups } from './pipeline-rollups.ts';
import { type PipelineReading, pipelineValues } from './pipeline-values.ts';
import { DUPLICATE_WINDOW_MS, SeenKeys } from './seen-keys.ts';

export const MAX_EVENT_BODY_BYTES = 1_048_576;
export const MAX_BATCH_EVENTS = 1000;

/** One `POST /events/:monitorId` as the transport read it. */
export interface EventRequest {
  rawBody: Uint8Array;
  header(name: string): string | undefined;
  queryToken: string | null;
  remoteAddress: string | null;
}

export interface IntakeAnswer {
  accepted: number;
  duplicates: number;
  rejected: { index: number; reason: string }[];
}

export type IntakeResult =
  | { status: 202; body: IntakeAnswer }
  | { status: 400 | 401 | 404 | 413; error: string };

/** Counters since start, per pipeline monitor (/metrics). */
export interface PipelineTotals {
  monitorId: string;
  events: ReadonlyMap<string, number>;
  errors: ReadonlyMap<string, number>;
  rejected: ReadonlyMap<string, number>;
}

export interface PipelineIntakeOptions {
  db: DatabaseSync;
  clock: Clock;
  config: () => Config;
  resolveSecret: (s: Secret) => string | null;
}

/**
 * Events in: checks who sent them, validates each, drops retries, and counts the rest into the
 * monitor's slots. The pipeline probe reads the result through `reading`; nothing here alerts.
 */
export class PipelineIntake {
  private readonly o: PipelineIntakeOptions;
  private readonly seen: SeenKeys;
  private readonly rollups: PipelineRollups;
  private readonly queries: PipelineHistoryQueries;
  private readonly states = new Map<string, PipelineState>();

  constructor(o: PipelineIntakeOptions) {
    this.o = o;
    this.seen = new SeenKeys(o.db);
    this.rollups = new PipelineRollups(o.db);
    this.queries = new PipelineHistoryQueries(o.db);
  }

  receive(monitorId: string, req: EventRequest): IntakeResult {
    const m = this.o.config().monitors.find((x) => x.id === monitorId);
    if (m?.type !== 'pipeline') return { status: 404, error: 'no pipeline monitor with that id' };
    const now = this.o.clock.now();
    const state = this.stateOf(m.id);
    const keepMs = keepMsFor(m.windowSeconds);
    if (!this.authentic(m, req)) {
      countRefused(state, now, keepMs, req.remoteAddress);
      const deltas: MinuteDeltas = new Map();
      countsAt(deltas, now).refused++;
      inTransaction(this.o.db, () => this.rollups.add(m.id, deltas));
      return {
        status: 401,
        error: `missing or wrong ${m.signatureHeader} signature${m.token ? ' or token' : ''}`,
      };
    }
    if (req.rawBody.length > MAX_EVENT_BODY_BYTES) return { status: 413, error: 'body over 1 MiB' };
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(req.rawBody).toString('utf8'));
    } catch (err) {
      return { status: 400, error: `body is not valid JSON: ${(err as Error).message}` };
    }
    const items = Array.isArray(parsed) ? parsed : [parsed];
    if (items.length > MAX_BATCH_EVENTS) {
      return { status: 413, error: `at most ${MAX_BATCH_EVENTS} events per request (got ${items.length})` };
    }
    const answer: IntakeAnswer = { accepted: 0, duplicates: 0, rejected: [] };
    const deltas: MinuteDeltas = new Map();
    this.seen.batch(() => {
      items.forEach((item, index) => {
        const reading = readEvent(item);
        if (!reading.ok) {
          countInvalidEvent(state);
          answer.rejected.push({ index, reason: reading.reason });
          return;
        }
        const e = reading.event;
        const key = duplicateKey(e);
        if (key !== null && !this.seen.firstSeen(m.id, key, now)) {
          countDuplicate(state, now, keepMs);
          countsAt(deltas, now).duplicates++;
          answer.duplicates++;
          return;
        }
        const t = eventTime(e, now, keepMs);
        countEvent(state, e, t, keepMs);
        addToMinute(deltas, e, t, storedCode(state, e.errorCode));
        answer.accepted++;
      });
      this.rollups.add(m.id, deltas);
    });
    forgetSettledTasks(state, now - m.deliveryTimeoutSeconds * 1000 - m.windowSeconds * 1000);
    return { status: 202, body: answer };
  }

  /** The monitor's values now; what the pipeline probe reports. */
  reading(m: PipelineMonitor): PipelineReading {
    return pipelineValues(this.stateOf(m.id), m, this.o.clock.now());
  }

  /** The day of the enabled pipeline monitors, for the daily summary; undefined without one. */
  readonly day = (from: number, to: number): PipelineDaySummary | undefined => {
    const ids = this.o.config().monitors.flatMap((m) => (m.type === 'pipeline' && m.enabled ? [m.id] : []));
    return this.rollups.summary(ids, from, to) ?? undefined;
  };

  /** A pipeline monitor's results over a window (its monitor page); undefined for other monitors. */
  readonly history = (monitorId: string, window: HistoryWindow, now: number): PipelineHistory | undefined => {
    const m = this.o.config().monitors.find((x) => x.id === monitorId);
    return m?.type === 'pipeline' ? this.queries.read(monitorId, window, now) : undefined;
  };

  /** Drops buckets past their retention; runs with the hourly history prune. */
  prune(now: number, retention: Retention): number {
    return inTransaction(this.o.db, () => this.rollups.prune(now, retention));
  }

  /** Counters of the pipeline monitors configured now. */
  totals(): PipelineTotals[] {
    const ids = new Set(this.o.config().monitors.flatMap((m) => (m.type === 'pipeline' ? [m.id] : [])));
    return [...this.states]
      .filter(([id]) => ids.has(id))
      .map(([monitorId, s]) => ({ monitorId, ...s.totals }));
  }

  private authentic(m: PipelineMonitor, req: EventRequest): boolean {
    if (m.token && tokenMatches(req.header('authorization'), req.queryToken, m.token)) return true;
    const secret = m.signingSecret === undefined ? null : this.o.resolveSecret(m.signingSecret);
    return secret !== null && signatureMatches(req.rawBody, req.header(m.signatureHeader), secret);
  }

  private stateOf(id: string): PipelineState {
    let s = this.states.get(id);
    if (!s) {
      s = emptyPipelineState();
      this.states.set(id, s);
    }
    return s;
  }
}

/** Error codes come from the sender: past the first 100 of a run they are stored as one, bounding the rows. */
function storedCode(state: PipelineState, code: string | null): string | null {
  if (code === null) return null;
  return state.totals.errors.has(code) ? code : OTHER_CODES;
}

const OTHER_CODES = 'other codes';

/** `(event, taskId)`: a provider's retry repeats both. A `balance.low` is one per reported time. */
function duplicateKey(e: PipelineEvent): string | null {
  if (e.taskId !== null) return `${e.event}\u0000${e.taskId}`;
  return e.time === null ? null : `${e.event}\u0000@${e.time}`;
}

/** The sender's time when it is plausible (not ahead of us, still in the kept slots), else arrival. */
function eventTime(e: PipelineEvent, now: number, keepMs: number): number {
  return e.time !== null && e.time <= now && e.time > now - Math.min(keepMs, DUPLICATE_WINDOW_MS)
    ? e.time
    : now;
}
