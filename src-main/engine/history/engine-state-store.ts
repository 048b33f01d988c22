import type { DatabaseSync } from 'node:sqlite';

/** Small engine settings kept with the history (the snooze state), as JSON by key. */
export class EngineStateStore {
  private readonly db: DatabaseSync;
  private readonly log: (line: string) => void;

  constructor(db: DatabaseSync, log: (line: string) => void = () => {}) {
    this.db = db;
    this.log = log;
  }

  load(key: string): unknown {
    const row = this.db.prepare('SELECT value FROM engine_state WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    try {
      return row ? JSON.parse(row.value) : undefined;
    } catch {
      this.log(`ignoring unreadable saved ${key} state`);
      return undefined;
    }
  }

  save(key: string, value: unknown): void {
    this.db
      .prepare(
        'INSERT INTO engine_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, JSON.stringify(value));
  }
}
