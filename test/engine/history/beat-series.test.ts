import { describe, expect, it } from 'vitest';
import type { MonitorType } from '../../../src-main/api/config-schema.ts';
import { monitorHistory } from '../../../src-main/engine/history/monitor-history.ts';
import { HOUR, historyFilesPerTest, MINUTE, NOON, SECOND, sample } from './history-fixtures.ts';

const files = historyFilesPerTest();

/** The engine's registry, as far as the history asks it: the monitor's type. */
const typed = (type: MonitorType) => ({
  monitoring: { registry: { get: () => ({ config: { type } }) } },
});

/** A heartbeat check at `time` that saw its last beat `since` seconds before. */
const check = (time: number, since: number | null) =>
  sample('hb', time, {
    latencyMs: null,
    httpStatus: null,
    value: since,
    status: since === null ? 'unknown' : 'up',
  });

describe('heartbeats per bucket', () => {
  it('counts each beat once, however many checks saw it, in the bucket it arrived in', () => {
    const history = files.open(files.newFile());
    // Beats at -50 min and -20 min 10 s (seen by three checks each), checked every 10 s around them.
    const beats = [NOON - 50 * MINUTE, NOON - 20 * MINUTE - 10 * SECOND];
    const checks = [];
    for (const beat of beats)
      for (let i = 1; i <= 3; i++) {
        const t = beat + i * 10 * SECOND;
        checks.push(check(t, Math.round((t - beat) / 100) / 10));
      }
    for (const c of checks) history.add(c);
    const { series } = monitorHistory(history, 'hb', '1h', NOON, typed('heartbeat'));
    const beatsPerBucket = series.beats ?? [];
    const counted = series.t.flatMap((t, i) => (beatsPerBucket[i] ? [[t, beatsPerBucket[i]]] : []));
    expect(counted).toEqual(
      beats.map((b) => {
        const step = (series.t[1] as number) - (series.t[0] as number);
        return [b - (b % step), 1];
      }),
    );
    expect(beatsPerBucket.reduce<number>((n, v) => n + (v ?? 0), 0)).toBe(2);
  });

  it('says 0 where checks saw no new beat and null before the first check', () => {
    const history = files.open(files.newFile());
    const beat = NOON - 30 * MINUTE;
    for (let t = beat + MINUTE; t <= NOON; t += MINUTE) history.add(check(t, (t - beat) / 1000));
    const series = history.series('hb', '1h', NOON);
    const beats = history.beats('hb', series.t, NOON);
    const step = (series.t[1] as number) - (series.t[0] as number);
    const firstCheck = Math.floor((beat + MINUTE - (series.t[0] as number)) / step);
    expect(beats.slice(0, firstCheck).every((v) => v === null)).toBe(true);
    expect(beats.slice(firstCheck).every((v) => v !== null)).toBe(true);
    // Thirty checks saw the one beat.
    expect(beats.reduce<number>((n, v) => n + (v ?? 0), 0)).toBe(1);
  });

  it('leaves other monitor types without beats', () => {
    const history = files.open(files.newFile());
    history.add(sample('api', NOON - HOUR / 2, { value: 3 }));
    expect(monitorHistory(history, 'api', '1h', NOON, typed('http')).series.beats).toBeUndefined();
  });
});
