import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow } from './engine.ts';
import { startLoopbackTarget } from './loopback-target.ts';
import { processUsage } from './process-usage.ts';

const MONITORS = 20;
const INTERVAL_S = 60;
const WARMUP_MS = 10_000;
const MEASURE_MS = 60_000;

const projectDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * The desktop app with no window open: the built main process (engine, tray, IPC) run under Node with
 * the electron double. Electron's own browser process is not in this figure (no binary here).
 */
export async function benchDesktopIdle(): Promise<BenchRow[]> {
  const target = await startLoopbackTarget();
  const userData = mkdtempSync(join(tmpdir(), 'solvewatch-bench-desktop-'));
  const monitors = Array.from({ length: MONITORS }, (_, i) => ({
    id: `m${i}`,
    type: 'http',
    url: target.url,
    intervalSeconds: INTERVAL_S,
  }));
  writeFileSync(
    join(userData, 'settings.json'),
    JSON.stringify({
      schemaVersion: 1,
      config: { monitors, notifications: { desktop: false } },
      preferences: {},
    }),
  );
  const app = fork(
    join(projectDir, 'bench', 'desktop-idle-app.mjs'),
    [pathToFileURL(join(projectDir, 'dist', 'main', 'electron.js')).href, userData, projectDir],
    {
      execArgv: [
        '--import',
        join(projectDir, 'test', 'support', 'electron-double-hooks.mjs'),
        '--no-warnings',
      ],
      env: { ...process.env, SOLVEWATCH_DATA_DIR: '', XDG_CONFIG_HOME: userData },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  const next = () => new Promise<Record<string, unknown>>((resolve) => app.once('message', resolve));
  try {
    await next();
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const pid = app.pid ?? 0;
    const before = processUsage(pid);
    await new Promise((r) => setTimeout(r, MEASURE_MS));
    const after = processUsage(pid);
    app.send('report');
    const report = await next();
    return [
      {
        figure: `desktop main process, no window (${MONITORS} monitors @ ${INTERVAL_S} s; Node + electron double)`,
        value: `${(((after.cpuMs - before.cpuMs) / MEASURE_MS) * 100).toFixed(2)} % of one core, ${after.rssMiB.toFixed(0)} MiB`,
        target: '< 1 % CPU',
      },
      { figure: 'renderers alive with no window open', value: String(report.windows), target: '0' },
    ];
  } finally {
    app.kill();
    target.stop();
    rmSync(userData, { recursive: true, force: true });
  }
}
