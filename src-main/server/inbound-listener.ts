import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from '../engine/http/node-http.ts';
import { type EventIntake, serveEvents } from './event-route.ts';
import { pushOfPath } from './push-request.ts';
import { type HeartbeatIntake, servePush } from './push-route.ts';

export const DEFAULT_LISTENER_PORT = 7420;

export interface InboundEngine extends HeartbeatIntake {
  readonly pipelineEvents: EventIntake;
}

export interface InboundListener {
  url: string;
  close(): Promise<void>;
}

export class ListenerPortError extends Error {}

/**
 * The desktop app's only inbound door: heartbeats (`/push/:id`) and pipeline events (`/events/:id`),
 * nothing else (no API, no UI). On 127.0.0.1 unless the user opted in to the LAN.
 */
export async function startInboundListener(options: {
  engine: InboundEngine;
  port: number;
  lan: boolean;
  log?: (line: string) => void;
}): Promise<InboundListener> {
  const { engine, log = () => {} } = options;
  const host = options.lan ? '0.0.0.0' : '127.0.0.1';
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let served: Promise<void> | null;
    try {
      const push = pushOfPath(url.pathname);
      const events = /^\/events\/([^/]+)$/.exec(url.pathname);
      served = push
        ? servePush(engine, push, req, res, url, send)
        : events
          ? serveEvents(engine.pipelineEvents, decodeURIComponent(events[1] ?? ''), req, res, url, send)
          : null;
    } catch {
      req.resume();
      return send(res, 400, { error: 'malformed percent-encoding in the URL' });
    }
    if (!served) {
      req.resume();
      return send(res, 404, { error: 'this listener only serves /push/:id and /events/:id' });
    }
    served.catch((err: Error) => {
      log(`inbound request failed: ${err.message}`);
      if (!res.headersSent) send(res, 400, { error: 'could not read the request' });
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new ListenerPortError(
              `port ${options.port} is already in use: heartbeats and pipeline events cannot be received. Choose another port in Settings → General.`,
            )
          : err,
      );
    });
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.lan ? '0.0.0.0' : '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
