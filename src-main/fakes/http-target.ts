import type { IncomingHttpHeaders } from 'node:http';
import { listenLoopback, readBody } from './loopback-server.ts';

/** What the target answers. An object body is sent as JSON. */
export interface HttpTargetResponse {
  /** Default 200. */
  status?: number;
  /** Default `{"status":"ok"}`; never sent with 204 or 304. */
  body?: string | object;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A scriptable HTTP endpoint for tests and the demo. */
export interface HttpTarget {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly port: number;
  readonly calls: number;
  /** The most recent requests, oldest first (at most 50). */
  readonly requests: readonly RecordedRequest[];
  /** Sets the answer for every path, or only for `path` (e.g. "/redirected") when given. */
  setResponse(response: HttpTargetResponse, path?: string): void;
  close(): Promise<void>;
}

const KEEP_REQUESTS = 50;

export async function startHttpTarget(initial: HttpTargetResponse = {}): Promise<HttpTarget> {
  let fallback = initial;
  const byPath = new Map<string, HttpTargetResponse>();
  const requests: RecordedRequest[] = [];
  let calls = 0;

  const loopback = await listenLoopback(async (req, res) => {
    calls++;
    const path = req.url ?? '/';
    const response = byPath.get(new URL(path, 'http://127.0.0.1').pathname) ?? fallback;
    const body = await readBody(req);
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    if (requests.length > KEEP_REQUESTS) requests.shift();
    const answer = () => {
      if (res.destroyed) return;
      const status = response.status ?? 200;
      if (status === 204 || status === 304) {
        res.writeHead(status, lowerCaseKeys(response.headers));
        res.end();
        return;
      }
      const raw = response.body ?? { status: 'ok' };
      const isText = typeof raw === 'string';
      const text = isText ? raw : JSON.stringify(raw);
      res.writeHead(status, {
        'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
        'content-length': Buffer.byteLength(text),
        ...lowerCaseKeys(response.headers),
      });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (response.delayMs) loopback.later(answer, response.delayMs);
    else answer();
  });

  return {
    url: `${loopback.origin}/`,
    port: loopback.port,
    get calls() {
      return calls;
    },
    get requests() {
      return requests;
    },
    setResponse(response, path) {
      if (path === undefined) fallback = response;
      else byPath.set(path, response);
    },
    close: () => loopback.close(),
  };
}

function lowerCaseKeys(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
