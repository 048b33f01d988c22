import { createContext, useContext } from 'react';
import type { SolvewatchApi } from '../../src-main/api/contract.ts';
import { type LiveState, type LiveStore, useLive } from './live-store.ts';

export interface AppContextValue {
  api: SolvewatchApi;
  /** Stays the same object: a live event does not redraw every consumer of the context. */
  store: LiveStore;
}

export const AppContext = createContext<AppContextValue | null>(null);

/** The API and the store, without watching the live state (components that watch a part of it). */
export function useAppStore(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp needs an <AppContext.Provider>');
  return value;
}

/** The API and the whole live state: the component redraws on every change of it. */
export function useApp(): { api: SolvewatchApi; live: LiveState } {
  const { api, store } = useAppStore();
  return { api, live: useLive(store) };
}
