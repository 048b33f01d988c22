import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../src-main/api/notification-types.ts';
import { channelsFor } from '../../../src-main/engine/notify/routing.ts';
import { alerts, daySummary, notice } from './fixtures.ts';

const all = ['desktop', 'discord', 'webhook'];

describe('who hears what', () => {
  it.each<[string, Notification, string[]]>([
    ['an alert reaches every channel', alerts([notice()]), all],
    ['being offline only the desktop', alerts([notice({ kind: 'offline' })]), ['desktop']],
    ['being back online only the desktop', alerts([notice({ kind: 'online' })]), ['desktop']],
    [
      'an alert grouped with a connectivity notice every channel',
      alerts([notice({ kind: 'offline' }), notice()]),
      all,
    ],
    [
      'the daily summary every channel but the desktop',
      { type: 'summary', id: 's', createdAt: 0, summary: daySummary() },
      ['discord', 'webhook'],
    ],
  ])('%s', (_name, notification, expected) => {
    expect(channelsFor(notification, all)).toEqual(expected);
  });
});
