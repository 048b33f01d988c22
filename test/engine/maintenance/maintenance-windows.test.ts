import { describe, expect, it } from 'vitest';
import type { MaintenanceWindow } from '../../../src-main/api/maintenance-schema.ts';
import {
  activeWindows,
  inMaintenance,
  nextWindow,
} from '../../../src-main/engine/maintenance/maintenance-windows.ts';

const at = (iso: string) => Date.parse(iso);

const once: MaintenanceWindow = {
  id: 'migration',
  name: 'DB migration',
  monitors: ['db'],
  start: '2026-03-10T22:00:00Z',
  end: '2026-03-10T23:30:00Z',
};
// Sundays 03:00–04:00 UTC.
const weekly: MaintenanceWindow = { id: 'weekly', name: 'Weekly', cron: '0 3 * * 0', durationMinutes: 60 };
// Daily 02:00–02:30 Berlin time: 01:00 UTC in winter, 00:00 UTC in summer.
const berlin: MaintenanceWindow = {
  id: 'nightly',
  name: 'Nightly',
  cron: '0 2 * * *',
  durationMinutes: 30,
  timezone: 'Europe/Berlin',
};

describe('activeWindows', () => {
  it.each([
    ['before a one-off window', [once], '2026-03-10T21:59:59Z', []],
    ['at its start', [once], '2026-03-10T22:00:00Z', ['migration']],
    ['inside it', [once], '2026-03-10T23:00:00Z', ['migration']],
    ['at its end (excluded)', [once], '2026-03-10T23:30:00Z', []],
    ['at a cron start', [weekly], '2026-03-08T03:00:00Z', ['weekly']],
    ['inside a cron occurrence', [weekly], '2026-03-08T03:59:59Z', ['weekly']],
    ['at a cron occurrence end', [weekly], '2026-03-08T04:00:00Z', []],
    ['on a weekday', [weekly], '2026-03-09T03:30:00Z', []],
    ['Berlin 02:10 in winter (01:10 UTC)', [berlin], '2026-01-15T01:10:00Z', ['nightly']],
    ['Berlin 03:10 in winter (02:10 UTC)', [berlin], '2026-01-15T02:10:00Z', []],
    ['Berlin 02:10 in summer (00:10 UTC)', [berlin], '2026-07-15T00:10:00Z', ['nightly']],
    ['Berlin 03:10 in summer (01:10 UTC)', [berlin], '2026-07-15T01:10:00Z', []],
    [
      'two at once, soonest ending first',
      [weekly, { ...once, end: '2026-03-08T03:30:00Z', start: '2026-03-08T02:00:00Z' }],
      '2026-03-08T03:10:00Z',
      ['migration', 'weekly'],
    ],
  ] as const)('%s', (_, windows, now, ids) => {
    expect(activeWindows(windows, at(now)).map((s) => s.window.id)).toEqual(ids);
  });

  it('gives the occurrence its span', () => {
    expect(activeWindows([berlin], at('2026-01-15T01:10:00Z'))[0]).toMatchObject({
      start: at('2026-01-15T01:00:00Z'),
      end: at('2026-01-15T01:30:00Z'),
    });
  });

  it('ends a recurring occurrence ended early, but not the next one', () => {
    const ended = { ...weekly, endedAt: '2026-03-08T03:20:00Z' };
    expect(activeWindows([ended], at('2026-03-08T03:30:00Z'))).toEqual([]);
    expect(activeWindows([ended], at('2026-03-15T03:30:00Z')).map((s) => s.window.id)).toEqual(['weekly']);
  });
});

describe('nextWindow', () => {
  it.each([
    [
      'the one-off before it starts',
      [once, weekly],
      '2026-03-10T12:00:00Z',
      'migration',
      '2026-03-10T22:00:00Z',
    ],
    [
      'the next Sunday once the one-off is under way',
      [once, weekly],
      '2026-03-10T22:30:00Z',
      'weekly',
      '2026-03-15T03:00:00Z',
    ],
    [
      'the next occurrence while one is under way',
      [weekly],
      '2026-03-08T03:30:00Z',
      'weekly',
      '2026-03-15T03:00:00Z',
    ],
    [
      'Berlin 02:00 on the spring-forward day, which has none: at 03:00 CEST',
      [berlin],
      '2026-03-28T12:00:00Z',
      'nightly',
      '2026-03-29T01:00:00Z',
    ],
  ] as const)('%s', (_, windows, now, id, start) => {
    const next = nextWindow(windows, at(now));
    expect(next?.window.id).toBe(id);
    expect(next?.start).toBe(at(start));
  });

  it('is null when nothing is ahead', () => {
    expect(nextWindow([once], at('2026-03-11T00:00:00Z'))).toBeNull();
    expect(nextWindow([], 0)).toBeNull();
  });
});

describe('inMaintenance', () => {
  it('covers the listed monitors only, or all when none are listed', () => {
    const now = at('2026-03-10T22:30:00Z');
    expect(inMaintenance([once], 'db', now)).toBe(true);
    expect(inMaintenance([once], 'api', now)).toBe(false);
    expect(inMaintenance([{ ...once, monitors: undefined }], 'api', now)).toBe(true);
    expect(inMaintenance([once], 'db', at('2026-03-11T00:00:00Z'))).toBe(false);
  });
});
