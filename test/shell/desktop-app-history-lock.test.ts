import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDirs } from '../support/temp-dir.ts';
import { desktopHarness } from './desktop-harness.ts';

const { start } = desktopHarness();
const tempDir = temporaryDirs();

describe('desktop app: the history lock', () => {
  it('holds history.sqlite.lock while running and releases it at quit', async () => {
    const { dir, quit } = await start();
    const lock = join(dir, 'history.sqlite.lock');
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
    await quit();
    expect(existsSync(lock)).toBe(false);
  });

  it('does not start on a history another live process holds, and names it', async () => {
    const dir = tempDir();
    // The process that started this test runner is alive: a `solvewatch serve --data-dir` on the folder.
    writeFileSync(join(dir, 'history.sqlite.lock'), `${process.ppid}\n`);
    await expect(start({ dir })).rejects.toThrow(
      `another Solvewatch (pid ${process.ppid}) is using ${join(dir, 'history.sqlite')}; stop it first`,
    );
  });
});
