import { useCallback, useEffect, useState } from 'react';
import type { SolvewatchApi, StateSnapshot } from '../../src-main/api/contract.ts';
import { toUserError, type UserError } from '../api/user-error.ts';
import { applyEvent } from './apply-event.ts';

export interface LiveState {
  state: StateSnapshot | null;
  error: UserError | null;
  reload: () => void;
}

/** The engine's state: one `getState`, then kept current by the event stream (no polling). */
export function useLiveState(api: SolvewatchApi): LiveState {
  const [state, setState] = useState<StateSnapshot | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` changes only to reload.
  useEffect(() => {
    let live = true;
    // Subscribe first so nothing that happens while getState is in flight is missed.
    const unsubscribe = api.subscribe((event) => {
      if (!live) return;
      setState((current) => applyEvent(current, event));
      if (event.type === 'snapshot') setError(null);
    });
    api.getState({}).then(
      (snapshot) => {
        if (!live) return;
        // A snapshot from the stream may already be newer than this answer.
        setState((current) => (current && current.now > snapshot.now ? current : snapshot));
        setError(null);
      },
      (err: unknown) => {
        if (live) setError(toUserError(err));
      },
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, error, reload };
}
