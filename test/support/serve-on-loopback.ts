import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Headless, type ServeOptions, serve } from '../../src-main/server/serve.ts';

/**
 * A real `solvewatch serve` on 127.0.0.1 (a free port, no UI, no environment secrets, quiet) over
 * `config` written to `<dataDir>/config.json`; `options` overrides any of that (a clock, a log).
 */
export async function serveOnLoopback(
  dataDir: string,
  config: unknown,
  options: Partial<ServeOptions> = {},
): Promise<{ headless: Headless; configPath: string }> {
  const configPath = join(dataDir, 'config.json');
  writeFileSync(configPath, JSON.stringify(config));
  const headless = await serve({
    configPath,
    dataDir,
    host: '127.0.0.1',
    port: 0,
    uiDir: null,
    env: {},
    log: () => {},
    ...options,
  });
  return { headless, configPath };
}
