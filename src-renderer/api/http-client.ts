import {
  ApiError,
  type Endpoint,
  type EndpointName,
  type EngineEvent,
  endpoints,
  type SolvewatchApi,
} from '../../src-main/api/contract.ts';
import { readSseFrames } from './sse-parser.ts';

export interface HttpApiOptions {
  /** The server's origin, e.g. `http://127.0.0.1:8321` (the page's `location.origin`). */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Reconnect backoff of the event stream: doubles from `initial` up to `max`. Default 1 s → 30 s. */
  retryDelayMs?: { initial: number; max: number };
  /** Told each time the event stream drops or cannot open, with the wait before the next attempt. */
  onStreamError?: (error: Error, retryInMs: number) => void;
  /**
   * Told when the server refuses the token (401), from a call or the event stream. The stream then
   * stops: a token does not become valid by retrying.
   */
  onUnauthorized?: (error: ApiError) => void;
}

const DEFAULT_RETRY = { initial: 1_000, max: 30_000 };

/**
 * The API contract over HTTP + Server-Sent Events, generated from `endpoints` the same way the
 * server's route table is, so a new endpoint needs no client code.
 */
export function createHttpApi(options: HttpApiOptions): SolvewatchApi {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  // Kept unbound from `options`: browsers reject `fetch` called with any `this` but window.
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const retry = options.retryDelayMs ?? DEFAULT_RETRY;
  const authorization = `Bearer ${options.token}`;

  const send = async (method: string, path: string, init: RequestInit): Promise<Response> => {
    try {
      return await doFetch(baseUrl + path, init);
    } catch (err) {
      if (init.signal?.aborted) throw err;
      const where = `${baseUrl} (${method} ${path})`;
      throw new Error(`cannot reach the Solvewatch server at ${where}: ${reason(err)}`, { cause: err });
    }
  };

  const refused = (error: ApiError): ApiError => {
    if (error.status === 401) options.onUnauthorized?.(error);
    return error;
  };

  const call = async (name: EndpointName, input: Record<string, unknown> = {}): Promise<unknown> => {
    const endpoint: Endpoint = endpoints[name];
    const { path, rest } = fillPath(name, endpoint.path, input);
    const headers: Record<string, string> = { authorization, accept: 'application/json' };
    let url = path;
    let body: string | undefined;
    if (endpoint.method === 'GET') {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(rest)) {
        if (value !== undefined && value !== null) query.set(key, String(value));
      }
      const search = query.toString();
      if (search) url += `?${search}`;
    } else {
      body = JSON.stringify(endpoint.bodyField ? rest[endpoint.bodyField] : rest);
      if (body !== undefined) headers['content-type'] = 'application/json';
    }
    const res = await send(endpoint.method, url, { method: endpoint.method, headers, body });
    if (!res.ok) throw refused(await errorFrom(res));
    try {
      return await res.json();
    } catch (err) {
      throw new Error(`${endpoint.method} ${url} answered ${res.status} with a body that is not JSON`, {
        cause: err,
      });
    }
  };

  const subscribe = (listener: (event: EngineEvent) => void): (() => void) => {
    const stop = new AbortController();
    const deliver = (event: EngineEvent) => {
      if (stop.signal.aborted) return;
      try {
        listener(event);
      } catch (err) {
        // A throwing listener must not tear down the stream; report it as a DOM event handler's error is.
        if (typeof reportError === 'function') reportError(err);
        else console.error(err);
      }
    };

    void (async () => {
      let delay = retry.initial;
      while (!stop.signal.aborted) {
        let received = false;
        let failure: Error;
        try {
          const res = await send('GET', '/api/events', {
            headers: { authorization, accept: 'text/event-stream' },
            signal: stop.signal,
          });
          if (!res.ok) throw refused(await errorFrom(res));
          if (!res.body) throw new Error('the event stream answered without a body');
          for await (const frame of readSseFrames(res.body)) {
            const event = parseEvent(frame.data);
            if (event === null) continue;
            received = true;
            deliver(event);
          }
          failure = new Error('the event stream ended');
        } catch (err) {
          failure = err instanceof Error ? err : new Error(String(err));
        }
        if (stop.signal.aborted || isUnauthorized(failure)) return;
        if (received) delay = retry.initial;
        options.onStreamError?.(failure, delay);
        await sleep(delay, stop.signal);
        delay = Math.min(delay * 2, retry.max);
      }
    })();

    return () => stop.abort();
  };

  const methods = Object.fromEntries(
    Object.keys(endpoints).map((name) => [
      name,
      (input?: Record<string, unknown>) => call(name as EndpointName, input),
    ]),
  );
  // The mapped type cannot be built key by key; each method above is `call` for its own endpoint.
  return { ...methods, subscribe } as unknown as SolvewatchApi;
}

function fillPath(
  name: string,
  template: string,
  input: Record<string, unknown>,
): { path: string; rest: Record<string, unknown> } {
  const rest = { ...input };
  const path = template.replace(/:([a-zA-Z]+)/g, (_, param: string) => {
    const value = rest[param];
    delete rest[param];
    if (value === undefined || value === null || value === '') {
      throw new ApiError(400, `invalid input for ${name}`, [{ path: param, message: 'is required' }]);
    }
    return encodeURIComponent(String(value));
  });
  return { path, rest };
}

async function errorFrom(res: Response): Promise<ApiError> {
  const body = parseObject(await res.text().catch(() => ''));
  const message =
    typeof body?.error === 'string' ? body.error : `HTTP ${res.status} ${res.statusText}`.trim();
  const issues = Array.isArray(body?.issues) ? (body.issues as ApiError['issues']) : [];
  return new ApiError(res.status, message, issues);
}

function isUnauthorized(error: Error): boolean {
  return error instanceof ApiError && error.status === 401;
}

function parseEvent(data: string): EngineEvent | null {
  const event = parseObject(data);
  return typeof event?.type === 'string' ? (event as unknown as EngineEvent) : null;
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function reason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // Node's fetch says only "fetch failed" and puts the socket error in `cause`.
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return err.message + cause;
}
