import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HISTORY_WINDOWS } from '../../../src-main/api/history-types.ts';
import type { History } from '../../../src-main/engine/history/history.ts';
import { count, DAY, HOUR, historyFilesPerTest, MINUTE, NOON, SECOND, sample } from './history-fixtures.ts';

const files = historyFilesPerTest();
const CHILD = fileURLToPath(new URL('./history-crash-child.ts', import.meta.url));

/** WAL frames written since the last checkpoint that truncated it. */
function walFrames(file: string, pageSize: number): number {
  return (statSync(`${file}-wal`).size - 32) / (pageSize + 24);
}

const views = (history: History, now: number) =>
  HISTORY_WINDOWS.map((w) => [history.summary('a', w, now), history.series('a', w, now)]);

describe('samples journal', () => {
  it('writes a flush of checks from many monitors as one page, not a page per monitor and table', () => {
    const file = files.newFile();
    const history = files.open(file, { maxBuffered: 1_000_000, flushIntervalMs: 3_600_000 });
    // Six hours of checks for 40 monitors: each monitor's rows fill pages of their own.
    for (let t = NOON - 6 * HOUR; t < NOON; t += 30 * SECOND) {
      for (let m = 0; m < 40; m++) history.add(sample(`m${m}`, t + m * 700));
    }
    history.flush();
    const other = files.inspect(file, false);
    other.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const pageSize = (other.prepare('PRAGMA page_size').get() as { page_size: number }).page_size;
    for (let m = 0; m < 20; m++) history.add(sample(`m${m * 2}`, NOON + m * 1000));
    history.flush();
    expect(walFrames(file, pageSize)).toBe(1);
    expect(count(other, 'SELECT count(*) AS n FROM samples')).toBe(40 * 720 + 20);
  });

  it('moves the journal into the monitor-ordered tables once its hour has ended', () => {
    const file = files.newFile();
    const history = files.open(file, { flushIntervalMs: 3_600_000 });
    const db = files.inspect(file);
    history.add(sample('a', NOON + 10 * MINUTE));
    history.add(sample('a', NOON + 20 * MINUTE));
    history.flush();
    expect(count(db, 'SELECT count(*) AS n FROM samples_recent')).toBe(2);
    expect(count(db, 'SELECT count(*) AS n FROM rollup_hour')).toBe(0);
    history.add(sample('a', NOON + HOUR));
    history.flush();
    expect(count(db, 'SELECT count(*) AS n FROM samples_recent')).toBe(0);
    expect(count(db, 'SELECT count(*) AS n FROM samples_by_monitor')).toBe(3);
    expect(count(db, 'SELECT sum(up) AS n FROM rollup_hour')).toBe(3);
  });

  it('moves before its hour ends once 50,000 samples wait, or 50 a monitor up to 100,000', () => {
    const fill = (monitors: number, samples: number) => {
      const file = files.newFile();
      const history = files.open(file, { maxBuffered: 1_000_000, flushIntervalMs: 3_600_000 });
      const db = files.inspect(file);
      // All within one hour: 1 ms apart per monitor.
      const add = (from: number, to: number) => {
        for (let i = from; i < to; i++)
          history.add(sample(`m${i % monitors}`, NOON + Math.floor(i / monitors)));
        history.flush();
      };
      add(0, samples - 1);
      const before = count(db, 'SELECT count(*) AS n FROM samples_recent');
      add(samples - 1, samples);
      return { before, after: count(db, 'SELECT count(*) AS n FROM samples_recent'), db };
    };
    expect(fill(1, 50_000)).toMatchObject({ before: 49_999, after: 0 });
    const many = fill(1_500, 75_000);
    expect(many).toMatchObject({ before: 74_999, after: 0 });
    expect(count(many.db, 'SELECT count(*) AS n FROM samples_by_monitor')).toBe(75_000);
    expect(fill(3_000, 100_000)).toMatchObject({ before: 99_999, after: 0 });
  });

  it('leaves out a re-sent sample once it is stored, and keeps a newer one', () => {
    const file = files.newFile();
    const history = files.open(file, { flushIntervalMs: 3_600_000 });
    const db = files.inspect(file);
    history.add(sample('a', NOON + 10 * MINUTE));
    history.flush();
    history.add(sample('a', NOON + HOUR));
    history.flush();
    expect(count(db, 'SELECT count(*) AS n FROM samples_by_monitor')).toBe(2);
    history.add(sample('a', NOON + 10 * MINUTE));
    history.add(sample('a', NOON + HOUR));
    history.add(sample('a', NOON + HOUR + MINUTE));
    history.flush();
    expect(count(db, 'SELECT count(*) AS n FROM samples')).toBe(3);
    expect(count(db, 'SELECT count(*) AS n FROM samples_recent')).toBe(1);
  });

  it('sums open rollup buckets across flushes and reads, counting each sample once', () => {
    const file = files.newFile();
    const history = files.open(file, { flushIntervalMs: 3_600_000 });
    // 7d and 30d are answered from the hour and day rollups.
    const checks = () => history.summary('a', '7d', NOON + 30 * MINUTE).checks;
    history.add(sample('a', NOON + MINUTE));
    history.flush();
    history.add(sample('a', NOON + 2 * MINUTE));
    history.flush();
    expect(checks()).toBe(2);
    expect(checks()).toBe(2);
    history.add(sample('a', NOON + 3 * MINUTE, { status: 'down' }));
    expect(checks()).toBe(3);
    expect(history.summary('a', '30d', NOON + 30 * MINUTE).checks).toBe(3);
    history.close();
    expect(count(files.inspect(file), 'SELECT sum(up + down) AS n FROM rollup_minute')).toBe(3);
    expect(count(files.inspect(file), 'SELECT sum(up + down) AS n FROM rollup_day')).toBe(3);
  });

  it('answers the same before and after the journal moves', () => {
    const file = files.newFile();
    const history = files.open(file, { maxBuffered: 1_000_000, flushIntervalMs: 3_600_000 });
    for (let t = NOON - 3 * DAY; t <= NOON - 40 * MINUTE; t += 7 * MINUTE) {
      history.add(
        sample('a', t, { latencyMs: 10 + (t % 900), status: t % 5 === 0 ? 'down' : 'up', value: 2 }),
      );
    }
    history.flush();
    // These stay in the journal: same hour, so its rollup buckets have a row stored and one in memory.
    for (let t = NOON - 30 * MINUTE; t < NOON; t += 3 * MINUTE) {
      history.add(sample('a', t, { latencyMs: 2000 + (t % 7), value: 4 }));
    }
    history.flush();
    expect(count(files.inspect(file), 'SELECT count(*) AS n FROM samples_recent')).toBeGreaterThan(0);
    const before = views(history, NOON);
    const recent = history.recentSamples('a', 30);
    history.close();
    const again = files.open(file);
    expect(views(again, NOON)).toEqual(before);
    expect(again.recentSamples('a', 30)).toEqual(recent);
  });

  it('loses nothing flushed when the process is killed, and rolls the journal up at the next start', async () => {
    const file = files.newFile();
    const child = spawn(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', CHILD, file, String(NOON - 10 * MINUTE), '300'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    expect(line.toString()).toBe('flushed\n');
    child.kill('SIGKILL');
    await once(child, 'exit');
    const history = files.open(file);
    expect(history.summary('a', '24h', NOON)).toMatchObject({ checks: 300, uptime: 225 / 300 });
    const month = history.summary('a', '30d', NOON);
    expect(month).toMatchObject({ checks: 300, uptime: 225 / 300 });
    expect(month.latencyAvgMs).toBeCloseTo(100 + 24.5, 9);
    expect(history.recentSamples('b', 1)[0]).toMatchObject({
      time: NOON - 10 * MINUTE + 299 * SECOND,
      value: 299,
    });
    expect(count(files.inspect(file), 'SELECT count(*) AS n FROM samples_recent')).toBe(0);
  });
});
