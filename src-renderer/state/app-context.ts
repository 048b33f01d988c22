import { createContext, useContext } from 'react';
import type { SolvewatchApi } from '../../src-main/api/contract.ts';
import type { LiveState } from './use-live-state.ts';

export interface AppContextValue {
  api: SolvewatchApi;
  live: LiveState;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp needs an <AppContext.Provider>');
  return value;
}
