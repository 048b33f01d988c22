import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { applyMigrations, MIGRATIONS, schemaVersion } from '../../../src-main/engine/history/migrations.ts';
import { count, DAY, historyFilesPerTest, NOON, sample } from './history-fixtures.ts';

const files = historyFilesPerTest();
const LATEST = MIGRATIONS.at(-1)?.version ?? 0;

/** Tables and views: since version 5 `samples` is a view over the stored samples and the journal. */
const tables = (db: DatabaseSync) =>
  (
    db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

/** A file as the first Solvewatch release left it: only migration 1 applied, with a day of data. */
function version1File(): string {
  const file = files.newFile();
  const db = new DatabaseSync(file);
  applyMigrations(db, MIGRATIONS.slice(0, 1));
  db.exec(`
    INSERT INTO monitors (id, config_id) VALUES (1, 'api');
    INSERT INTO errors (id, text) VALUES (1, 'HTTP 503');
    INSERT INTO samples (monitor, t, status, latency, http_status, value, error) VALUES
      (1, ${NOON - 2000}, 1, 120, 200, NULL, NULL),
      (1, ${NOON - 1000}, 3, 80, 503, NULL, 1);
    INSERT INTO rollup_hour (monitor, t, up, down, unknown, lat_n, lat_sum, lat_max, value_n, value_sum, lat_hist)
      VALUES (1, ${NOON - 3_600_000}, 1, 1, 0, 2, 200, 120, 0, 0, NULL);
  `);
  db.close();
  return file;
}

describe('schema migrations', () => {
  it('numbers migrations 1, 2, 3… in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST).toBeGreaterThanOrEqual(2);
  });

  it('creates a new file at the latest version, in WAL mode', () => {
    const file = files.newFile();
    files.open(file);
    const db = files.inspect(file);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(tables(db)).toEqual(
      expect.arrayContaining(['monitors', 'errors', 'samples', 'rollup_minute', 'rollup_hour', 'rollup_day']),
    );
    expect(tables(db)).toEqual(expect.arrayContaining(['state_changes', 'alert_events']));
  });

  it('upgrades an older file, keeping its data, and the new tables work', () => {
    const file = version1File();
    const history = files.open(file);
    expect(history.recentSamples('api', 10)).toEqual([
      sample('api', NOON - 1000, { status: 'down', latencyMs: 80, httpStatus: 503, error: 'HTTP 503' }),
      sample('api', NOON - 2000, { status: 'up', latencyMs: 120 }),
    ]);
    expect(history.summary('api', '24h', NOON)).toMatchObject({ checks: 2, uptime: 0.5, latencyAvgMs: 100 });
    expect(history.summary('api', '7d', NOON)).toMatchObject({ checks: 2, uptime: 0.5, latencyAvgMs: 100 });

    history.addStateChange({ monitorId: 'api', time: NOON, from: 'ok', to: 'critical', reason: 'HTTP 503' });
    history.addAlertEvent({
      monitorId: 'api',
      ruleId: 'status',
      time: NOON,
      kind: 'fired',
      severity: 'critical',
      message: 'HTTP 503',
    });
    history.add(sample('api', NOON));
    expect(history.stateChanges('api', 0, NOON)).toHaveLength(1);
    expect(history.alertEvents('api', 0, NOON)).toHaveLength(1);
    expect(history.summary('api', '24h', NOON).checks).toBe(3);
    expect(schemaVersion(files.inspect(file))).toBe(LATEST);
  });

  it('refuses a file written by a newer version and leaves it untouched', () => {
    const file = files.newFile();
    const db = new DatabaseSync(file);
    db.exec(`CREATE TABLE future (x); PRAGMA user_version = ${LATEST + 1}`);
    db.close();
    expect(() => files.open(file)).toThrow(
      new RegExp(`version ${LATEST + 1} is newer than .*\\(${LATEST}\\)`),
    );
    const after = files.inspect(file);
    expect(schemaVersion(after)).toBe(LATEST + 1);
    expect(tables(after)).toEqual(['future']);
    expect(after.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'delete' });
  });

  it('rolls a failing migration back and names it', () => {
    const db = new DatabaseSync(':memory:');
    const broken = [
      MIGRATIONS[0] as (typeof MIGRATIONS)[number],
      {
        version: 2,
        description: 'half-written',
        sql: 'CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);',
      },
    ];
    expect(() => applyMigrations(db, broken)).toThrow(
      /migration 2 \(half-written\) failed: no such table: nowhere/,
    );
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half');
    db.close();
  });

  it('applies nothing twice when opened again', () => {
    const file = files.newFile();
    const history = files.open(file);
    history.add(sample('api', NOON - DAY));
    history.close();
    files.open(file).close();
    expect(count(files.inspect(file), 'SELECT count(*) AS n FROM samples')).toBe(1);
  });
});
