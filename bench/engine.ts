import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoopbackTarget } from './loopback-target.ts';
import { processUsage } from './process-usage.ts';

export interface BenchRow {
  figure: string;
  value: string;
  target: string;
}

const MONITORS = 1000;
const INTERVAL_S = 10;
const WARMUP_MS = 12_000;
const MEASURE_MS = 30_000;
const TOKEN = 'bench-token';
/** The V8 flags every Solvewatch launcher passes (bin/solvewatch.js shebang, npm scripts). */
const SERVE_NODE_FLAGS = ['--max-semi-space-size=1'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
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

/** CPU a process used over the measuring window, and the highest RSS seen (sampled each second). */
async function observe(pid: number): Promise<{ cpuMs: number; rssMiB: number }> {
  const start = processUsage(pid);
  let rss = start.rssMiB;
  for (let t = 0; t < MEASURE_MS; t += 1000) {
    await sleep(1000);
    rss = Math.max(rss, processUsage(pid).rssMiB);
  }
  return { cpuMs: processUsage(pid).cpuMs - start.cpuMs, rssMiB: rss };
}

async function scrape(url: string): Promise<Map<string, number>> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const values = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    const m = /^(solvewatch_(?:checks_total|schedule_lateness_seconds\{quantile="[\d.]+"\})) (\S+)$/.exec(
      line,
    );
    if (m?.[1] && m[2]) values.set(m[1], Number(m[2]));
  }
  return values;
}

/**
 * The real `solvewatch serve` (the built bundle) checking 1,000 http monitors on a loopback target,
 * against a bare undici loop doing the same requests at the same pace; both measured from outside.
 */
export async function benchEngine(): Promise<BenchRow[]> {
  const target = await startLoopbackTarget();
  const dir = mkdtempSync(join(tmpdir(), 'solvewatch-bench-'));
  const children: ChildProcess[] = [];
  try {
    const monitors = Array.from({ length: MONITORS }, (_, i) => ({
      id: `m${i}`,
      type: 'http',
      url: target.url,
      intervalSeconds: INTERVAL_S,
    }));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ monitors, notifications: { desktop: false } }));
    const serve = spawn(
      process.execPath,
      [
        ...SERVE_NODE_FLAGS,
        'dist/main/cli.js',
        'serve',
        '--config',
        join(dir, 'config.json'),
        '--data-dir',
        dir,
        '--port',
        '0',
      ],
      { env: { ...process.env, SOLVEWATCH_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(serve);
    const [, url] = await waitForLine(serve, /listening on (\S+)/);
    if (!url || !serve.pid) throw new Error('serve did not start');
    await sleep(WARMUP_MS);
    const before = await scrape(url);
    const engine = await observe(serve.pid);
    const after = await scrape(url);
    const checks = (after.get('solvewatch_checks_total') ?? 0) - (before.get('solvewatch_checks_total') ?? 0);
    const p50 = (after.get('solvewatch_schedule_lateness_seconds{quantile="0.5"}') ?? 0) * 1000;
    const p99 = (after.get('solvewatch_schedule_lateness_seconds{quantile="0.99"}') ?? 0) * 1000;
    serve.kill('SIGTERM');

    const bare = spawn(
      process.execPath,
      ['bench/bare-undici.mjs', target.url, String(MONITORS / INTERVAL_S)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    children.push(bare);
    await waitForLine(bare, /ready/);
    if (!bare.pid) throw new Error('bare loop did not start');
    await sleep(WARMUP_MS);
    const baseline = await observe(bare.pid);
    const bareRequests = (MEASURE_MS / 1000) * (MONITORS / INTERVAL_S);

    const perCheck = engine.cpuMs / checks;
    const perRequest = baseline.cpuMs / bareRequests;
    return [
      {
        figure: `engine CPU per http check (serve, ${MONITORS} monitors @ ${INTERVAL_S} s)`,
        value: `${perCheck.toFixed(3)} ms (${checks} checks)`,
        target: '≤ 0.5 ms',
      },
      {
        figure: 'bare undici loop, same requests and pace',
        value: `${perRequest.toFixed(3)} ms`,
        target: '',
      },
      { figure: 'engine ÷ bare undici', value: `${(perCheck / perRequest).toFixed(2)}×`, target: '≤ 1.5×' },
      {
        figure: `engine load (${MONITORS} monitors @ ${INTERVAL_S} s)`,
        value: `${((engine.cpuMs / MEASURE_MS) * 100).toFixed(1)} % of one core`,
        target: '',
      },
      {
        figure: 'scheduling lateness p50 / p99 (serve, since start)',
        value: `${p50.toFixed(1)} / ${p99.toFixed(1)} ms`,
        target: 'p99 < 50 ms',
      },
      {
        figure: `serve RSS, whole process (${MONITORS} monitors)`,
        value: `${engine.rssMiB.toFixed(0)} MiB`,
        target: '< 100 MiB',
      },
      {
        figure: 'bare undici loop RSS, whole process',
        value: `${baseline.rssMiB.toFixed(0)} MiB`,
        target: '',
      },
    ];
  } finally {
    for (const c of children) c.kill('SIGKILL');
    target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
