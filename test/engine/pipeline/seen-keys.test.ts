import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../../src-main/engine/history/open-database.ts';
import { DUPLICATE_WINDOW_MS, SeenKeys } from '../../../src-main/engine/pipeline/seen-keys.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

const tempDir = temporaryDirs();
const T0 = Date.UTC(2026, 2, 28, 12);

describe('SeenKeys', () => {
  it('recognises a retry within 24 h, per monitor, and takes the key again after that', () => {
    const { db } = openDatabase(join(tempDir(), 'history.sqlite'));
    const seen = new SeenKeys(db);
    expect(seen.firstSeen('solver', 'task.completed\u0000t1', T0)).toBe(true);
    expect(seen.firstSeen('solver', 'task.completed\u0000t1', T0 + 30_000)).toBe(false);
    expect(seen.firstSeen('other', 'task.completed\u0000t1', T0)).toBe(true);
    expect(seen.firstSeen('solver', 'task.failed\u0000t1', T0)).toBe(true);
    expect(seen.firstSeen('solver', 'task.completed\u0000t1', T0 + DUPLICATE_WINDOW_MS)).toBe(true);
    closeDatabase(db);
  });

  it('still knows the keys after the file is closed and opened again', () => {
    const file = join(tempDir(), 'history.sqlite');
    const first = openDatabase(file).db;
    const before = new SeenKeys(first);
    before.batch(() => {
      for (let i = 0; i < 50; i++) before.firstSeen('solver', `task.completed\u0000t${i}`, T0);
    });
    closeDatabase(first);
    const again = openDatabase(file).db;
    const seen = new SeenKeys(again);
    // An hour later (seed 004's fourth retry), after the restart.
    expect(seen.firstSeen('solver', 'task.completed\u0000t7', T0 + 3_600_000)).toBe(false);
    expect(seen.firstSeen('solver', 'task.completed\u0000t50', T0 + 3_600_000)).toBe(true);
    closeDatabase(again);
  });

  it('prunes keys older than the window from the table', () => {
    const { db } = openDatabase(join(tempDir(), 'history.sqlite'));
    const seen = new SeenKeys(db);
    for (let i = 0; i < 20; i++) seen.firstSeen('solver', `k${i}`, T0);
    seen.firstSeen('solver', 'late', T0 + DUPLICATE_WINDOW_MS + 1);
    seen.prune(T0 + DUPLICATE_WINDOW_MS + 1);
    const n = (db.prepare('SELECT count(*) AS n FROM pipeline_seen').get() as { n: number }).n;
    expect(n).toBe(1);
    closeDatabase(db);
  });
});
