import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultDataDir } from './engine/data-dir.ts';
import { StartupError, serve } from './server/serve.ts';

const USAGE = `Usage: solvewatch serve [--config FILE] [--data-dir DIR] [--port N] [--host H]

  --config FILE    config JSON (default: <data-dir>/config.json)
  --data-dir DIR   history, token and default config (default: ${defaultDataDir()})
  --port N         port to listen on; 0 picks a free one (default: 7420)
  --host H         address to bind (default: 127.0.0.1)

The API token comes from SOLVEWATCH_TOKEN or is generated once into <data-dir>/token.`;

function fail(message: string): never {
  console.error(`solvewatch: ${message}`);
  process.exit(2);
}

/** The built renderer, next to this file once bundled (dist/main → dist/renderer) or under dist/ in a checkout. */
function findUiDir(): string | null {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const dir of [join(here, '..', 'renderer'), join(here, '..', 'dist', 'renderer')]) {
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  if (command !== 'serve') fail(`unknown command "${command}"\n\n${USAGE}`);
  let values: { config?: string; 'data-dir'?: string; port?: string; host?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  const port = Number(values.port ?? 7420);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a whole number 0–65535, got "${values.port}"`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const host = values.host ?? '127.0.0.1';
  try {
    const headless = await serve({
      configPath: values.config ?? join(dataDir, 'config.json'),
      dataDir,
      host,
      port,
      uiDir: findUiDir(),
    });
    console.log(`listening on ${headless.server.url}`);
    console.log(`open ${headless.server.url}/#token=${headless.token}`);
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
      console.error(
        `warning: listening on ${host}; anyone who can reach it and knows the token can use the API`,
      );
    }
    const shutdown = () => {
      headless.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`solvewatch: error while stopping: ${(err as Error).message}`);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (err) {
    if (err instanceof StartupError) fail(err.message);
    throw err;
  }
}

main(process.argv.slice(2)).catch((err: unknown) => fail((err as Error).message));
