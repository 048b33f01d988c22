import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetch as nodeFetch } from 'undici';
import type { SolvewatchApi } from '../../src-main/api/contract.ts';
import { type Headless, serve } from '../../src-main/server/serve.ts';
import { createHttpApi } from '../../src-renderer/api/http-client.ts';

export interface RealServer {
  api: SolvewatchApi;
  headless: Headless;
  configPath: string;
}

/**
 * A real `solvewatch serve` on loopback and the renderer's own HTTP client talking to it. Node's fetch
 * is passed in: the DOM environment's fetch would apply browser CORS rules to another origin.
 */
export async function startRealServer(dir: string, config: unknown): Promise<RealServer> {
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const headless = await serve({
    configPath,
    dataDir: dir,
    host: '127.0.0.1',
    port: 0,
    uiDir: null,
    log: () => {},
  });
  const api = createHttpApi({
    baseUrl: headless.server.url,
    token: headless.token,
    fetch: nodeFetch as unknown as typeof fetch,
  });
  return { api, headless, configPath };
}
