import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigInput } from '../../../src-main/api/config-schema.ts';

const CLI = fileURLToPath(new URL('../../../src-main/cli.ts', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** A real `solvewatch` CLI child process serving the built UI on 127.0.0.1. */
export interface SolvewatchProcess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly token: string;
  /** The link the CLI prints: opening it hands the token to the UI. */
  readonly openUrl: string;
  readonly dataDir: string;
  readonly configPath: string;
  output(): { stdout: string; stderr: string };
  /** Calls the JSON API with the bearer token, as the UI does. */
  api<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /** SIGTERM, then SIGKILL if it lingers; removes the data dir. */
  stop(): Promise<void>;
}

/** Every process started here, so a failing test still leaves none behind (see `stopAll`). */
const running = new Set<SolvewatchProcess>();

/** `solvewatch serve` with `config` written to a fresh data dir and a fixed token. */
export function startServe(
  config: ConfigInput,
  token = 'e2e-token-0123456789abcdef',
): Promise<SolvewatchProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'solvewatch-e2e-'));
  const configPath = join(dataDir, 'config.json');
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  return launch(
    ['serve', '--config', configPath, '--data-dir', dataDir, '--port', '0'],
    dataDir,
    configPath,
    token,
  );
}

/** `solvewatch demo`: serve plus the simulated pipeline, all on loopback. */
export function startDemo(
  cycleSeconds: number,
  token = 'e2e-token-0123456789abcdef',
): Promise<SolvewatchProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'solvewatch-e2e-'));
  return launch(
    ['demo', '--port', '0', '--data-dir', dataDir, '--cycle-seconds', String(cycleSeconds)],
    dataDir,
    join(dataDir, 'config.json'),
    token,
  );
}

/** What the running processes printed, to explain a failed test. */
export function runningOutput(): string {
  return [...running]
    .map((p) => `--- solvewatch at ${p.url || '(starting)'}\n${p.output().stdout}${p.output().stderr}`)
    .join('\n');
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

async function launch(
  args: string[],
  dataDir: string,
  configPath: string,
  token: string,
): Promise<SolvewatchProcess> {
  // A minimal environment: no proxy variables, and HOME inside the data dir so nothing touches the user's.
  const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', CLI, ...args], {
    env: { PATH: process.env.PATH, HOME: dataDir, SOLVEWATCH_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      running.delete(handle);
      await terminate(child, exited);
      rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };
  const handle: SolvewatchProcess = {
    url: '',
    token,
    openUrl: '',
    dataDir,
    configPath,
    output: () => ({ stdout, stderr }),
    api: () => Promise.reject(new Error('not started')),
    stop,
  };
  running.add(handle);

  try {
    const [, url] = await waitForLine(
      child,
      () => stdout,
      () => stderr,
      /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m,
    );
    const [, openUrl] = await waitForLine(
      child,
      () => stdout,
      () => stderr,
      /^open (http:\/\/\S+\/#token=\S+)$/m,
    );
    if (!url || !openUrl) throw new Error('unexpected CLI output');
    return Object.assign(handle, {
      url,
      openUrl,
      api: async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
        const res = await fetch(`${url}${path}`, {
          method: init.method ?? 'GET',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        });
        if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status}: ${await res.text()}`);
        return (await res.json()) as T;
      },
    });
  } catch (err) {
    await stop();
    throw err;
  }
}

function waitForLine(
  child: ChildProcess,
  stdout: () => string,
  stderr: () => string,
  pattern: RegExp,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
    };
    const check = () => {
      const match = pattern.exec(stdout());
      if (match) {
        done();
        resolve(match);
      }
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`solvewatch exited (${code}) before printing ${pattern}:\n${stderr()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `solvewatch printed no ${pattern} within ${STARTUP_TIMEOUT_MS} ms:\n${stdout()}\n${stderr()}`,
        ),
      );
    }, STARTUP_TIMEOUT_MS);
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const lingering = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
  });
  if ((await Promise.race([exited, lingering])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}
