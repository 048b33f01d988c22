import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as undici from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { Agent, buildConnector, request } from '../../../src-main/engine/http/undici-parts.ts';

const root = join(import.meta.dirname, '../../..');

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
      await import(${JSON.stringify(join(root, 'src-main/engine/http/undici-parts.ts'))});
      const { createRequire } = await import('node:module');
      const cache = createRequire(import.meta.url).cache;
      const index = Object.keys(cache).filter((f) => f.endsWith('/node_modules/undici/index.js'));
      const bundled = process.moduleLoadList.filter((m) => m.includes('deps/undici'));
      console.log(JSON.stringify({ index, bundled }));`;
    const out = execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ index: [], bundled: [] });
  });

  it('are the only undici values the app imports; every other file imports its types', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const valueImports = files(join(root, 'src-main')).filter((f) =>
      /^import (?!type )[^;]*from 'undici'/m.test(readFileSync(f, 'utf8')),
    );
    expect(valueImports).toEqual([]);
  });
});
