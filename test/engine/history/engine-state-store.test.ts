import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineStateStore } from '../../../src-main/engine/history/engine-state-store.ts';
import { closeDatabase, openDatabase } from '../../../src-main/engine/history/open-database.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

const tempDir = temporaryDirs();

describe('engine state store', () => {
  it('keeps a value across a restart, and answers undefined for a key never saved', () => {
    const file = join(tempDir(), 'history.sqlite');
    const first = openDatabase(file).db;
    const snooze = { until: 1_750_000_000_000, monitors: { api: null } };
    new EngineStateStore(first).save('snooze', snooze);
    new EngineStateStore(first).save('snooze', { ...snooze, until: 1 });
    closeDatabase(first);
    const again = openDatabase(file).db;
    const store = new EngineStateStore(again);
    expect(store.load('snooze')).toEqual({ ...snooze, until: 1 });
    expect(store.load('never-saved')).toBeUndefined();
    closeDatabase(again);
  });

  it('answers undefined for a value that is not JSON, and says which key it ignored', () => {
    const { db } = openDatabase(join(tempDir(), 'history.sqlite'));
    db.prepare("INSERT INTO engine_state (key, value) VALUES ('snooze', '{\"until\": 1')").run();
    const logs: string[] = [];
    expect(new EngineStateStore(db, (line) => logs.push(line)).load('snooze')).toBeUndefined();
    expect(logs).toEqual(['ignoring unreadable saved snooze state']);
    closeDatabase(db);
  });
});
