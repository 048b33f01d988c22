import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SolvewatchApi } from '../../../src-main/api/contract.ts';
import type { ConnectionEvent } from '../../../src-renderer/api/connection-events.ts';
import { pickTransport, type TransportHost } from '../../../src-renderer/api/pick-transport.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';
import { type RealServer, startRealServer } from '../real-server.ts';

const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function host(url: string, bridge?: SolvewatchApi): TransportHost & { storage: Map<string, string> } {
  const location = new URL(url);
  const storage = new Map<string, string>();
  return {
    ...(bridge ? { solvewatch: bridge } : {}),
    location,
    history: {
      state: null,
      replaceState: (_data, _unused, next) => {
        location.hash = new URL(next, location).hash;
      },
    },
    sessionStorage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
    storage,
  };
}

async function realServer(): Promise<RealServer> {
  const server = await startRealServer(tempDir(), { monitors: [] });
  cleanups.push(() => server.headless.stop());
  return server;
}

function record(connection: { subscribe(l: (e: ConnectionEvent) => void): () => void }) {
  const events: ConnectionEvent[] = [];
  cleanups.push(connection.subscribe((e) => events.push(e)));
  return events;
}

describe('picking the transport', () => {
  it('uses the preload bridge inside Electron, which has no stream to lose', () => {
    const bridge = { subscribe: () => () => {} } as unknown as SolvewatchApi;
    const transport = pickTransport(host('http://127.0.0.1:8321/#token=ignored', bridge));
    expect(transport?.api).toBe(bridge);
  });

  it('uses HTTP to the server that served the page when the link carried a token', async () => {
    const transport = pickTransport(host('http://127.0.0.1:9/#token=abc'));
    expect(transport).not.toBeNull();
    // Port 9 (discard) has no listener: the error names the page's own origin.
    await expect(transport?.api.getState({})).rejects.toThrow(
      'cannot reach the Solvewatch server at http://127.0.0.1:9',
    );
  });

  it('gives up when there is neither a bridge nor a token', () => {
    expect(pickTransport(host('http://127.0.0.1:8321/'))).toBeNull();
  });

  it('tells the page when the event stream drops, e.g. because the server stopped', async () => {
    const server = await realServer();
    const page = host(`${server.headless.server.url}/#token=${server.headless.token}`);
    const transport = pickTransport(page);
    if (!transport) throw new Error('no transport');
    const connection = record(transport.connection);
    const snapshots: unknown[] = [];
    cleanups.push(transport.api.subscribe((e) => e.type === 'snapshot' && snapshots.push(e)));
    await expect.poll(() => snapshots.length).toBe(1);
    expect(connection).toEqual([]);

    await server.headless.stop();
    await expect.poll(() => connection.map((e) => e.type)).toContain('stream-error');
  });

  it('forgets a token the server refuses and reports it once, for calls and the stream', async () => {
    const server = await realServer();
    const page = host(`${server.headless.server.url}/#token=stale-token`);
    const transport = pickTransport(page);
    if (!transport) throw new Error('no transport');
    expect(page.storage.size).toBe(1);
    const connection = record(transport.connection);

    await expect(transport.api.getState({})).rejects.toMatchObject({ status: 401 });
    expect(connection).toEqual([{ type: 'token-refused' }]);
    expect(page.storage.size).toBe(0);
    // A listener that comes later still learns it: the refusal is final.
    expect(record(transport.connection)).toEqual([{ type: 'token-refused' }]);
  });
});

describe('a refused token on the event stream', () => {
  it('stops reconnecting', async () => {
    let attempts = 0;
    const server = createServer((_req, res) => {
      attempts += 1;
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad bearer token"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    const transport = pickTransport(host(`http://127.0.0.1:${port}/#token=stale`));
    if (!transport) throw new Error('no transport');
    const connection = record(transport.connection);

    cleanups.push(transport.api.subscribe(() => {}));
    await expect.poll(() => connection).toEqual([{ type: 'token-refused' }]);
    // The first retry would come after a second.
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(attempts).toBe(1);
  });
});
