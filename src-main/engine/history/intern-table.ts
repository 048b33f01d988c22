import type { DatabaseSync, StatementSync } from 'node:sqlite';

const MAX_CACHED = 10_000;

/**
 * A table that stores each distinct string once (monitor ids, error texts) so other rows reference
 * it by a small integer. Lookups are cached; the cache must be dropped when ids may have vanished
 * (a rolled-back transaction, a prune).
 */
export class InternTable {
  private readonly ids = new Map<string, number>();
  private readonly insert: StatementSync;
  private readonly select: StatementSync;

  constructor(db: DatabaseSync, table: string, column: string) {
    this.insert = db.prepare(`INSERT INTO ${table} (${column}) VALUES (?) ON CONFLICT DO NOTHING`);
    this.select = db.prepare(`SELECT id FROM ${table} WHERE ${column} = ?`);
  }

  /** The id of `text`, or null when it was never stored. */
  find(text: string): number | null {
    const cached = this.ids.get(text);
    if (cached !== undefined) return cached;
    const row = this.select.get(text) as { id: number } | undefined;
    if (!row) return null;
    this.remember(text, row.id);
    return row.id;
  }

  /** The id of `text`, stored first if needed; call inside the writing transaction. */
  ensure(text: string): number {
    const found = this.find(text);
    if (found !== null) return found;
    this.insert.run(text);
    const id = (this.select.get(text) as { id: number }).id;
    this.remember(text, id);
    return id;
  }

  forget(): void {
    this.ids.clear();
  }

  private remember(text: string, id: number): void {
    if (this.ids.size >= MAX_CACHED) this.ids.clear();
    this.ids.set(text, id);
  }
}
