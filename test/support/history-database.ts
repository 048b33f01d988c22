import type { DatabaseSync } from 'node:sqlite';
import { createHistory, type History, type HistoryOptions } from '../../src-main/engine/history/history.ts';
import { closeDatabase, openDatabase } from '../../src-main/engine/history/open-database.ts';

/** One connection to a history file, as the apps share it: the history over it, closed together. */
export function openHistoryDatabase(
  file: string,
  options: HistoryOptions = {},
): { db: DatabaseSync; history: History; close(): void } {
  const { db } = openDatabase(file, { busyTimeoutMs: options.busyTimeoutMs });
  const history = createHistory(db, options);
  let closed = false;
  return {
    db,
    history,
    close() {
      if (closed) return;
      closed = true;
      history.close();
      closeDatabase(db);
    },
  };
}
