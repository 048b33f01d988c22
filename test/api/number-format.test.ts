import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatLatency,
  formatMoney,
  formatPercent,
  formatRelative,
  formatUptime,
} from '../../src-main/api/number-format.ts';

const L = 'en-US';
const now = 1_700_000_000_000;

describe('relative times', () => {
  it.each([
    [now - 300, 'just now'],
    [now - 12_000, '12 s ago'],
    [now - 59_999, '59 s ago'],
    [now - 3 * 60_000, '3 min ago'],
    [now - 2 * 3_600_000 - 5 * 60_000, '2 h ago'],
    [now - 3 * 86_400_000, '3 d ago'],
    [now + 5 * 60_000, 'in 5 min'],
  ])('%d reads "%s"', (time, text) => {
    expect(formatRelative(time, now, L)).toBe(text);
  });
});

describe('durations', () => {
  it.each([
    [0, '0 s'],
    [45.7, '45 s'],
    [12 * 60, '12 min'],
    [3 * 3600 + 20 * 60, '3 h 20 min'],
    [5 * 3600, '5 h'],
    [2 * 86_400 + 4 * 3600, '2 d 4 h'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('%d s reads "%s"', (seconds, text) => {
    expect(formatDuration(seconds, L)).toBe(text);
  });
});

describe('latency', () => {
  it.each([
    [0, '0 ms'],
    [0.42, '0.4 ms'],
    [4.56, '4.6 ms'],
    [9.96, '10 ms'],
    [87.4, '87 ms'],
    [999.4, '999 ms'],
    [999.6, '1 s'],
    [1240, '1.24 s'],
    [null, '—'],
  ])('%s ms reads "%s"', (ms, text) => {
    expect(formatLatency(ms, L)).toBe(text);
  });
});

describe('money', () => {
  it.each([
    [8.42, '$', '$8.42'],
    [1234.5, '$', '$1,234.50'],
    [8.42, 'EUR', '8.42 EUR'],
    [0.0123, '$', '$0.0123'],
    [-2, '$', '−$2.00'],
    [null, '$', '—'],
  ])('%s with %s reads "%s"', (amount, currency, text) => {
    expect(formatMoney(amount, currency, L)).toBe(text);
  });
});

describe('percentages', () => {
  it.each([
    [0.9995, '99.95 %'],
    [1, '100 %'],
    [0.05, '5 %'],
    [null, '—'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('%s reads "%s"', (fraction, text) => {
    expect(formatPercent(fraction, 2, L)).toBe(text);
  });
});

describe('formatUptime', () => {
  it.each([
    [1, '100 %'],
    [0.99999, '99.99 %'],
    [0.790213, '79.02 %'],
    [2 / 3, '66.66 %'],
    [null, '—'],
  ])('%s → %s', (fraction, text) => {
    expect(formatUptime(fraction, 'en-US')).toBe(text);
  });
});
