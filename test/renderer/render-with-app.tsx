import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { SolvewatchApi, StateSnapshot } from '../../src-main/api/contract.ts';
import { AppContext } from '../../src-renderer/state/app-context.ts';

/** Renders a page with the app's context: an API and the live state it would have. */
export function renderWithApp(ui: ReactNode, api: SolvewatchApi, state: StateSnapshot | null = null) {
  const live = { state, error: null, reload: () => {} };
  return render(<AppContext.Provider value={{ api, live }}>{ui}</AppContext.Provider>);
}
