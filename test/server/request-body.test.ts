import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../src-main/engine/http/node-http.ts';
import { readCappedBody } from '../../src-main/server/request-body.ts';

const LIMIT = 1_048_576;
const MiB = 1_048_576;
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** A server that answers 200 with the body's length, or 413 when `readCappedBody` refuses it. */
async function bodyServer(): Promise<number> {
  const server = createServer((req, res) => {
    readCappedBody(req, res, LIMIT).then(
      (body) => {
        res.writeHead(body === null ? 413 : 200, { 'content-type': 'text/plain' });
        res.end(body === null ? 'too large' : String(body.length));
      },
      () => res.destroy(),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

interface Answer {
  status: number;
  connection: string | undefined;
  text: string;
  /** Whether the whole body had been written when the answer came. */
  answeredAfterBody: boolean;
}

/** Posts `chunks` × 64 KiB (chunked, or with `contentLength`), then `stall`s open or ends. */
function post(
  port: number,
  chunks: number,
  options: { contentLength?: number; stall?: boolean; endless?: boolean } = {},
): Promise<Answer | { error: string }> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        headers:
          options.contentLength === undefined ? {} : { 'content-length': String(options.contentLength) },
      },
      (res) => {
        const answeredAfterBody = req.writableFinished;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            text,
            answeredAfterBody,
          }),
        );
        res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (options.endless || sent < chunks) {
        sent++;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!options.stall) req.end();
    };
    pump();
  });
}

describe('readCappedBody', () => {
  it('hands over a body up to the limit, byte for byte', async () => {
    const port = await bodyServer();
    expect(await post(port, 16)).toMatchObject({ status: 200, text: String(LIMIT) });
    expect(await post(port, 0)).toMatchObject({ status: 200, text: '0' });
  });

  // A 413 sent while the sender still writes, then a close, can be overtaken by the kernel's reset.
  it('answers a longer body 413 only once the sender has finished writing it, many times over', async () => {
    const port = await bodyServer();
    for (let i = 0; i < 20; i++) {
      expect(await post(port, 136)).toMatchObject({
        status: 413,
        text: 'too large',
        answeredAfterBody: true,
      });
      expect(await post(port, 136, { contentLength: 136 * 64 * 1024 })).toMatchObject({
        status: 413,
        answeredAfterBody: true,
      });
    }
    expect(await post(port, 1)).toMatchObject({ status: 200, text: String(64 * 1024) });
  });

  it('closes the connection of a sender that never stops, and of one that declares a body past the bound', async () => {
    const port = await bodyServer();
    const endless = await post(port, 0, { endless: true });
    // The 413 or, when the reset overtakes it, a reset: either way the sender is cut off, not read forever.
    expect(endless).toSatisfy(
      (a: Answer | { error: string }) =>
        ('status' in a && a.status === 413) || ('error' in a && ['ECONNRESET', 'EPIPE'].includes(a.error)),
    );
    const declared = await post(port, 1, { contentLength: 20 * MiB });
    expect(declared).toSatisfy(
      (a: Answer | { error: string }) =>
        ('status' in a && a.status === 413 && a.connection === 'close') ||
        ('error' in a && ['ECONNRESET', 'EPIPE'].includes(a.error)),
    );
    expect(await post(port, 1)).toMatchObject({ status: 200 });
  });

  it('answers a sender that stops writing past the limit after a bounded wait, and closes the connection', async () => {
    const port = await bodyServer();
    expect(await post(port, 17, { stall: true })).toMatchObject({
      status: 413,
      connection: 'close',
      text: 'too large',
    });
  });
});
