import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach } from 'vitest';
import { type History, type HistoryOptions, openHistory } from '../../../src-main/engine/history/history.ts';
import type { StoredSample } from '../../../src-main/engine/history/stored-sample.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A Monday noon, on an hour boundary, so window starts are easy to compute by hand. */
export const NOON = Date.UTC(2025, 5, 30, 12, 0, 0);

export function sample(monitorId: string, time: number, fields: Partial<StoredSample> = {}): StoredSample {
  return {
    monitorId,
    time,
    status: 'up',
    latencyMs: 100,
    httpStatus: 200,
    value: null,
    error: null,
    ...fields,
  };
}

/** Histories on real files in a temp dir, closed (and the dir removed) after each test. */
export function historyFilesPerTest() {
  const tempDir = temporaryDirs();
  const open: Array<{ close(): void }> = [];
  afterEach(() => {
    for (const h of open.splice(0).reverse()) {
      try {
        h.close();
      } catch {
        // Already closed by the test, or left failing on purpose.
      }
    }
  });
  return {
    newFile(): string {
      return join(tempDir(), 'history.sqlite');
    },
    open(file: string, options?: HistoryOptions): History {
      const h = openHistory(file, options);
      open.push(h);
      return h;
    },
    /** A second, independent connection: what another process would see in the file. */
    inspect(file: string, readOnly = true): DatabaseSync {
      const db = new DatabaseSync(file, { readOnly });
      open.push(db);
      return db;
    },
  };
}

export const count = (db: DatabaseSync, sql: string): number => (db.prepare(sql).get() as { n: number }).n;
