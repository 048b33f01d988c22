import type { SolvewatchApi } from '../src-main/api/contract.ts';

declare global {
  interface Window {
    /** The Electron preload bridge; absent in a browser talking to `solvewatch serve`. */
    solvewatch?: SolvewatchApi;
  }
}
