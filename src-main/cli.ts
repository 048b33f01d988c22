import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isDemoMonitor } from './api/config-schema.ts';
import { isLoopbackHost } from './api/loopback.ts';
import { createDemo } from './demo/demo-pipeline.ts';
import { DEFAULT_CYCLE_SECONDS, MAX_CYCLE_SECONDS, MIN_CYCLE_SECONDS } from './demo/demo-script.ts';
import { defaultDataDir } from './engine/data-dir.ts';
import { boundHeapGrowth } from './process/heap-growth.ts';
import { installLastResortHandlers } from './process/last-resort-handlers.ts';
import { watchParent } from './process/parent-watch.ts';
import { type Headless, StartupError, serve } from './server/serve.ts';

const USAGE = `Usage: solvewatch serve [--config FILE] [--data-dir DIR] [--port N] [--host H]
       solvewatch demo [--port N] [--data-dir DIR] [--cycle-seconds N]

serve: monitor what the config lists; the UI and API on http://HOST:PORT.
  --config FILE        config JSON (default: <data-dir>/config.json)
  --data-dir DIR       history, token and default config (default: ${defaultDataDir()})
  --port N             port to listen on; 0 picks a free one (default: 7420)
  --host H             address to bind (default: 127.0.0.1)

demo: serve plus a simulated CAPTCHA pipeline on 127.0.0.1 (balance API, callback handler,
solver API, heartbeat, Discord sink) that goes through every state once per cycle. No account or key.
  --port N             port to listen on (default: 0, a free one)
  --data-dir DIR       where to keep its config and history (default: a fresh temporary folder,
                       removed on exit, so your own config is untouched)
  --cycle-seconds N    length of one degrade-and-recover cycle, ${MIN_CYCLE_SECONDS}–${MAX_CYCLE_SECONDS} (default: ${DEFAULT_CYCLE_SECONDS})

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
  if (command === 'serve') return runServe(rest);
  if (command === 'demo') return runDemo(rest);
  fail(`unknown command "${command}"\n\n${USAGE}`);
}

function parseFlags<K extends string>(args: string[], names: readonly K[]): Partial<Record<K, string>> {
  try {
    const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
    return parseArgs({ args, options, strict: true }).values as Partial<Record<K, string>>;
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`);
  }
}

function parsePort(value: string | undefined, fallback: number): number {
  const port = Number(value ?? fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be a whole number 0–65535, got "${value}"`);
  return port;
}

async function runServe(args: string[]): Promise<void> {
  const values = parseFlags(args, ['config', 'data-dir', 'port', 'host']);
  const port = parsePort(values.port, 7420);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const host = values.host ?? '127.0.0.1';
  const headless = await startOrFail(() =>
    serve({
      configPath: values.config ?? join(dataDir, 'config.json'),
      dataDir,
      host,
      port,
      uiDir: findUiDir(),
    }),
  );
  // Before the address is printed: whoever reads it may stop us at once.
  runUntilStopped(headless);
  printWhereToOpen(headless);
  if (!isLoopbackHost(host)) {
    console.error(
      `warning: listening on ${host}; anyone who can reach it and knows the token can use the API`,
    );
  }
}

async function runDemo(args: string[]): Promise<void> {
  const values = parseFlags(args, ['port', 'data-dir', 'cycle-seconds']);
  const port = parsePort(values.port, 0);
  const cycleSeconds = Number(values['cycle-seconds'] ?? DEFAULT_CYCLE_SECONDS);
  if (!(cycleSeconds >= MIN_CYCLE_SECONDS && cycleSeconds <= MAX_CYCLE_SECONDS)) {
    fail(
      `--cycle-seconds must be a number ${MIN_CYCLE_SECONDS}–${MAX_CYCLE_SECONDS}, got "${values['cycle-seconds']}"`,
    );
  }
  const temporary = values['data-dir'] === undefined;
  const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'solvewatch-demo-'));
  const removeTemporary = () => {
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };
  const headless = await startOrFail(
    () =>
      serve({
        configPath: join(dataDir, 'config.json'),
        dataDir,
        host: '127.0.0.1',
        port,
        uiDir: findUiDir(),
        demo: createDemo({ cycleSeconds }),
      }),
    removeTemporary,
  );
  // A data dir that already holds demo monitors has the engine restart the pipeline by itself.
  if (!headless.engine.currentConfig().monitors.some(isDemoMonitor)) {
    try {
      await headless.engine.startDemo();
    } catch (err) {
      await headless.stop();
      removeTemporary();
      fail(`could not start the demo: ${(err as Error).message}`);
    }
  }
  console.log(
    temporary
      ? `demo data in ${dataDir} (a temporary folder, removed on exit; your own config is untouched)`
      : `demo data in ${dataDir}`,
  );
  console.log(`demo pipeline running: every state, alert and recovery within ${cycleSeconds} s`);
  runUntilStopped(headless, removeTemporary);
  printWhereToOpen(headless);
}

async function startOrFail(start: () => Promise<Headless>, cleanUp = () => {}): Promise<Headless> {
  try {
    return await start();
  } catch (err) {
    cleanUp();
    if (err instanceof StartupError) fail(err.message);
    throw err;
  }
}

function printWhereToOpen(headless: Headless): void {
  console.log(`listening on ${headless.server.url}`);
  console.log(`open ${headless.server.url}/#token=${headless.token}`);
}

/** Stops cleanly on SIGINT/SIGTERM, when the npm that started us is gone, or on a storm of uncaught errors; reloads the config on SIGHUP. */
function runUntilStopped(headless: Headless, afterStop = () => {}): void {
  let stopping = false;
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    headless.stop().then(
      () => {
        afterStop();
        process.exit(code);
      },
      (err: unknown) => {
        console.error(`solvewatch: error while stopping: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown(0));
  process.once('SIGTERM', () => shutdown(0));
  process.on('SIGHUP', () => headless.reloadConfig('SIGHUP'));
  watchParent(process.env, () => {
    console.error('solvewatch: the process that started this one is gone: stopping');
    shutdown(0);
  });
  installLastResortHandlers({
    log: (line) => console.error(`solvewatch: ${line}`),
    secrets: () => headless.secrets(),
    exit: () => shutdown(1),
  });
}

boundHeapGrowth();
main(process.argv.slice(2)).catch((err: unknown) => fail((err as Error).message));
