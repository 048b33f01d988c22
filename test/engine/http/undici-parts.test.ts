import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as undici from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { Agent, buildConnector, request } from '../../../src-main/engine/http/undici-parts.ts';
import { ROOT, runInFreshNode, valueImporters } from '../../support/app-imports.ts';

describe('undici parts', () => {
  it('are the very classes and functions of the undici the lockfile pins', () => {
    expect(Agent).toBe(undici.Agent);
    expect(buildConnector).toBe(undici.buildConnector);
  });

  const agent = new Agent();
  afterAll(() => agent.close());

  it('send a request with its method, path, query, headers and body, and read the answer', async () => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        res.writeHead(202, { 'content-type': 'text/plain', 'x-seen': req.headers['x-test'] ?? '' });
        res.end(`${req.method} ${req.url} ${body}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await request(`http://127.0.0.1:${port}/hook?x=1`, {
        method: 'POST',
        headers: { 'x-test': 'yes' },
        body: '{"a":1}',
        dispatcher: agent,
      });
      expect(res.statusCode).toBe(202);
      expect(res.headers['x-seen']).toBe('yes');
      expect(await res.body.text()).toBe('POST /hook?x=1 {"a":1}');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('load without undici’s index, so neither it nor Node’s bundled undici is in memory', () => {
    const script = `
      await import(${JSON.stringify(join(ROOT, 'src-main/engine/http/undici-parts.ts'))});
      const { createRequire } = await import('node:module');
      const cache = createRequire(import.meta.url).cache;
      const index = Object.keys(cache).filter((f) => f.endsWith('/node_modules/undici/index.js'));
      const bundled = process.moduleLoadList.filter((m) => m.includes('deps/undici'));
      console.log(JSON.stringify({ index, bundled }));`;
    expect(runInFreshNode(script)).toEqual({ index: [], bundled: [] });
  });

  it('are the only undici values the app imports; every other file imports its types', () => {
    expect(valueImporters('undici')).toEqual([]);
  });
});
