import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src-main/api/config-schema.ts';
import { buildDailySummary, nextSummaryAt, spend } from '../../../src-main/engine/alerts/daily-summary.ts';
import { type History, openHistory } from '../../../src-main/engine/history/history.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

const tempDir = temporaryDirs();
const open: History[] = [];
afterEach(() => {
  for (const h of open.splice(0)) h.close();
});

const HOUR = 3_600_000;

describe('daily summary', () => {
  it.each([
    [
      '08:00 today when it is 07:59',
      new Date(2026, 10, 23, 7, 59).getTime(),
      '08:00',
      new Date(2026, 10, 23, 8, 0),
    ],
    [
      'tomorrow when the time has passed',
      new Date(2026, 10, 23, 9, 0).getTime(),
      '09:00',
      new Date(2026, 10, 24, 9, 0),
    ],
    ['across a month end', new Date(2026, 10, 30, 23, 30).getTime(), '00:15', new Date(2026, 11, 1, 0, 15)],
  ])('is due %s', (_name, now, at, expected) => {
    expect(nextSummaryAt(now, at)).toBe(expected.getTime());
  });

  it.each([
    ['a steady drain', [10, 9, 8.5, 7], 3],
    ['ignoring a top-up', [10, 8, 50, 45], 7],
    ['nothing with one reading', [10], null],
    ['nothing spent when only topped up', [5, 20], 0],
  ])('counts spend as %s', (_name, values, expected) => {
    expect(spend(values.map((value, i) => ({ time: i * HOUR, value })))).toBe(expected);
  });

  it('sums checks, uptime, latency, incidents, balance and spend over the last 24 h', () => {
    const history = openHistory(join(tempDir(), 'h.sqlite'));
    open.push(history);
    const now = Date.UTC(2026, 10, 23, 9);
    const config = ConfigSchema.parse({
      monitors: [
        { id: 'api', type: 'http', url: 'http://x.test' },
        { id: 'solver', type: 'balance', provider: 'captchaai', apiKey: 'k-12345678' },
      ],
    });
    for (let i = 0; i < 10; i++) {
      const time = now - (i + 1) * HOUR;
      history.add({
        monitorId: 'api',
        time,
        status: i < 9 ? 'up' : 'down',
        latencyMs: 100,
        httpStatus: 200,
        value: null,
        error: null,
      });
      history.add({
        monitorId: 'solver',
        time,
        status: 'up',
        latencyMs: 300,
        httpStatus: 200,
        value: 20 + i,
        error: null,
      });
    }
    // Older than 24 h: ignored.
    history.add({
      monitorId: 'api',
      time: now - 30 * HOUR,
      status: 'down',
      latencyMs: 100,
      httpStatus: 500,
      value: null,
      error: 'x',
    });
    history.addAlertEvent({
      monitorId: 'api',
      ruleId: 'down',
      time: now - 2 * HOUR,
      kind: 'fired',
      severity: 'critical',
      message: 'x',
    });
    history.addAlertEvent({
      monitorId: 'api',
      ruleId: 'down',
      time: now - HOUR,
      kind: 'resolved',
      severity: 'ok',
      message: 'x',
    });
    const s = buildDailySummary(history, config.monitors, now);
    expect(s.checks).toBe(20);
    expect(s.successRate).toBeCloseTo(19 / 20, 5);
    expect(s.latencyAvgMs).toBeCloseTo(200, 5);
    expect(s.incidents).toBe(1);
    expect(s.balance).toBe(20);
    expect(s.spend24h).toBe(9);
    expect(s.monitors.map((m) => [m.monitorId, m.checks, m.uptime])).toEqual([
      ['api', 10, 0.9],
      ['solver', 10, 1],
    ]);
  });
});
