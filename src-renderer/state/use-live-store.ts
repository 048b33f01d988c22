import { useEffect, useState } from 'react';
import type { EngineEvent, SolvewatchApi } from '../../src-main/api/contract.ts';
import { type ConnectionEvents, NO_CONNECTION_EVENTS } from '../api/connection-events.ts';
import { toUserError } from '../api/user-error.ts';
import { applyEvents, replayEvents } from './apply-event.ts';
import { createLiveStore, LIVE, type LiveStore } from './live-store.ts';
import { subscribeSecond } from './shared-clock.ts';

/** The engine's state in a store: one `getState`, then kept current by the event stream (no polling). */
export function useLiveStore(api: SolvewatchApi, events: ConnectionEvents = NO_CONNECTION_EVENTS): LiveStore {
  const [attempt, setAttempt] = useState(0);
  const [store] = useState(() => createLiveStore({ reload: () => setAttempt((n) => n + 1) }));

  useEffect(
    () =>
      events.subscribe((event) => {
        const c = store.get().connection;
        if (event.type === 'token-refused') store.set({ connection: { status: 'refused' } });
        else if (c.status === 'live') store.set({ connection: { status: 'lost', since: Date.now() } });
      }),
    [events, store],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` changes only to reload.
  useEffect(() => {
    let live = true;
    // Events that arrive before the first snapshot are kept and replayed onto it: over IPC the
    // stream opens without a snapshot, and a monitor event must not be lost to the race.
    let pending: EngineEvent[] | null = [];
    // With a thousand monitors, events arrive 100 a second: the store takes them in one batch on the
    // shared clock's next tick, so one redraw a second shows both the new readings and the moved
    // "7 s ago" texts. A snapshot is applied at once, after what came before it.
    let batch: EngineEvent[] = [];
    let stopWaiting: (() => void) | null = null;
    const flush = () => {
      stopWaiting?.();
      stopWaiting = null;
      const events = batch;
      batch = [];
      if (live && events.length > 0) store.set({ state: applyEvents(store.get().state, events) });
    };
    const unsubscribe = api.subscribe((event) => {
      if (!live) return;
      if (pending) {
        if (event.type !== 'snapshot') {
          pending.push(event);
          return;
        }
        pending = null;
      }
      batch.push(event);
      if (event.type !== 'snapshot') {
        stopWaiting ??= subscribeSecond(flush);
        return;
      }
      const { connection, revision } = store.get();
      store.set({
        revision: revision + 1,
        connection: connection.status === 'refused' ? connection : LIVE,
        error: null,
      });
      flush();
    });
    api.getState({}).then(
      (snapshot) => {
        if (!live) return;
        const buffered = pending ?? [];
        pending = null;
        // A snapshot from the stream may already be newer than this answer.
        const current = store.get().state;
        store.set({
          state: current && current.now > snapshot.now ? current : replayEvents(snapshot, buffered),
          error: null,
        });
      },
      (err: unknown) => {
        if (live) store.set({ error: toUserError(err) });
      },
    );
    return () => {
      live = false;
      stopWaiting?.();
      unsubscribe();
    };
  }, [api, attempt, store]);

  return store;
}
