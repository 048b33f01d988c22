import { describe, expect, it } from 'vitest';
import type { HistoryWindow } from '../../../../src-main/api/history-types.ts';
import { initialWindow } from '../../../../src-renderer/pages/monitor/initial-window.ts';

const NOW = Date.UTC(2025, 0, 15, 12);
const H = 3_600_000;

describe('the window a monitor page opens on', () => {
  it.each<[string, { states: string; from: number; to: number } | undefined, HistoryWindow]>([
    [
      'a new monitor with a few checks: the last hour',
      { states: 'ooo', from: NOW - 5 * 60_000, to: NOW },
      '1h',
    ],
    [
      'a few hours of sparse checks: the last 24 h',
      { states: 'o'.repeat(10), from: NOW - 5 * H, to: NOW },
      '24h',
    ],
    [
      'a full strip of the last hour: at least 24 h',
      { states: 'o'.repeat(60), from: NOW - H / 2, to: NOW },
      '24h',
    ],
    ['a full strip over two days: 7 days', { states: 'o'.repeat(60), from: NOW - 48 * H, to: NOW }, '7d'],
    ['nothing known yet: 24 h', undefined, '24h'],
  ])('%s', (_, recentChecks, window) => {
    expect(initialWindow({ recentChecks }, NOW)).toBe(window);
  });
});
