import { useCallback, useEffect, useState } from 'react';
import { toUserError, type UserError } from '../api/user-error.ts';

export type Loadable<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | null; error: UserError };

/** Runs `load` when its dependencies change (and on `reload`), keeping the last data while reloading. */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
): Loadable<T> & { reload: () => void } {
  const [result, setResult] = useState<Loadable<T>>({ status: 'loading', data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what `load` depends on.
  useEffect(() => {
    let live = true;
    setResult((r) => ({ status: 'loading', data: r.data, error: null }));
    load().then(
      (data) => live && setResult({ status: 'ready', data, error: null }),
      (err: unknown) =>
        live && setResult((r) => ({ status: 'error', data: r.data, error: toUserError(err) })),
    );
    return () => {
      live = false;
    };
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...result, reload };
}

/** An action button's call: whether it runs, and its last error. */
export function useAction<A extends unknown[], T>(
  action: (...args: A) => Promise<T>,
): {
  run: (...args: A) => Promise<T | undefined>;
  busy: boolean;
  error: UserError | null;
  clear: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        return await action(...args);
      } catch (err) {
        setError(toUserError(err));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error, clear: () => setError(null) };
}
