import type { SolvewatchApi } from '../../src-main/api/contract.ts';
import { createHttpApi } from './http-client.ts';
import { readToken, type TokenHost } from './token.ts';

/** The parts of `window` that decide the transport; `window` itself in the app. */
export interface TransportHost extends TokenHost {
  /** Set by the Electron preload bridge. */
  solvewatch?: SolvewatchApi;
  location: TokenHost['location'] & { origin: string };
}

/**
 * The API the UI talks to: the preload bridge inside Electron, else HTTP + SSE to the server that
 * served this page. Null when neither is available (opened without the link `solvewatch serve` prints).
 */
export function pickTransport(win: TransportHost): SolvewatchApi | null {
  if (win.solvewatch) return win.solvewatch;
  const token = readToken(win);
  return token === null ? null : createHttpApi({ baseUrl: win.location.origin, token });
}
