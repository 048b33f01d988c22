import { fork } from 'node:child_process';
import { createServer } from 'node:http';

/** Requests the target received, per path and per wall-clock second (Unix seconds). */
export type ArrivalCounts = Record<string, Record<string, number>>;

export interface LoopbackTarget {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `${origin}/health` */
  url: string;
  arrivals(): Promise<ArrivalCounts>;
  stop(): void;
}

/**
 * A tiny HTTP target in a child process, so its CPU is not billed to the process being measured. It
 * answers every path and counts arrivals per path and second (how evenly checks really arrive).
 * Run as a script it serves; imported, `startLoopbackTarget()` forks it.
 */
export async function startLoopbackTarget(): Promise<LoopbackTarget> {
  const child = fork(new URL(import.meta.url), ['--serve'], {
    execArgv: ['--experimental-strip-types', '--no-warnings'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(Number(m)));
    child.once('exit', (code) => reject(new Error(`target exited with ${code}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/health`,
    arrivals: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as ArrivalCounts));
        child.send('arrivals');
      }),
    stop: () => child.kill(),
  };
}

/** Busiest second ÷ mean over the whole seconds in [from, to) (Unix ms) of one path's arrivals. */
export function busiestSecond(
  perSecond: Record<string, number> | undefined,
  from: number,
  to: number,
): number {
  const first = Math.ceil(from / 1000);
  const last = Math.floor(to / 1000);
  const counts: number[] = [];
  for (let s = first; s < last; s++) counts.push(perSecond?.[s] ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  return total === 0 ? 0 : Math.max(...counts) / (total / counts.length);
}

/** Arrivals of one path in the whole seconds in [from, to). */
export function arrivalsBetween(
  perSecond: Record<string, number> | undefined,
  from: number,
  to: number,
): number {
  let total = 0;
  for (let s = Math.ceil(from / 1000); s < Math.floor(to / 1000); s++) total += perSecond?.[s] ?? 0;
  return total;
}

if (process.argv.includes('--serve')) {
  const body = JSON.stringify({ status: 'healthy' });
  const arrivals: ArrivalCounts = {};
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    arrivals[path] ??= {};
    const perSecond = arrivals[path];
    const second = Math.floor(Date.now() / 1000);
    perSecond[second] = (perSecond[second] ?? 0) + 1;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.(typeof address === 'object' && address ? address.port : 0);
  });
  process.on('message', () => process.send?.(arrivals));
  process.on('disconnect', () => process.exit(0));
}
