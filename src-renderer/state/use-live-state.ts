import { useCallback, useEffect, useState } from 'react';
import type { EngineEvent, SolvewatchApi, StateSnapshot } from '../../src-main/api/contract.ts';
import { type ConnectionEvents, NO_CONNECTION_EVENTS } from '../api/connection-events.ts';
import { toUserError, type UserError } from '../api/user-error.ts';
import { applyEvent, replayEvents } from './apply-event.ts';

/**
 * The link to the engine: live, lost (the event stream dropped; retrying until the next snapshot
 * arrives), or refused (the server no longer accepts this page's token; final).
 */
export type Connection = { status: 'live' } | { status: 'lost'; since: number } | { status: 'refused' };

export interface LiveState {
  state: StateSnapshot | null;
  error: UserError | null;
  connection: Connection;
  /** Bumped by every snapshot event (the engine sends one after each change, a delivery included). */
  revision: number;
  reload: () => void;
}

const LIVE: Connection = { status: 'live' };
const FLUSH_MS = 250;

/** The engine's state: one `getState`, then kept current by the event stream (no polling). */
export function useLiveState(api: SolvewatchApi, events: ConnectionEvents = NO_CONNECTION_EVENTS): LiveState {
  const [state, setState] = useState<StateSnapshot | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [connection, setConnection] = useState<Connection>(LIVE);
  const [revision, setRevision] = useState(0);
  const [attempt, setAttempt] = useState(0);

  useEffect(
    () =>
      events.subscribe((event) => {
        if (event.type === 'token-refused') setConnection({ status: 'refused' });
        else setConnection((c) => (c.status === 'live' ? { status: 'lost', since: Date.now() } : c));
      }),
    [events],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` changes only to reload.
  useEffect(() => {
    let live = true;
    // Events that arrive before the first snapshot are kept and replayed onto it: over IPC the
    // stream opens without a snapshot, and a monitor event must not be lost to the race.
    let pending: EngineEvent[] | null = [];
    // With a thousand monitors, events arrive 100 a second: the page redraws for a batch of them
    // every FLUSH_MS, not for each one. A snapshot is applied at once, after what came before it.
    let batch: EngineEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const events = batch;
      batch = [];
      if (live && events.length > 0) setState((current) => events.reduce(applyEvent, current));
    };
    function queue(event: EngineEvent) {
      batch.push(event);
      if (event.type === 'snapshot') {
        if (timer !== null) clearTimeout(timer);
        flush();
      } else timer ??= setTimeout(flush, FLUSH_MS);
    }
    const unsubscribe = api.subscribe((event) => {
      if (!live) return;
      if (event.type === 'snapshot') {
        pending = null;
        setRevision((n) => n + 1);
        setConnection((c) => (c.status === 'refused' ? c : LIVE));
        setError(null);
      }
      if (pending) pending.push(event);
      else queue(event);
    });
    api.getState({}).then(
      (snapshot) => {
        if (!live) return;
        const buffered = pending ?? [];
        pending = null;
        // A snapshot from the stream may already be newer than this answer.
        setState((current) =>
          current && current.now > snapshot.now ? current : replayEvents(snapshot, buffered),
        );
        setError(null);
      },
      (err: unknown) => {
        if (live) setError(toUserError(err));
      },
    );
    return () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
      unsubscribe();
    };
  }, [api, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, error, connection, revision, reload };
}
