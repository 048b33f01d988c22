import { fetch as nodeFetch } from 'undici';
import type { SolvewatchApi } from '../../src-main/api/contract.ts';
import type { Headless } from '../../src-main/server/serve.ts';
import { createHttpApi } from '../../src-renderer/api/http-client.ts';
import { serveOnLoopback } from '../support/serve-on-loopback.ts';

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
  const { headless, configPath } = await serveOnLoopback(dir, config, { env: process.env });
  const api = createHttpApi({
    baseUrl: headless.server.url,
    token: headless.token,
    fetch: nodeFetch as unknown as typeof fetch,
  });
  return { api, headless, configPath };
}
