import { useCallback, useSyncExternalStore } from 'react';
import type { MonitorStatus, StateSnapshot } from '../../src-main/api/contract.ts';
import type { UserError } from '../api/user-error.ts';

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

/**
 * The live state, held outside React so a component can watch just the part it shows: a card
 * watches its own monitor and redraws for that monitor's events only, not for the other 999.
 */
export interface LiveStore {
  get(): LiveState;
  /** Told after every change of the live state. */
  subscribe(listener: () => void): () => void;
  /** One monitor's status: the same object until an event changes that monitor. */
  monitor(id: string): MonitorStatus | undefined;
  /** Told when `monitor(id)` changes. */
  subscribeMonitor(id: string, listener: () => void): () => void;
  set(next: Partial<LiveState>): void;
}

export const LIVE: Connection = { status: 'live' };

export function createLiveStore(initial: Partial<LiveState> = {}): LiveStore {
  let current: LiveState = {
    state: null,
    error: null,
    connection: LIVE,
    revision: 0,
    reload: () => {},
    ...initial,
  };
  let byId = indexMonitors(current.state);
  const listeners = new Set<() => void>();
  const monitorListeners = new Map<string, Set<() => void>>();

  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    monitor: (id) => byId.get(id),
    subscribeMonitor(id, listener) {
      const set = monitorListeners.get(id) ?? new Set();
      monitorListeners.set(id, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) monitorListeners.delete(id);
      };
    },
    set(next) {
      const before = byId;
      current = { ...current, ...next };
      if (next.state !== undefined) byId = indexMonitors(current.state);
      if (byId !== before) {
        for (const [id, set] of monitorListeners) {
          if (before.get(id) !== byId.get(id)) for (const l of set) l();
        }
      }
      for (const l of listeners) l();
    },
  };
}

function indexMonitors(state: StateSnapshot | null): Map<string, MonitorStatus> {
  return new Map(state?.monitors.map((m) => [m.id, m]));
}

/** The whole live state; the component redraws on every change of it. */
export function useLive(store: LiveStore): LiveState {
  return useSyncExternalStore(store.subscribe, store.get);
}

/** One part of the live state; the component redraws only when `select` answers something else. */
export function useLiveValue<T>(store: LiveStore, select: (live: LiveState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}

/** One monitor's status; the component redraws only for that monitor's changes. */
export function useMonitorStatus(store: LiveStore, id: string): MonitorStatus | undefined {
  const subscribe = useCallback((listener: () => void) => store.subscribeMonitor(id, listener), [store, id]);
  return useSyncExternalStore(subscribe, () => store.monitor(id));
}
