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

  it('leaves undici, the package and Node’s bundled copy, unloaded in the modules that serve, check and post', () => {
    const modules = [
      'src-main/server/http-server.ts',
      'src-main/engine/http/http-client.ts',
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
      const { HttpClient } = await import(${JSON.stringify(join(ROOT, 'src-main/engine/http/http-client.ts'))});
      const client = new HttpClient();
      const checked = await client.request({ url: 'http://127.0.0.1:' + server.address().port + '/', timeoutMs: 5000 });
      await client.close();
      server.close();
      const { createRequire } = await import('node:module');
      const undici = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/node_modules/undici/'));
      const bundled = process.moduleLoadList.filter((m) => m.includes('deps/undici'));
      console.log(JSON.stringify({ answer, checked: checked.bodyText, undici, bundled }));`;
    expect(runInFreshNode(script)).toEqual({ answer: 'ok', checked: 'ok', undici: [], bundled: [] });
  });

  it('is the only way the app imports node:http and node:https values; every other file imports their types', () => {
    expect(valueImporters('node:http')).toEqual([]);
    expect(valueImporters('node:https').map((f) => f.slice(ROOT.length + 1))).toEqual([
      'src-main/fakes/loopback-server.ts',
    ]);
  });

  it('is what the app sends HTTP with: no file imports undici', () => {
    expect(valueImporters('undici')).toEqual([]);
  });
});
