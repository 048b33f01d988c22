import { describe, expect, it } from 'vitest';
import type { AlertNotice, Notification } from '../../../src-main/api/notification-types.ts';
import {
  type DesktopMessage,
  DesktopNotifier,
  desktopMessage,
  loggingDesktopPort,
} from '../../../src-main/engine/notify/desktop.ts';
import { alerts, daySummary, notice, T } from './fixtures.ts';

const live = () => new AbortController().signal;
const down = (i: number, overrides: Partial<AlertNotice> = {}) =>
  notice({
    monitorId: `api-${i}`,
    monitorName: `API ${i}`,
    summary: `connection refused by 127.0.0.1:${9000 + i}`,
    ...overrides,
  });

describe('desktopMessage', () => {
  it('shows one notice as "<what>: <monitor>" with the summary as body, opening that monitor', () => {
    const balance = notice({
      kind: 'balance-low',
      severity: 'warning',
      monitorId: 'solver',
      monitorName: 'Solver',
      summary: '[BALANCE] (8.42) < 10',
    });
    expect(desktopMessage(alerts([balance]))).toEqual({
      title: 'Balance low: Solver',
      body: '[BALANCE] (8.42) < 10',
      urgency: 'normal',
      monitorId: 'solver',
    });
  });

  it('groups 3 monitors into one notification naming them all, opening the overview', () => {
    expect(desktopMessage(alerts([down(1), down(2), down(3)]))).toEqual({
      title: '3 monitors critical: API 1, API 2, API 3',
      body: [
        'API 1: connection refused by 127.0.0.1:9001',
        'API 2: connection refused by 127.0.0.1:9002',
        'API 3: connection refused by 127.0.0.1:9003',
      ].join('\n'),
      urgency: 'critical',
      monitorId: null,
    });
  });

  it('keeps 50 notices to a short title and five body lines, counting the rest', () => {
    const message = desktopMessage(alerts(Array.from({ length: 50 }, (_, i) => down(i + 1))));
    expect(message.title).toMatch(/^50 monitors critical: API 1, API 2, .* and \d+ more$/);
    expect(message.title.length).toBeLessThanOrEqual(90);
    const lines = message.body.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toBe('…and 45 more');
  });

  it('shortens long monitor names with an ellipsis', () => {
    const long = 'A monitor with a remarkably long descriptive name';
    const message = desktopMessage(alerts([down(1, { monitorName: long }), down(2, { monitorName: long })]));
    expect(message.title).toBe('2 monitors critical: A monitor with a remarkably lon… and 1 more');
  });

  it('counts each kind of change when a group mixes them', () => {
    const recovered = down(3, { kind: 'recovered', severity: 'ok', summary: 'answers 200 again' });
    const message = desktopMessage(alerts([down(1), down(2), recovered]));
    expect(message.title).toBe('3 monitors: 2 critical, 1 recovered');
    expect(message.urgency).toBe('critical');
  });

  it.each<[string, Partial<AlertNotice>, DesktopMessage['urgency']]>([
    ['critical', { severity: 'critical' }, 'critical'],
    ['warning', { kind: 'degraded', severity: 'warning' }, 'normal'],
    ['recovered', { kind: 'recovered', severity: 'ok' }, 'low'],
    ['information', { kind: 'test', severity: 'info', monitorId: '', monitorName: 'Solvewatch' }, 'normal'],
  ])('maps a %s notice to %s urgency', (_, overrides, urgency) => {
    expect(desktopMessage(alerts([notice(overrides)])).urgency).toBe(urgency);
  });

  it('gives notices about Solvewatch itself a title without a monitor and opens the overview', () => {
    const offline = notice({
      kind: 'offline',
      severity: 'warning',
      monitorId: '',
      monitorName: 'Solvewatch',
      summary: 'This computer seems to be offline: DNS lookups fail.',
    });
    expect(desktopMessage(alerts([offline]))).toMatchObject({ title: 'Offline', monitorId: null });
  });

  it('puts the daily summary on one line', () => {
    const summary: Notification = { type: 'summary', id: 's', createdAt: T, summary: daySummary() };
    expect(desktopMessage(summary)).toEqual({
      title: 'Daily summary',
      body: '12,450 checks · 95.2% success · 212 ms avg · 3 incidents · balance $142.30 · spent $12.40',
      urgency: 'low',
      monitorId: null,
    });
  });
});

describe('DesktopNotifier', () => {
  it('reports delivered once the port has shown the notification', async () => {
    const shown: DesktopMessage[] = [];
    const notifier = new DesktopNotifier({ show: (m) => void shown.push(m) });
    expect(notifier.channel).toBe('desktop');
    expect(await notifier.send(alerts([down(1)]), live())).toMatchObject({ outcome: 'delivered' });
    expect(shown.map((m) => m.title)).toEqual(['Down: API 1']);
  });

  it('asks for a retry when the port throws or rejects', async () => {
    const throwing = new DesktopNotifier({
      show: () => {
        throw new Error('notification daemon not running');
      },
    });
    expect(await throwing.send(alerts([down(1)]), live())).toEqual({
      outcome: 'retry',
      status: null,
      error: 'desktop notification failed: notification daemon not running',
      retryAfterMs: null,
    });
    const rejecting = new DesktopNotifier({ show: () => Promise.reject(new Error('no display')) });
    expect(await rejecting.send(alerts([down(1)]), live())).toMatchObject({ outcome: 'retry' });
  });

  it('in headless mode logs one line per notification', async () => {
    const lines: string[] = [];
    const notifier = new DesktopNotifier(loggingDesktopPort((l) => lines.push(l)));
    await notifier.send(alerts([down(1), down(2)]), live());
    expect(lines).toEqual([
      'desktop notification: 2 monitors critical: API 1, API 2 — API 1: connection refused by 127.0.0.1:9001 / API 2: connection refused by 127.0.0.1:9002',
    ]);
  });
});
