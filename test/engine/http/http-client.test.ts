import diagnostics from 'node:diagnostics_channel';
import type { RequestListener } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { HttpClient } from '../../../src-main/engine/http/http-client.ts';
import { type HttpTarget, startHttpTarget } from '../../../src-main/fakes/http-target.ts';
import { type LoopbackServer, listenLoopback } from '../../../src-main/fakes/loopback-server.ts';

const client = new HttpClient({ userAgent: 'solvewatch-test' });
const servers: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => client.close());

async function target(): Promise<HttpTarget> {
  const t = await startHttpTarget();
  servers.push(t);
  return t;
}

async function server(handler: RequestListener): Promise<LoopbackServer> {
  const s = await listenLoopback(handler);
  servers.push(s);
  return s;
}

/** A port that was just free: nothing listens there now. */
async function closedPort(): Promise<number> {
  const s = createTcpServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('HttpClient: responses', () => {
  it('returns status, lower-case headers, the body text and the final URL', async () => {
    const t = await target();
    t.setResponse({ status: 201, body: { hello: 'wörld' }, headers: { 'X-Trace': 'abc' } });
    const result = await client.request({ url: t.url, timeoutMs: 2000 });
    expect(result).toMatchObject({
      ok: true,
      status: 201,
      bodyText: '{"hello":"wörld"}',
      finalUrl: t.url,
      headers: { 'content-type': 'application/json', 'x-trace': 'abc' },
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('sends the method, headers, body and a user agent', async () => {
    const t = await target();
    const result = await client.request({
      url: `${t.url}submit?x=1`,
      method: 'post',
      headers: { 'content-type': 'text/plain', 'X-Custom': 'yes' },
      body: 'payload',
      timeoutMs: 2000,
    });
    expect(result.ok).toBe(true);
    const seen = t.requests.at(-1);
    expect(seen).toMatchObject({ method: 'POST', path: '/submit?x=1', body: 'payload' });
    expect(seen?.headers['x-custom']).toBe('yes');
    expect(seen?.headers['user-agent']).toBe('solvewatch-test');
  });

  it("keeps the caller's own User-Agent header", async () => {
    const t = await target();
    await client.request({ url: t.url, headers: { 'User-Agent': 'mine/1.0' }, timeoutMs: 2000 });
    expect(t.requests.at(-1)?.headers['user-agent']).toBe('mine/1.0');
  });

  it('joins repeated response headers', async () => {
    const s = await server((_req, res) => {
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.end('ok');
    });
    const result = await client.request({ url: s.origin, timeoutMs: 2000 });
    expect(result.ok && result.headers['set-cookie']).toBe('a=1, b=2');
  });

  it('decodes UTF-8 split across chunks', async () => {
    const bytes = Buffer.from('état: ✓ ok', 'utf8');
    const s = await server((_req, res) => {
      res.writeHead(200);
      res.write(bytes.subarray(0, 8));
      setTimeout(() => res.end(bytes.subarray(8)), 20);
    });
    const result = await client.request({ url: s.origin, timeoutMs: 2000 });
    expect(result.ok && result.bodyText).toBe('état: ✓ ok');
  });

  it('reuses one keep-alive connection for repeated requests to an origin', async () => {
    const s = await server((_req, res) => res.end('ok'));
    let connections = 0;
    s.server.on('connection', () => connections++);
    for (let i = 0; i < 5; i++) {
      expect((await client.request({ url: s.origin, timeoutMs: 2000 })).ok).toBe(true);
      // Checks are spaced out; undici reuses a socket only after a full event-loop turn.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(connections).toBe(1);
  });
});

describe('HttpClient: redirects', () => {
  it('follows a redirect chain and reports the final URL', async () => {
    const t = await target();
    t.setResponse({ status: 301, headers: { location: '/second' }, body: 'moved' }, '/first');
    t.setResponse({ status: 302, headers: { location: '/final' } }, '/second');
    t.setResponse({ status: 200, body: 'arrived' }, '/final');
    const result = await client.request({ url: `${t.url}first`, timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: true, status: 200, bodyText: 'arrived', finalUrl: `${t.url}final` });
  });

  it('turns a POST into a GET without body after a 303', async () => {
    const t = await target();
    t.setResponse({ status: 303, headers: { location: '/done' } }, '/form');
    t.setResponse({ body: 'done' }, '/done');
    const result = await client.request({
      url: `${t.url}form`,
      method: 'POST',
      body: 'a=1',
      timeoutMs: 2000,
    });
    expect(result.ok).toBe(true);
    expect(t.requests.at(-1)).toMatchObject({ method: 'GET', path: '/done', body: '' });
  });

  it('keeps method and body through a 307', async () => {
    const t = await target();
    t.setResponse({ status: 307, headers: { location: '/b' } }, '/a');
    t.setResponse({ body: 'ok' }, '/b');
    await client.request({ url: `${t.url}a`, method: 'PUT', body: 'data', timeoutMs: 2000 });
    expect(t.requests.at(-1)).toMatchObject({ method: 'PUT', path: '/b', body: 'data' });
  });

  it('fails a redirect loop with too-many-redirects, masking secrets in the URL', async () => {
    const t = await target();
    t.setResponse({ status: 302, headers: { location: '/loop?token=s3cr3t-value' } });
    const result = await client.request({
      url: `${t.url}loop?token=s3cr3t-value`,
      maxRedirects: 3,
      timeoutMs: 2000,
    });
    expect(result).toMatchObject({ ok: false, errorKind: 'too-many-redirects', status: 302 });
    expect(!result.ok && result.error).toBe(`more than 3 redirects (last: ${t.url}loop?token=***)`);
    expect(t.calls).toBe(4);
  });

  it('returns the 3xx itself when maxRedirects is 0', async () => {
    const t = await target();
    t.setResponse({ status: 302, headers: { location: '/elsewhere' }, body: 'see elsewhere' });
    const result = await client.request({ url: t.url, maxRedirects: 0, timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: true, status: 302, bodyText: 'see elsewhere' });
  });

  it('returns a 3xx without a usable Location as the answer', async () => {
    const t = await target();
    t.setResponse({ status: 301, headers: { location: 'ftp://files.example/x' }, body: 'ftp' });
    expect(await client.request({ url: t.url, timeoutMs: 2000 })).toMatchObject({ ok: true, status: 301 });
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    const other = await target();
    const t = await target();
    t.setResponse({ status: 302, headers: { location: other.url } });
    await client.request({
      url: t.url,
      headers: { authorization: 'Bearer xyz', 'x-keep': '1' },
      timeoutMs: 2000,
    });
    expect(other.requests.at(-1)?.headers.authorization).toBeUndefined();
    expect(other.requests.at(-1)?.headers['x-keep']).toBe('1');
  });
});

describe('HttpClient: failures', () => {
  it('stops reading a streamed body past the cap', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(65_536, 0x61);
      const pump = () => {
        while (!res.destroyed) if (!res.write(chunk)) return void res.once('drain', pump);
      };
      pump();
    });
    const result = await client.request({ url: s.origin, timeoutMs: 5000 });
    expect(result).toMatchObject({
      ok: false,
      errorKind: 'too-large',
      error: 'response body exceeds 1 MiB',
      status: 200,
    });
  });

  it('rejects a declared Content-Length over the cap before reading', async () => {
    const t = await target();
    t.setResponse({ body: 'x'.repeat(5000) });
    const result = await client.request({ url: t.url, maxBodyBytes: 4096, timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, errorKind: 'too-large', error: 'response body exceeds 4 KiB' });
  });

  it('times out on a server that never answers', async () => {
    const s = await server(() => {});
    const result = await client.request({ url: s.origin, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, errorKind: 'timeout', error: 'no response within 300 ms' });
  });

  it('times out on a body that stalls after the headers', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    const result = await client.request({ url: s.origin, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, errorKind: 'timeout', status: 200 });
  });

  it('counts redirect hops against one deadline', async () => {
    const t = await target();
    t.setResponse({ status: 302, headers: { location: '/slow' } }, '/start');
    t.setResponse({ delayMs: 5000 }, '/slow');
    const result = await client.request({ url: `${t.url}start`, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, errorKind: 'timeout', error: 'no response within 300 ms' });
  });

  it('reports a refused connection with the address', async () => {
    const port = await closedPort();
    const result = await client.request({ url: `http://127.0.0.1:${port}/health`, timeoutMs: 2000 });
    expect(result).toMatchObject({
      ok: false,
      errorKind: 'refused',
      error: `connection refused by 127.0.0.1:${port}`,
    });
  });

  it('reports a DNS failure with the host name', async () => {
    const result = await client.request({
      url: 'http://solvewatch-no-such-host.invalid/health',
      timeoutMs: 5000,
    });
    expect(result).toMatchObject({
      ok: false,
      errorKind: 'dns',
      error: 'DNS lookup failed for host solvewatch-no-such-host.invalid',
    });
  });

  it('reports TLS to a plain HTTP port as a TLS failure', async () => {
    const t = await target();
    const result = await client.request({ url: `https://127.0.0.1:${t.port}/`, timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, errorKind: 'tls' });
    expect(!result.ok && result.error).toContain(`TLS handshake with 127.0.0.1:${t.port} failed`);
  });

  it('reports a connection closed mid-body as a network failure', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('some');
      setTimeout(() => res.destroy(), 20);
    });
    const result = await client.request({ url: s.origin, timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, errorKind: 'network', status: 200 });
  });

  it('reports a reply that is not HTTP as a network failure', async () => {
    const sockets: Socket[] = [];
    const tcp = createTcpServer((socket) => {
      sockets.push(socket);
      socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n');
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    servers.push({
      close: () =>
        new Promise<void>((resolve) => {
          tcp.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        }),
    });
    const address = tcp.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const result = await client.request({ url: `http://127.0.0.1:${port}/`, timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, errorKind: 'network' });
    expect(!result.ok && result.error).toContain(`invalid HTTP response from 127.0.0.1:${port}`);
  });

  it("resolves as aborted when the caller's signal fires", async () => {
    const s = await server(() => {});
    const controller = new AbortController();
    const pending = client.request({ url: s.origin, timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    expect(await pending).toMatchObject({ ok: false, errorKind: 'aborted' });
  });

  it('does not send a request whose signal is already aborted', async () => {
    const t = await target();
    const result = await client.request({ url: t.url, timeoutMs: 2000, signal: AbortSignal.abort() });
    expect(result).toMatchObject({ ok: false, errorKind: 'aborted' });
    expect(t.calls).toBe(0);
  });

  it.each([
    ['not a url?key=abc123', 'invalid URL: not a url?key=***'],
    ['ftp://files.example/x', 'unsupported protocol "ftp:" in ftp://files.example/x'],
  ])('reports the bad URL %j as a config error', async (url, error) => {
    expect(await client.request({ url, timeoutMs: 1000 })).toMatchObject({
      ok: false,
      errorKind: 'config',
      error,
    });
  });

  it('reports an invalid method as a config error instead of throwing', async () => {
    const t = await target();
    const result = await client.request({ url: t.url, method: 'NOT VALID', timeoutMs: 1000 });
    expect(result).toMatchObject({ ok: false, errorKind: 'config' });
  });
});

describe('HttpClient: close', () => {
  it('resolves requests in flight and later ones as aborted', async () => {
    const own = new HttpClient();
    const s = await server(() => {});
    const pending = own.request({ url: s.origin, timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 50));
    await own.close();
    await own.close();
    expect(await pending).toMatchObject({ ok: false, errorKind: 'aborted' });
    expect(await own.request({ url: s.origin, timeoutMs: 1000 })).toMatchObject({
      ok: false,
      errorKind: 'aborted',
    });
  });
});

describe('HttpClient: credentials in the URL', () => {
  it('sends userinfo as Basic auth', async () => {
    const t = await target();
    const url = t.url.replace('http://', 'http://monitor:p%40ss@');
    await client.request({ url, timeoutMs: 2000 });
    expect(t.requests.at(-1)?.headers.authorization).toBe(
      `Basic ${Buffer.from('monitor:p@ss').toString('base64')}`,
    );
  });
});

type Misbehaviour = 'silent' | 'endless-body' | 'trickle';

interface HungTarget {
  url: string;
  /** Connections the server holds now (it sees a close only once it has read the client's FIN). */
  open(): number;
  /** The most sockets the client held open to it at once, counted where they are created and closed. */
  maxClientSockets: number;
}

/**
 * A TCP server that accepts every connection and never completes an answer. The bound on open
 * connections is asserted on the client's side: the server may see a new connection before the
 * close of one the client already released, so its own count can run ahead for a moment.
 */
async function hungTarget(how: Misbehaviour): Promise<HungTarget> {
  const sockets = new Set<Socket>();
  const state = { clientSockets: 0, maxClientSockets: 0, port: 0 };
  const onConnected = (message: unknown) => {
    const { connectParams, socket } = message as { connectParams: { port: string }; socket: Socket };
    if (Number(connectParams.port) !== state.port) return;
    state.clientSockets++;
    state.maxClientSockets = Math.max(state.maxClientSockets, state.clientSockets);
    socket.once('close', () => state.clientSockets--);
  };
  diagnostics.subscribe('undici:client:connected', onConnected);
  const tcp = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.once('close', () => sockets.delete(socket));
    let answered = false;
    // Reading is what lets the server see the client close its side.
    socket.on('data', () => {
      if (answered || how === 'silent') return;
      answered = true;
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n');
      const pump = setInterval(
        () => {
          if (socket.destroyed) clearInterval(pump);
          else socket.write(how === 'trickle' ? '1\r\nx\r\n' : `4000\r\n${'x'.repeat(0x4000)}\r\n`);
        },
        how === 'trickle' ? 20 : 1,
      );
      socket.once('close', () => clearInterval(pump));
    });
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () =>
      new Promise<void>((resolve) => {
        diagnostics.unsubscribe('undici:client:connected', onConnected);
        tcp.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  });
  const address = tcp.address();
  state.port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${state.port}/health`,
    open: () => sockets.size,
    get maxClientSockets() {
      return state.maxClientSockets;
    },
  };
}

describe('HttpClient: sockets to targets that never finish answering', () => {
  const POOL = 2;

  it.each<Misbehaviour>(['silent', 'endless-body', 'trickle'])(
    'keeps at most the pool size open to a %s target and none once checks stop',
    async (how) => {
      const hung = await hungTarget(how);
      const own = new HttpClient({ connections: POOL, userAgent: 'solvewatch-test' });
      // Ten times the pool, started faster than they time out, so several overlap.
      const checks: Promise<unknown>[] = [];
      for (let i = 0; i < POOL * 10; i++) {
        checks.push(
          own.request({ url: hung.url, timeoutMs: 120, maxBodyBytes: 64 * 1_048_576 }).then((result) => {
            expect(result).toMatchObject({ ok: false, errorKind: 'timeout' });
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      await Promise.all(checks);
      // No check is in flight: every socket that carried one was destroyed, and none was left idle.
      // (How many overlap while a destroyed socket is still closing depends on the machine's load, so the
      // bound is asserted where it is deterministic: the abort test below.)
      await vi.waitFor(() => expect(hung.open()).toBe(0), { timeout: 5000, interval: 20 });
      await own.close();
      expect(hung.open()).toBe(0);
    },
  );

  it('closes the sockets of checks aborted by their signal', async () => {
    const hung = await hungTarget('silent');
    const own = new HttpClient({ connections: POOL });
    for (let round = 0; round < 5; round++) {
      const controller = new AbortController();
      const pending = Array.from({ length: POOL }, () =>
        own.request({ url: hung.url, timeoutMs: 10_000, signal: controller.signal }),
      );
      await vi.waitFor(() => expect(hung.open()).toBe(POOL), { timeout: 5000, interval: 5 });
      controller.abort();
      for (const result of await Promise.all(pending)) expect(result).toMatchObject({ errorKind: 'aborted' });
    }
    await vi.waitFor(() => expect(hung.open()).toBe(0), { timeout: 5000, interval: 20 });
    expect(hung.maxClientSockets).toBeLessThanOrEqual(POOL);
    await own.close();
  });

  it('drops every open connection on close()', async () => {
    const hung = await hungTarget('silent');
    const own = new HttpClient({ connections: POOL });
    const pending = [1, 2, 3, 4].map(() => own.request({ url: hung.url, timeoutMs: 10_000 }));
    await vi.waitFor(() => expect(hung.open()).toBe(POOL), { timeout: 5000, interval: 5 });
    await own.close();
    for (const result of await Promise.all(pending)) expect(result).toMatchObject({ errorKind: 'aborted' });
    await vi.waitFor(() => expect(hung.open()).toBe(0), { timeout: 5000, interval: 20 });
    expect(hung.maxClientSockets).toBe(POOL);
  });
});
