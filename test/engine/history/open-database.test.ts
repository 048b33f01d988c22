import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openHistory } from '../../../src-main/engine/history/history.ts';
import { closeDatabase, openDatabase, openError } from '../../../src-main/engine/history/open-database.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';
import { count, NOON, sample } from './history-fixtures.ts';

const tempDir = temporaryDirs();
const AT = Date.UTC(2025, 6, 1, 8, 30, 15, 250);
const KEPT = 'history.corrupt-2025-07-01T08-30-15-250Z.sqlite';

/** A real history file of a few hundred pages, with a settings file beside it that must stay untouched. */
function filledDataDir(): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'history.sqlite');
  const history = openHistory(file, { maxBuffered: 1_000_000 });
  for (let i = 0; i < 20_000; i++) {
    history.add(
      sample(`m${i % 40}`, NOON + i * 1000, { latencyMs: i % 300, error: i % 7 ? null : `e${i % 5}` }),
    );
  }
  history.close();
  writeFileSync(join(dir, 'settings.json'), '{"monitors":[]}');
  return { dir, file };
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

describe('opening the history database', () => {
  it('opens a new file in WAL mode at the latest schema, with a busy timeout', () => {
    const file = join(tempDir(), 'history.sqlite');
    const { db, notice } = openDatabase(file, { busyTimeoutMs: 1234 });
    expect(notice).toBeNull();
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA busy_timeout').get()).toEqual({ timeout: 1234 });
    expect(count(db, 'SELECT count(*) AS n FROM engine_state')).toBe(0);
    closeDatabase(db);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it.each([
    [
      'garbage over pages in the middle',
      (file: string) => overwrite(file, 20 * 4096, Buffer.alloc(3 * 4096, 0x5a)),
    ],
    ['a file cut in half', (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2) + 100)],
    [
      'a header that is not SQLite’s',
      (file: string) => overwrite(file, 0, Buffer.from('garbage garbage garbage')),
    ],
  ])('keeps a file with %s aside, starts fresh and says where the old one is', (_, damage) => {
    const { dir, file } = filledDataDir();
    damage(file);
    const damaged = readFileSync(file);
    const logs: string[] = [];
    const { db, notice } = openDatabase(file, { now: () => AT, log: (l) => logs.push(l) });
    try {
      expect(notice).toMatchObject({ id: 'history-recovered', level: 'error' });
      expect(notice?.message).toContain(KEPT);
      expect(logs).toEqual([expect.stringContaining(`kept it as ${join(dir, KEPT)}`)]);
      expect(readFileSync(join(dir, KEPT))).toEqual(damaged);
      expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{"monitors":[]}');
      expect(count(db, 'SELECT count(*) AS n FROM samples')).toBe(0);
      db.prepare("INSERT INTO engine_state (key, value) VALUES ('k', '1')").run();
    } finally {
      closeDatabase(db);
    }
    expect(readdirSync(dir).sort()).toEqual([KEPT, 'history.sqlite', 'settings.json']);
  });

  it('leaves a sound file alone', () => {
    const { dir, file } = filledDataDir();
    const { db, notice } = openDatabase(file, { now: () => AT });
    expect(notice).toBeNull();
    expect(count(db, 'SELECT count(*) AS n FROM samples')).toBe(20_000);
    closeDatabase(db);
    expect(readdirSync(dir).sort()).toEqual(['history.sqlite', 'settings.json']);
  });

  it('names the file and says "read-only" when SQLite may not write to it', () => {
    // Root writes through file permissions, so the refusal comes from a connection opened read-only.
    const { file } = filledDataDir();
    const readOnly = new DatabaseSync(file, { readOnly: true });
    let refusal: unknown;
    try {
      readOnly.exec('PRAGMA user_version = 99');
    } catch (err) {
      refusal = err;
    } finally {
      readOnly.close();
    }
    expect(openError(file, refusal).message).toBe(
      `cannot open history database ${file}: it is read-only (attempt to write a readonly database); make the data directory writable or choose another one`,
    );
    expect(openError(file, new Error('disk I/O error')).message).toBe(
      `cannot open history database ${file}: disk I/O error`,
    );
  });

  // A read-only bind mount in a private mount namespace: a read-only file system stops root too.
  const canMountReadOnly =
    spawnSync('unshare', ['-m', 'sh', '-c', 'mount --bind -o ro /tmp /tmp'], { stdio: 'ignore' }).status ===
    0;

  it.skipIf(!canMountReadOnly)(
    'refuses a data directory on a read-only file system, touching nothing',
    () => {
      const { dir, file } = filledDataDir();
      const before = readFileSync(file);
      const script = `
      import { openDatabase } from ${JSON.stringify(join(process.cwd(), 'src-main/engine/history/open-database.ts'))};
      try { openDatabase(${JSON.stringify(file)}); console.log('opened'); } catch (err) { console.log(err.message); }`;
      const run = spawnSync(
        'unshare',
        [
          '-m',
          'sh',
          '-c',
          `mount --bind -o ro "$1" "$1" && exec "$2" --input-type=module -e "$3"`,
          'sh',
          dir,
          process.execPath,
          script,
        ],
        { encoding: 'utf8' },
      );
      expect(run.stdout.trim()).toBe(
        `cannot open history database ${file}: it is read-only (EROFS: read-only file system, access '${file}'); make the data directory writable or choose another one`,
      );
      expect(readFileSync(file)).toEqual(before);
      expect(readdirSync(dir).sort()).toEqual(['history.sqlite', 'settings.json']);
    },
  );
});
