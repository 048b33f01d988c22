import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../src-main/process/process-alive.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
const CLI = fileURLToPath(new URL('../../src-main/cli.ts', import.meta.url));
const started: ChildProcess[] = [];
const servers: number[] = [];
afterEach(() => {
  for (const c of started.splice(0)) c.kill('SIGKILL');
  for (const pid of servers.splice(0)) if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** `npm run serve` in a project whose script starts `solvewatch serve` the way ours does. */
async function npmRunServe() {
  const dir = tempDir();
  const script = `exec node --experimental-strip-types --no-warnings ${CLI} serve --data-dir ${dir} --port 0`;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', scripts: { serve: script } }));
  const npm = spawn('npm', ['run', 'serve'], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(npm);
  let stdout = '';
  npm.stdout?.on('data', (d) => (stdout += d));
  await until(() => /^listening on /m.test(stdout));
  const lock = join(dir, 'history.sqlite.lock');
  const server = Number(readFileSync(lock, 'utf8'));
  servers.push(server);
  return { npm, server, lock };
}

describe('a server started by npm', () => {
  it('stops cleanly when npm is killed outright', async () => {
    const { npm, server, lock } = await npmRunServe();
    expect(server).not.toBe(npm.pid);
    npm.kill('SIGKILL');
    await until(() => !isProcessAlive(server));
    // It stopped through the clean path: the history lock is released.
    expect(existsSync(lock)).toBe(false);
  });

  it('gets the SIGTERM sent to npm', async () => {
    const { npm, server, lock } = await npmRunServe();
    npm.kill('SIGTERM');
    await until(() => !isProcessAlive(server));
    expect(existsSync(lock)).toBe(false);
  });
});

describe("the project's npm scripts", () => {
  it.each(['serve', 'demo'])('%s runs the server with exec, so it is npm’s own child', (name) => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
    expect(scripts[name]).toMatch(/&& exec node [^&]*bin\/solvewatch\.js \w+$/);
  });
});
