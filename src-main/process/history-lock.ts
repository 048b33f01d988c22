import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isProcessAlive } from './process-alive.ts';

export class HistoryLockedError extends Error {}

export interface HistoryLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. */
  release(): void;
}

/**
 * Claims a history database for this process with a lock file beside it (`history.sqlite.lock`,
 * holding the pid), so that two Solvewatch processes (a restarted server and its orphaned
 * predecessor) never write one database. A lock whose process is gone is stale and taken over.
 */
export function lockHistory(databasePath: string, pid = process.pid): HistoryLock {
  const path = `${databasePath}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${pid}\n`, { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = lockHolder(path);
    // Our own pid in the file is a lock left by an earlier process that had it (pid 1 in a container).
    if (holder !== null && holder !== pid && isProcessAlive(holder)) {
      throw new HistoryLockedError(
        `another Solvewatch (pid ${holder}) is using ${databasePath}; stop it first`,
      );
    }
    // Stale: remove it and claim again; a process that claims it in between wins the next round.
    if (attempt > 0)
      throw new HistoryLockedError(`could not lock ${databasePath} (${path} keeps reappearing)`);
    rmSync(path, { force: true });
  }
  return {
    path,
    release: () => {
      if (lockHolder(path) === pid) rmSync(path, { force: true });
    },
  };
}

function lockHolder(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
