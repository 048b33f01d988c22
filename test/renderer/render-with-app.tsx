import { act, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { SolvewatchApi, StateSnapshot } from '../../src-main/api/contract.ts';
import { AppContext } from '../../src-renderer/state/app-context.ts';
import { createLiveStore, type LiveState } from '../../src-renderer/state/live-store.ts';

/** Renders a page with the app's context: an API and the live state it would have. */
export function renderWithApp(
  ui: ReactNode,
  api: SolvewatchApi,
  state: StateSnapshot | null = null,
  live: Partial<LiveState> = {},
) {
  const store = createLiveStore({ state, ...live });
  const result = render(<AppContext.Provider value={{ api, store }}>{ui}</AppContext.Provider>);
  return {
    ...result,
    store,
    /** Moves the live state on, as the event stream would. */
    update: (next: Partial<LiveState>) => act(() => store.set(next)),
  };
}
