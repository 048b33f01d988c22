import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatFieldIssues } from '../api/field-issues.ts';
import { createDemo } from '../demo/demo-pipeline.ts';
import type { Clock } from '../engine/clock.ts';
import { ConfigFile } from '../engine/config/config-file.ts';
import { secretValues } from '../engine/config/secret-masking.ts';
import { tryResolveSecret } from '../engine/config/secrets.ts';
import { Engine } from '../engine/engine.ts';
import { createHistory } from '../engine/history/history.ts';
import { closeDatabase, openDatabase } from '../engine/history/open-database.ts';
import type { DemoPort } from '../engine/host/demo-port.ts';
import { headlessHost } from '../engine/host/host-port.ts';
import { HistoryLockedError, lockHistory } from '../process/history-lock.ts';
import { watchFileChanges } from './file-change-watch.ts';
import { type RunningServer, startServer } from './http-server.ts';
import { loadOrCreateToken } from './token.ts';

export interface ServeOptions {
  configPath: string;
  dataDir: string;
  host: string;
  port: number;
  uiDir: string | null;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** The simulated pipeline behind "Try the demo"; default: the built-in one with a one-minute cycle. */
  demo?: DemoPort;
  /** The engine's time source; default: the system clock. */
  clock?: Clock;
  /** Chance for the scheduler's phases and the outbox's jitter; default Math.random (tests pin it). */
  random?: () => number;
}

export class StartupError extends Error {}

export interface Headless {
  engine: Engine;
  server: RunningServer;
  token: string;
  /** Reads the config file again and runs it if it is valid (SIGHUP, and on its own when the file changes). */
  reloadConfig(reason: string): void;
  /** The running config's secret values, to mask in what the process logs outside the engine. */
  secrets(): string[];
  stop(): Promise<void>;
}

/** Everything `solvewatch serve` runs: config, history, engine and the HTTP server, and a clean stop. */
export async function serve(options: ServeOptions): Promise<Headless> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.error(line));
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const historyPath = join(options.dataDir, 'history.sqlite');
  const lock = lockOrFail(historyPath);
  const settings = new ConfigFile(options.configPath);
  const loaded = settings.load();
  if (!loaded.ok) {
    lock.release();
    throw new StartupError(`invalid config ${options.configPath}:\n${formatFieldIssues(loaded.issues)}`);
  }
  if (!existsSync(options.configPath))
    log(`no config at ${options.configPath} yet: starting with no monitors`);
  // Flushing every 5 s batches ~5× more checks per page write than every second (less disk wear).
  // A corrupt file is kept aside and logged by openDatabase; its notice stays in the window.
  const { db, notice } = openDatabase(historyPath, { log });
  const history = createHistory(db, { flushIntervalMs: 5000, log });
  const closeHistory = () => {
    history.close();
    closeDatabase(db);
  };
  const demo = options.demo ?? createDemo({ log });
  const engine = new Engine(loaded.config, {
    settings,
    history,
    database: db,
    env,
    log,
    clock: options.clock,
    random: options.random,
    host: headlessHost({ settings: options.configPath, data: options.dataDir }, () => [
      ...settings.notices(),
      ...(notice ? [notice] : []),
    ]),
    demo,
  });
  const token = loadOrCreateToken(options.dataDir, env);
  let server: RunningServer;
  try {
    server = await startServer({
      engine,
      token,
      host: options.host,
      port: options.port,
      uiDir: options.uiDir,
      log,
    });
  } catch (err) {
    closeHistory();
    lock.release();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE')
      throw new StartupError(`port ${options.port} on ${options.host} is already in use`);
    if (e.code === 'EADDRNOTAVAIL')
      throw new StartupError(`cannot listen on ${options.host}: no such local address`);
    throw err;
  }
  engine.start();
  const reloadConfig = (reason: string) => {
    const path = options.configPath;
    try {
      const result = settings.reload();
      if (result === 'unchanged') {
        const still = settings.refusedEdit ? ', and still holds the edit that was refused' : '';
        if (reason === 'SIGHUP') log(`${path} is unchanged (SIGHUP)${still}`);
      } else if (result === 'missing') {
        log(`${path} is gone: the running config stays and is written again on the next save`);
      } else if (result.ok) {
        engine.applyLoadedConfig(result.config);
        log(`reloaded ${path} (${reason}): ${result.config.monitors.length} monitors`);
      } else {
        for (const issue of result.issues) {
          log(`${path} not reloaded, the last good config keeps running: ${issue.path}: ${issue.message}`);
        }
      }
    } catch (err) {
      log(`could not reload ${path}: ${(err as Error).message}`);
    }
  };
  // Our own saves change the file too; the store tells them apart from hand edits by content.
  const stopWatching = watchFileChanges(options.configPath, () => reloadConfig('file changed'), { log });
  let stopping: Promise<void> | null = null;
  return {
    engine,
    server,
    token,
    reloadConfig,
    secrets: () => secretValues(engine.currentConfig(), (secret) => tryResolveSecret(secret, env)),
    stop: () => {
      // The engine first: it aborts checks that in-flight API calls (check now, test) are waiting on.
      stopping ??= (async () => {
        stopWatching();
        await Promise.all([engine.stop(), server.close()]);
        await demo.stop();
        closeHistory();
        lock.release();
      })();
      return stopping;
    },
  };
}

function lockOrFail(historyPath: string) {
  try {
    return lockHistory(historyPath);
  } catch (err) {
    if (err instanceof HistoryLockedError) throw new StartupError(err.message);
    throw err;
  }
}
