import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProbeSample } from './probe-sample.ts';

const TOKEN = 'bench-token';
/**
 * The Node flags `serve` starts with (bin/solvewatch.js shebang, npm scripts): a 1 MiB young
 * generation, one V8 worker thread instead of four, TurboFan compiles of JS on the main thread and
 * none of undici's WebAssembly parser (each worker thread keeps a malloc arena of the compiler and GC
 * memory it freed; see src-main/engine/README.md, "Worker threads and compilers").
 */
const SERVE_NODE_FLAGS = [
  '--max-semi-space-size=1',
  '--v8-pool-size=1',
  '--no-concurrent-recompilation',
  '--liftoff-only',
];
const PROBE = new URL('./process-probe.mjs', import.meta.url).pathname;
/**
 * How every measured process starts: serve's V8 flags and the probe preloaded (it runs only with an
 * IPC channel), so a baseline next to serve pays the same measuring and runtime costs.
 */
export const MEASURED_NODE_ARGS = [...SERVE_NODE_FLAGS, '--no-warnings', '--import', PROBE];

export interface ServeProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** What the preloaded probe reported, oldest first. */
  readonly samples: readonly ProbeSample[];
  /** Counters and gauges from /metrics, by name with labels (`solvewatch_checks_total`, …). */
  metrics(): Promise<Map<string, number>>;
  /** Has the process write a V8 heap snapshot; resolves with its path. */
  heapSnapshot(path: string): Promise<string>;
  /** SIGTERM, and resolves once the process has exited (flushing history). */
  stop(): Promise<void>;
}

export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}: ${out}`)));
  });
}

/**
 * The real `solvewatch serve` (the built bundle) on a config written into `dir`, with the process
 * probe preloaded so memory, descriptors and event-loop delay can be read from inside.
 */
export async function startServe(dir: string, config: object, probeMs = 10_000): Promise<ServeProcess> {
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const child = spawn(
    process.execPath,
    [
      ...MEASURED_NODE_ARGS,
      'dist/main/cli.js',
      'serve',
      '--config',
      join(dir, 'config.json'),
      '--data-dir',
      dir,
      '--port',
      '0',
    ],
    {
      env: { ...process.env, SOLVEWATCH_TOKEN: TOKEN, SOLVEWATCH_PROBE_MS: String(probeMs) },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  const samples: ProbeSample[] = [];
  const snapshots: ((path: string) => void)[] = [];
  child.on('message', (m: { probe?: ProbeSample; heapSnapshot?: string }) => {
    if (m.probe) samples.push(m.probe);
    if (m.heapSnapshot) snapshots.shift()?.(m.heapSnapshot);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const [, url] = await waitForLine(child, /listening on (\S+)/);
  if (!url || !child.pid) throw new Error('serve did not start');
  return {
    url,
    pid: child.pid,
    child,
    samples,
    async metrics() {
      const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const values = new Map<string, number>();
      for (const line of (await res.text()).split('\n')) {
        const m = /^(solvewatch_[^ ]+) (\S+)$/.exec(line);
        if (m?.[1] && m[2]) values.set(m[1], Number(m[2]));
      }
      return values;
    },
    heapSnapshot: (path) =>
      new Promise((resolve) => {
        snapshots.push(resolve);
        child.send({ heapSnapshot: path });
      }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
