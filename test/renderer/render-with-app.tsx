import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { SolvewatchApi, StateSnapshot } from '../../src-main/api/contract.ts';
import { AppContext } from '../../src-renderer/state/app-context.ts';
import type { LiveState } from '../../src-renderer/state/use-live-state.ts';

/** Renders a page with the app's context: an API and the live state it would have. */
export function renderWithApp(
  ui: ReactNode,
  api: SolvewatchApi,
  state: StateSnapshot | null = null,
  live: Partial<LiveState> = {},
) {
  const value: LiveState = {
    state,
    error: null,
    connection: { status: 'live' },
    revision: 0,
    reload: () => {},
    ...live,
  };
  const result = render(<AppContext.Provider value={{ api, live: value }}>{ui}</AppContext.Provider>);
  return {
    ...result,
    /** Re-renders with a newer live state, as the event stream would. */
    update: (next: Partial<LiveState>) =>
      result.rerender(
        <AppContext.Provider value={{ api, live: { ...value, ...next } }}>{ui}</AppContext.Provider>,
      ),
  };
}
