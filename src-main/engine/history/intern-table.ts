import type { DatabaseSync, StatementSync } from 'node:sqlite';

const MAX_CACHED = 10_000;

/** Stores each distinct string (monitor id, error text) once; other rows refer to it by a small integer. */
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

  /** Drops cached ids, after a rollback or a prune may have removed some. */
  forget(): void {
    this.ids.clear();
  }

  private remember(text: string, id: number): void {
    if (this.ids.size >= MAX_CACHED) this.ids.clear();
    this.ids.set(text, id);
  }
}
