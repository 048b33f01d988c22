import { accessSync, constants, existsSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { HostNotice } from '../../api/contract.ts';
import { applyMigrations } from './migrations.ts';

export interface DatabaseOptions {
  busyTimeoutMs?: number;
  /** For the name of a corrupt file kept aside; defaults to Date.now. */
  now?: () => number;
  log?: (line: string) => void;
}

export interface OpenedDatabase {
  db: DatabaseSync;
  /** Set when the file was corrupt: it was moved aside and a fresh database started. */
  notice: HostNotice | null;
}

const SQLITE_READONLY = 8;
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/**
 * The one connection to the history file (history, notification outbox, engine state): WAL, a busy
 * timeout, migrations applied. A corrupt file is kept beside as `<name>.corrupt-<time>.sqlite` (with its
 * -wal and -shm) and a fresh database is started, so one bad sector does not stop Solvewatch.
 */
export function openDatabase(file: string, options: DatabaseOptions = {}): OpenedDatabase {
  assertWritable(file);
  try {
    return { db: connect(file, options), notice: null };
  } catch (err) {
    if (!isCorruption(err)) throw openError(file, err);
    const reason = (err as Error).message;
    const kept = keepAside(file, options.now ?? Date.now);
    options.log?.(`history: ${file} is unusable (${reason}); kept it as ${kept}, starting a fresh database`);
    try {
      return {
        db: connect(file, options),
        notice: {
          id: 'history-recovered',
          level: 'error',
          message: `The history database could not be read (${reason}). It was kept as ${basename(kept)} beside the new one, and Solvewatch started with empty history.`,
        },
      };
    } catch (again) {
      throw openError(file, again);
    }
  }
}

function connect(file: string, options: DatabaseOptions): DatabaseSync {
  const existed = existsSync(file) && statSync(file).size > 0;
  const db = new DatabaseSync(file);
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    if (existed) assertSound(db);
    applyMigrations(db);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    // 1 MiB of page cache, not SQLite's 2: a journal move fills any size, and WAL reads are cheap.
    db.exec('PRAGMA cache_size = -1024');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Throws an SQLITE_CORRUPT error when `quick_check` finds damage (it also throws one itself). */
function assertSound(db: DatabaseSync): void {
  const problems = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
  if (problems[0]?.quick_check !== 'ok') {
    throw Object.assign(new Error(`database disk image is malformed: ${problems[0]?.quick_check}`), {
      errcode: SQLITE_CORRUPT,
    });
  }
}

/** Root may write anywhere but on a read-only file system, which access() still reports. */
function assertWritable(file: string): void {
  const target = existsSync(file) ? file : dirname(file);
  if (!existsSync(target)) return;
  try {
    accessSync(target, constants.W_OK);
  } catch (err) {
    throw openError(file, err);
  }
}

/** The file's own name and what went wrong, with "read-only" said plainly when that is the cause. */
export function openError(file: string, err: unknown): Error {
  const e = err as { message?: string; code?: string; errcode?: number };
  const readOnly =
    e.code === 'EROFS' ||
    e.code === 'EACCES' ||
    e.code === 'EPERM' ||
    ((e.errcode ?? 0) & 0xff) === SQLITE_READONLY;
  const message = readOnly
    ? `cannot open history database ${file}: it is read-only (${e.message}); make the data directory writable or choose another one`
    : `cannot open history database ${file}: ${e.message}`;
  return new Error(message, { cause: err });
}

function isCorruption(err: unknown): boolean {
  const code = ((err as { errcode?: number }).errcode ?? 0) & 0xff;
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB;
}

/** Moves the file and its -wal/-shm aside under one time-stamped name, as desktop settings do. */
function keepAside(file: string, now: () => number): string {
  const ext = extname(file);
  const time = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const kept = join(dirname(file), `${basename(file, ext)}.corrupt-${time}${ext || '.sqlite'}`);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, kept + suffix);
  }
  return kept;
}

/** Checkpoints the WAL into the file (so no -wal is left beside it) and closes the connection. */
export function closeDatabase(db: DatabaseSync): void {
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } catch {
    // SQLITE_LOCKED right after a PRAGMA statement; closing the last connection checkpoints anyway.
  }
  db.close();
}
