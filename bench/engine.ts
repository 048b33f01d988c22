import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { ConfigFile } from '../src-main/engine/config/config-file.ts';
import { ConfigSchema } from '../src-main/engine/config/schema.ts';
import { Engine } from '../src-main/engine/engine.ts';
import { openHistory } from '../src-main/engine/history/history.ts';
import { startLoopbackTarget } from './loopback-target.ts';

export interface BenchRow {
  figure: string;
  value: string;
  target: string;
}

const MONITORS = 1000;
const INTERVAL_S = 10;
const RUN_MS = 32_000;

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU per request of a bare undici loop doing the same requests at the same pace as the engine. */
async function bareUndici(url: string, requests: number, perSecond: number): Promise<number> {
  const agent = new Agent({ connections: 64 });
  const tickMs = 10;
  const perTick = (perSecond * tickMs) / 1000;
  let issued = 0;
  let budget = 0;
  const inflight = new Set<Promise<void>>();
  const one = async () => {
    const res = await request(url, { dispatcher: agent });
    await res.body.text();
  };
  const start = process.cpuUsage();
  while (issued < requests) {
    budget += perTick;
    while (budget >= 1 && issued < requests) {
      budget -= 1;
      issued++;
      const p: Promise<void> = one().finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await sleep(tickMs);
  }
  await Promise.all(inflight);
  const used = cpuMs(process.cpuUsage(start));
  await agent.close();
  return used / requests;
}

export async function benchEngine(): Promise<BenchRow[]> {
  const target = await startLoopbackTarget();
  const dir = mkdtempSync(join(tmpdir(), 'solvewatch-bench-'));
  try {
    const config = ConfigSchema.parse({
      monitors: Array.from({ length: MONITORS }, (_, i) => ({
        id: `m${i}`,
        type: 'http',
        url: target.url,
        intervalSeconds: INTERVAL_S,
      })),
      engine: { maxConcurrentChecks: 64 },
    });
    const history = openHistory(join(dir, 'history.sqlite'));
    const engine = new Engine(config, { settings: new ConfigFile(join(dir, 'config.json')), history });
    let checks = 0;
    engine.onCheck(() => {
      checks++;
    });
    engine.start();
    // First interval: connections open and JIT warms up; measure the steady state after it.
    await sleep(INTERVAL_S * 1000);
    engine.resetSchedulerStats();
    const checksBefore = checks;
    const cpuStart = process.cpuUsage();
    const rssSamples: number[] = [];
    const rssTimer = setInterval(() => rssSamples.push(process.memoryUsage().rss), 1000);
    await sleep(RUN_MS - INTERVAL_S * 1000);
    clearInterval(rssTimer);
    const engineCpu = cpuMs(process.cpuUsage(cpuStart));
    const measured = checks - checksBefore;
    const stats = engine.schedulerStats();
    await engine.stop();
    history.close();
    const perCheck = engineCpu / measured;
    const bare = await bareUndici(target.url, measured, MONITORS / INTERVAL_S);
    const rss = Math.max(...rssSamples) / 1_048_576;
    const corePercent = (engineCpu / (RUN_MS - INTERVAL_S * 1000)) * 100;
    return [
      {
        figure: `engine CPU per http check (${MONITORS} monitors @ ${INTERVAL_S} s)`,
        value: `${perCheck.toFixed(3)} ms`,
        target: '≤ 0.5 ms',
      },
      { figure: 'bare undici loop, same requests and pace', value: `${bare.toFixed(3)} ms`, target: '' },
      { figure: 'engine ÷ bare undici', value: `${(perCheck / bare).toFixed(2)}×`, target: '≤ 1.5×' },
      {
        figure: `engine load (${MONITORS} monitors @ ${INTERVAL_S} s)`,
        value: `${corePercent.toFixed(1)} % of one core`,
        target: '',
      },
      {
        figure: 'scheduling lateness p50 / p99',
        value: `${stats.latenessMs.p50.toFixed(1)} / ${stats.latenessMs.p99.toFixed(1)} ms`,
        target: 'p99 < 50 ms',
      },
      {
        figure: `engine RSS (${MONITORS} monitors, whole process)`,
        value: `${rss.toFixed(0)} MiB`,
        target: '< 100 MiB',
      },
    ];
  } finally {
    target.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
