import type { SolvewatchApi } from '../../src-main/api/contract.ts';
import { type ConnectionEvents, createConnectionEvents, NO_CONNECTION_EVENTS } from './connection-events.ts';
import { createHttpApi } from './http-client.ts';
import { forgetToken, readToken, type TokenHost } from './token.ts';

/** The parts of `window` that decide the transport; `window` itself in the app. */
export interface TransportHost extends TokenHost {
  /** Set by the Electron preload bridge. */
  solvewatch?: SolvewatchApi;
  location: TokenHost['location'] & { origin: string };
  sessionStorage: TokenHost['sessionStorage'] & { removeItem(key: string): void };
}

export interface Transport {
  api: SolvewatchApi;
  /** A dropped event stream or a refused token: what the engine's events cannot say themselves. */
  connection: ConnectionEvents;
}

/**
 * The API the UI talks to: the preload bridge inside Electron, else HTTP + SSE to the server that
 * served this page. Null when neither is available (opened without the link `solvewatch serve` prints).
 */
export function pickTransport(win: TransportHost): Transport | null {
  if (win.solvewatch) return { api: win.solvewatch, connection: NO_CONNECTION_EVENTS };
  const token = readToken(win);
  if (token === null) return null;
  const connection = createConnectionEvents();
  const api = createHttpApi({
    baseUrl: win.location.origin,
    token,
    onStreamError: (error, retryInMs) => connection.emit({ type: 'stream-error', error, retryInMs }),
    onUnauthorized: () => {
      // A reload would only send the refused token again.
      forgetToken(win);
      connection.emit({ type: 'token-refused' });
    },
  });
  return { api, connection };
}
