import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer, STATUS_CODES } from '../../../src-main/engine/http/node-http.ts';
import { ROOT, runInFreshNode, valueImporters } from '../../support/app-imports.ts';

const nodeHttp = createRequire(import.meta.url)('node:http') as typeof import('node:http');

describe('node:http through node-http.ts', () => {
  it('is node:http itself', () => {
    expect(createServer).toBe(nodeHttp.createServer);
    expect(STATUS_CODES[404]).toBe('Not Found');
  });

  it('leaves Node’s bundled undici unloaded in the modules that serve and post', () => {
    const modules = [
      'src-main/server/http-server.ts',
      'src-main/server/inbound-listener.ts',
      'src-main/engine/notify/post-json.ts',
      'src-main/fakes/loopback-server.ts',
      'src-main/fakes/discord-server.ts',
    ];
    const script = `
      for (const m of ${JSON.stringify(modules.map((m) => join(ROOT, m)))}) await import(m);
      const { createServer } = await import(${JSON.stringify(join(ROOT, 'src-main/engine/http/node-http.ts'))});
      const server = createServer((_req, res) => res.end('ok'));
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const answer = await new Promise((resolve) => {
        const { port } = server.address();
        process.getBuiltinModule('node:http').get({ host: '127.0.0.1', port }, (res) => res.on('data', (d) => resolve(String(d))));
      });
      server.close();
      console.log(JSON.stringify({ answer, bundled: process.moduleLoadList.filter((m) => m.includes('deps/undici')) }));`;
    expect(runInFreshNode(script)).toEqual({ answer: 'ok', bundled: [] });
  });

  it('is the only way the app imports node:http values; every other file imports its types', () => {
    expect(valueImporters('node:http')).toEqual([]);
  });
});
