import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src-main/api/config-schema.ts';
import { type FieldIssue, toFieldIssues } from '../../src-main/api/field-issues.ts';

const monitors = [{ id: 'api', type: 'http', url: 'http://127.0.0.1:9/' }];

function issues(maintenance: unknown[]): FieldIssue[] {
  const result = ConfigSchema.safeParse({ monitors, maintenance });
  return result.success ? [] : toFieldIssues(result.error);
}

describe('maintenance windows in the config', () => {
  it('takes a one-off and a recurring window, and none by default', () => {
    const windows = [
      {
        id: 'once',
        name: 'Once',
        monitors: ['api'],
        start: '2026-03-10T22:00:00Z',
        end: '2026-03-10T23:30:00+01:00',
      },
      { id: 'weekly', name: 'Weekly', cron: '0 3 * * 0', durationMinutes: 60, timezone: 'Europe/Berlin' },
    ];
    expect(issues(windows)).toEqual([]);
    expect(ConfigSchema.parse({}).maintenance).toEqual([]);
  });

  it.each([
    [
      'an unknown monitor id',
      {
        id: 'w',
        name: 'W',
        monitors: ['api', 'nope'],
        start: '2026-03-10T22:00:00Z',
        end: '2026-03-10T23:00:00Z',
      },
      [{ path: 'maintenance[0].monitors[1]', message: 'unknown monitor "nope"' }],
    ],
    [
      'an end before the start',
      { id: 'w', name: 'W', start: '2026-03-10T22:00:00Z', end: '2026-03-10T21:00:00Z' },
      [{ path: 'maintenance[0].end', message: 'must be after start' }],
    ],
    [
      'an end equal to the start, given in another offset',
      { id: 'w', name: 'W', start: '2026-03-10T22:00:00Z', end: '2026-03-10T23:00:00+01:00' },
      [{ path: 'maintenance[0].end', message: 'must be after start' }],
    ],
    [
      'a bad cron pattern',
      { id: 'w', name: 'W', cron: '0 3 * * funday', durationMinutes: 60 },
      [{ path: 'maintenance[0].cron', message: expect.stringMatching(/^must be a cron pattern/) }],
    ],
    [
      'a cron without a duration',
      { id: 'w', name: 'W', cron: '0 3 * * 0' },
      [{ path: 'maintenance[0].durationMinutes', message: 'is required with "cron"' }],
    ],
    [
      'an unknown time zone',
      { id: 'w', name: 'W', cron: '0 3 * * 0', durationMinutes: 60, timezone: 'Mars/Olympus' },
      [{ path: 'maintenance[0].timezone', message: expect.stringMatching(/IANA time zone/) }],
    ],
    [
      'a time that is not ISO',
      { id: 'w', name: 'W', start: 'tomorrow', end: '2026-03-10T21:00:00Z' },
      [{ path: 'maintenance[0].start', message: expect.stringMatching(/ISO time/) }],
    ],
    [
      'neither times nor cron',
      { id: 'w', name: 'W' },
      [
        { path: 'maintenance[0].start', message: expect.stringMatching(/^is required/) },
        { path: 'maintenance[0].end', message: expect.stringMatching(/^is required/) },
      ],
    ],
  ])('reports %s as a field error', (_, window, expected) => {
    expect(issues([window])).toEqual(expected);
  });

  it('reports a duplicate window id', () => {
    const w = { id: 'w', name: 'W', cron: '0 3 * * 0', durationMinutes: 60 };
    expect(issues([w, w])).toEqual([{ path: 'maintenance[1].id', message: 'duplicates "w"' }]);
  });
});
