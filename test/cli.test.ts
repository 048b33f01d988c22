import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliProcesses } from './support/cli-process.ts';
import { temporaryDirs } from './support/temp-dir.ts';

const tempDir = temporaryDirs();
const cli = cliProcesses();
const solvewatch = (args: string[], env: NodeJS.ProcessEnv = {}) => cli(args, { HOME: tempDir(), ...env });

describe('solvewatch CLI', () => {
  it('serves on a free port, prints where, and exits 0 on SIGTERM', async () => {
    const dir = tempDir();
    const run = solvewatch(['serve', '--config', join(dir, 'config.json'), '--data-dir', dir, '--port', '0']);
    const [, url] = await run.line(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
    await run.line(/^open http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/m);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses an invalid config with the field path and no stack trace', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        monitors: [
          { id: 'a', type: 'heartbeat', periodSeconds: 60 },
          { id: 'b', type: 'http', url: 'http://x.test', intervalSeconds: 0 },
        ],
      }),
    );
    const run = solvewatch(['serve', '--config', config, '--data-dir', dir, '--port', '0']);
    expect(await run.exited).toBe(2);
    const { stderr } = run.output();
    expect(stderr).toContain('monitors[1].intervalSeconds: must be ≥ 1');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses a second serve on the same data dir, naming the first', async () => {
    const dir = tempDir();
    const first = solvewatch(['serve', '--data-dir', dir, '--port', '0']);
    await first.line(/^listening on /m);
    const second = solvewatch(['serve', '--data-dir', dir, '--port', '0']);
    expect(await second.exited).toBe(2);
    expect(second.output().stderr).toBe(
      `solvewatch: another Solvewatch (pid ${first.child.pid}) is using ${join(dir, 'history.sqlite')}; stop it first\n`,
    );
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dir, 'history.sqlite.lock'))).toBe(false);
  });

  it('takes over the lock of a serve that was killed', async () => {
    const dir = tempDir();
    const first = solvewatch(['serve', '--data-dir', dir, '--port', '0']);
    await first.line(/^listening on /m);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(readFileSync(join(dir, 'history.sqlite.lock'), 'utf8')).toBe(`${first.child.pid}\n`);
    const next = solvewatch(['serve', '--data-dir', dir, '--port', '0']);
    await next.line(/^listening on /m);
    expect(readFileSync(join(dir, 'history.sqlite.lock'), 'utf8')).toBe(`${next.child.pid}\n`);
  });

  it('explains a bad flag', async () => {
    const run = solvewatch(['serve', '--port', 'eighty']);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toContain('--port must be a whole number');
    const unknown = solvewatch(['serve', '--colour']);
    expect(await unknown.exited).toBe(2);
    expect(unknown.output().stderr).toMatch(/Unknown option '--colour'[\s\S]*Usage: solvewatch serve/);
  });

  it('runs the demo in a temporary data dir, prints the URL with its token, and cleans up on SIGTERM', async () => {
    const token = 'cli-demo-token-0123456789';
    const run = solvewatch(['demo', '--port', '0', '--cycle-seconds', '12'], { SOLVEWATCH_TOKEN: token });
    const [, dataDir] = await run.line(/^demo data in (\S+) \(a temporary folder/m);
    const [, url] = await run.line(/^open (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)$/m);
    expect(run.output().stdout).toContain(`#token=${token}`);
    expect(existsSync(join(dataDir as string, 'config.json'))).toBe(true);

    const demo = await fetch(`${url}/api/demo`, { headers: { authorization: `Bearer ${token}` } });
    expect(await demo.json()).toMatchObject({
      available: true,
      running: true,
      monitorIds: ['demo-balance', 'demo-callbacks', 'demo-solver-api', 'demo-heartbeat', 'demo-pipeline'],
    });

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(existsSync(dataDir as string)).toBe(false);
  });

  it('keeps a demo data dir it was given', async () => {
    const dir = tempDir();
    const run = solvewatch(['demo', '--port', '0', '--data-dir', dir]);
    await run.line(/^open http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/m);
    expect(run.output().stdout).toContain(`demo data in ${dir}\n`);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(existsSync(join(dir, 'config.json'))).toBe(true);
  });

  it.each([['5'], ['soon'], ['3601']])('refuses a demo cycle of %s seconds', async (cycle) => {
    const run = solvewatch(['demo', '--cycle-seconds', cycle]);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toContain(`--cycle-seconds must be a number 10–3600, got "${cycle}"`);
  });

  it('explains a bad demo flag with the usage', async () => {
    const run = solvewatch(['demo', '--config', 'x.json']);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toMatch(/Unknown option '--config'[\s\S]*solvewatch demo \[--port N\]/);
  });
});
