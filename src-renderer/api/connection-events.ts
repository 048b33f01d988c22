/** What the transport tells the UI about its link to the engine, apart from the engine's own events. */
export type ConnectionEvent =
  | { type: 'stream-error'; error: Error; retryInMs: number }
  | { type: 'token-refused' };

export interface ConnectionEvents {
  /** Returns the unsubscribe function. A refused token is told to late listeners too: it is final. */
  subscribe(listener: (event: ConnectionEvent) => void): () => void;
}

export function createConnectionEvents(): ConnectionEvents & { emit(event: ConnectionEvent): void } {
  const listeners = new Set<(event: ConnectionEvent) => void>();
  let refused = false;
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (refused) listener({ type: 'token-refused' });
      return () => void listeners.delete(listener);
    },
    emit(event) {
      if (event.type === 'token-refused') {
        if (refused) return;
        refused = true;
      }
      for (const listener of [...listeners]) listener(event);
    },
  };
}

/** The preload bridge has no stream to lose and no token to refuse. */
export const NO_CONNECTION_EVENTS: ConnectionEvents = { subscribe: () => () => {} };
