import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { createServer } from '../engine/http/node-http.ts';

/** An HTTP server on 127.0.0.1 that can always be closed, even with requests left hanging. */
export interface LoopbackServer {
  server: Server;
  port: number;
  /** `http://127.0.0.1:<port>` (`https://` when it was given a certificate) */
  origin: string;
  /** A timer that is cleared when the server closes. */
  later(fn: () => void, ms: number): void;
  /** Stops listening, cancels pending timers and destroys every open socket. Idempotent. */
  close(): Promise<void>;
}

/** With `tls`, it serves HTTPS with that key and certificate (PEM). */
export async function listenLoopback(
  handler: RequestListener,
  tls?: { key: string; cert: string },
): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = tls ? createHttpsServer(tls, handler) : createServer(handler);
  server.on(tls ? 'secureConnection' : 'connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  let closing: Promise<void> | null = null;
  return {
    server,
    port,
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    later(fn, ms) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** The request body as text, at most `limit` bytes (the rest is dropped). */
export function readBody(req: IncomingMessage, limit = 65_536): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size < limit) chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, limit)));
    req.on('error', () => resolve(''));
    req.on('close', () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, limit)));
  });
}

export function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Streams `bytes` of filler with chunked encoding (no Content-Length), honouring back-pressure. */
export function sendHuge(res: ServerResponse, contentType: string, bytes: number): void {
  if (res.destroyed) return;
  res.writeHead(200, { 'content-type': contentType });
  const chunk = Buffer.alloc(65_536, 0x20);
  let sent = 0;
  const pump = (): void => {
    while (sent < bytes && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

export const HTML_ERROR_PAGE = (status: number, title: string) =>
  `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head>\n<body><h1>${status} ${title}</h1><hr><p>nginx</p></body></html>\n`;
