import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryLockedError, lockHistory } from '../../src-main/process/history-lock.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

describe('lockHistory', () => {
  it('writes our pid beside the database and removes the file on release', () => {
    const db = join(tempDir(), 'history.sqlite');
    const lock = lockHistory(db);
    expect(lock.path).toBe(`${db}.lock`);
    expect(readFileSync(lock.path, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('refuses a database that a live process holds, naming it', () => {
    const db = join(tempDir(), 'history.sqlite');
    // The process that started this test runner is alive.
    writeFileSync(`${db}.lock`, `${process.ppid}\n`);
    expect(() => lockHistory(db)).toThrow(HistoryLockedError);
    expect(() => lockHistory(db)).toThrow(
      `another Solvewatch (pid ${process.ppid}) is using ${db}; stop it first`,
    );
    expect(readFileSync(`${db}.lock`, 'utf8')).toBe(`${process.ppid}\n`);
  });

  it.each([
    ['a process that has exited', () => `${deadPid()}\n`],
    ['an earlier process with our pid (a restarted container)', () => `${process.pid}\n`],
    ['no readable pid', () => ''],
  ])('takes over a stale lock left by %s', (_, content) => {
    const db = join(tempDir(), 'history.sqlite');
    writeFileSync(`${db}.lock`, content());
    const lock = lockHistory(db);
    expect(readFileSync(lock.path, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('leaves a lock that another process took over in place on release', () => {
    const db = join(tempDir(), 'history.sqlite');
    const lock = lockHistory(db);
    writeFileSync(lock.path, `${process.ppid}\n`);
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(`${process.ppid}\n`);
  });
});
