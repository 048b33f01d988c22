import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, type SolvewatchApi } from '../api/contract.ts';
import { dispatch } from '../api/dispatch.ts';
import { isLoopbackHost } from '../api/loopback.ts';
import { createServer } from '../engine/http/node-http.ts';
import type { PipelineIntake } from '../engine/pipeline/pipeline-intake.ts';
import type { SchedulerStats } from '../engine/scheduler/scheduler.ts';
import { type EventIntake, serveEvents } from './event-route.ts';
import { renderMetrics } from './metrics.ts';
import { renderPipelineMetrics } from './pipeline-metrics.ts';
import { pushOfPath } from './push-request.ts';
import { type HeartbeatIntake, servePush } from './push-route.ts';
import { readCappedBody } from './request-body.ts';
import { matchRoute } from './route-table.ts';
import { createSseWriter } from './sse-writer.ts';
import { serveStatic } from './static-files.ts';
import { bearerMatches } from './token.ts';

const MAX_REQUEST_BYTES = 5 * 1_048_576;
const SSE_KEEPALIVE_MS = 25_000;

export interface ServerEngine extends SolvewatchApi, HeartbeatIntake {
  schedulerStats(): SchedulerStats;
  readonly pipelineEvents: EventIntake & Pick<PipelineIntake, 'totals'>;
}

export interface ServerOptions {
  engine: ServerEngine;
  token: string;
  host: string;
  port: number;
  /** Built renderer to serve at `/`; null when the UI has not been built. */
  uiDir: string | null;
  log?: (line: string) => void;
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** The headless transport: JSON API + Server-Sent Events + heartbeat pushes + pipeline events + /metrics + the UI. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { engine, token, log = () => {} } = options;
  const loopbackOnly = isLoopbackHost(options.host);
  const streams = new Set<ServerResponse>();

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    // Browsers can be pointed at 127.0.0.1 by a hostile DNS name; a loopback server only answers loopback names.
    if (loopbackOnly && !isLoopbackHost(hostName(req.headers.host))) {
      throw new HttpError(421, 'this server only answers requests addressed to a loopback host');
    }

    if (path === '/healthz') return send(res, 200, { ok: true });

    const push = pushOfPath(path);
    if (push) return servePush(engine, push, req, res, url, send);

    const events = /^\/events\/([^/]+)$/.exec(path);
    if (events) {
      const id = decodeURIComponent(events[1] ?? '');
      return serveEvents(engine.pipelineEvents, id, req, res, url, send);
    }

    if (path === '/metrics' || path.startsWith('/api/')) {
      if (!bearerMatches(req.headers.authorization, token)) {
        res.setHeader('www-authenticate', 'Bearer realm="solvewatch"');
        throw new HttpError(401, 'missing or wrong bearer token (Authorization: Bearer <token>)');
      }
      if (path === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
        const state = await engine.getState({});
        const pipelines = renderPipelineMetrics(state, engine.pipelineEvents.totals());
        return res.end(renderMetrics(state, engine.schedulerStats()) + pipelines);
      }
      if (path === '/api/events') {
        if (method !== 'GET') throw new HttpError(405, 'use GET');
        return openEventStream(req, res);
      }
      const match = matchRoute(method, path);
      if (match === null) throw new HttpError(404, `no API route ${path}`);
      if (match === 'wrong-method') throw new HttpError(405, `${method} is not allowed on ${path}`);
      const { route, params } = match;
      let input: Record<string, unknown> = { ...params };
      if (method === 'GET') {
        input = { ...Object.fromEntries(url.searchParams), ...params };
      } else {
        const body = await readJson(req, res);
        if (route.bodyField) input[route.bodyField] = body;
        else if (body !== undefined) {
          if (typeof body !== 'object' || body === null || Array.isArray(body)) {
            throw new HttpError(400, 'request body must be a JSON object');
          }
          input = { ...(body as Record<string, unknown>), ...params };
        }
      }
      return send(res, 200, await dispatch(engine, route.name, input));
    }

    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'use GET');
    if (!(await serveStatic(options.uiDir, path, res))) throw new HttpError(404, 'not found');
  };

  const openEventStream = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const writer = createSseWriter(res);
    streams.add(res);
    const unsubscribe = engine.subscribe(writer.send);
    const keepAlive = setInterval(writer.keepAlive, SSE_KEEPALIVE_MS);
    keepAlive.unref();
    req.on('close', () => {
      clearInterval(keepAlive);
      writer.close();
      unsubscribe();
      streams.delete(res);
    });
    void engine.getState({}).then((state) => writer.send({ type: 'snapshot', state }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((caught: unknown) => {
      const err =
        caught instanceof URIError ? new HttpError(400, 'malformed percent-encoding in the URL') : caught;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof ApiError) return send(res, err.status, { error: err.message, issues: err.issues });
      if (err instanceof HttpError) return send(res, err.status, { error: err.message });
      log(
        `request ${req.method} ${new URL(req.url ?? '/', 'http://x').pathname} failed: ${(err as Error).message}`,
      );
      send(res, 500, { error: 'internal error' });
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        // Ended streams and clients' spare keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}

function hostName(header: string | undefined): string {
  if (!header) return '';
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  return header.split(':')[0] ?? '';
}

async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  const body = await readCappedBody(req, res, MAX_REQUEST_BYTES);
  if (body === null) throw new HttpError(413, 'request body too large (limit 5 MiB)');
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new HttpError(400, `request body is not valid JSON: ${(err as Error).message}`);
  }
}
