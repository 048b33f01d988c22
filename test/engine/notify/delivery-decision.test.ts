import { describe, expect, it } from 'vitest';
import type { DeliveryResult, Notification } from '../../../src-main/api/notification-types.ts';
import {
  ALERTS_MAX_AGE_MS,
  afterSending,
  beforeSending,
  DESKTOP_MAX_AGE_MS,
  INTERRUPTED_ERROR,
  interruptedAttempt,
} from '../../../src-main/engine/notify/delivery-decision.ts';
import type { HeadMessage } from '../../../src-main/engine/notify/outbox-records.ts';
import { alerts, daySummary, notice, T } from './fixtures.ts';

const down = alerts([notice({ monitorId: 'api' })]);
const reminder = alerts([notice({ kind: 'reminder', monitorId: 'api' })]);
const summary: Notification = { type: 'summary', id: 's-1', createdAt: T, summary: daySummary() };

function head(overrides: Partial<HeadMessage> = {}, notification: Notification = down): HeadMessage {
  return {
    id: 7,
    createdAt: T,
    attempts: 0,
    backoffs: 0,
    waits: 0,
    nextAttemptAt: null,
    attemptStartedAt: null,
    content: { notification },
    ...overrides,
  };
}

const firing = () => true;
const resolved = () => false;

describe('beforeSending', () => {
  it.each([
    ['a fresh alert', 'discord', head(), T, firing, 'send', null],
    [
      'a message before its retry time',
      'discord',
      head({ nextAttemptAt: T + 10 }),
      T + 9,
      firing,
      'wait',
      null,
    ],
    ['a message at its retry time', 'discord', head({ nextAttemptAt: T + 10 }), T + 10, firing, 'send', null],
    ['a desktop alert just 15 minutes old', 'desktop', head(), T + DESKTOP_MAX_AGE_MS, firing, 'send', null],
    [
      'a desktop alert older than 15 minutes',
      'desktop',
      head(),
      T + DESKTOP_MAX_AGE_MS + 1,
      firing,
      'expire',
      'too old to show as a desktop notification',
    ],
    [
      'a desktop summary older than 15 minutes',
      'desktop',
      head({}, summary),
      T + DESKTOP_MAX_AGE_MS + 1,
      firing,
      'expire',
      'too old to show as a desktop notification',
    ],
    ['a Discord alert just a day old', 'discord', head(), T + ALERTS_MAX_AGE_MS, firing, 'send', null],
    [
      'a Discord alert more than a day old',
      'discord',
      head(),
      T + ALERTS_MAX_AGE_MS + 1,
      firing,
      'expire',
      'more than a day old when the channel could take it',
    ],
    [
      'a Discord summary more than a day old',
      'discord',
      head({}, summary),
      T + 2 * ALERTS_MAX_AGE_MS,
      resolved,
      'send',
      null,
    ],
    ['a reminder while the alert fires', 'discord', head({}, reminder), T, firing, 'send', null],
    [
      'a reminder after the alert resolved',
      'discord',
      head({}, reminder),
      T,
      resolved,
      'expire',
      'the alert resolved before this reminder could be sent',
    ],
    ['a down notice after its alert resolved', 'discord', head(), T, resolved, 'send', null],
    [
      'an unreadable payload',
      'discord',
      head({ content: { unreadable: 'the stored notification is not valid JSON' } }),
      T,
      firing,
      'fail',
      'the stored notification is not valid JSON',
    ],
  ])('%s on %s: %s', (_name, channel, h, now, isFiring, action, reason) => {
    const decision = beforeSending({ head: h, channel, now, isFiring });
    expect(decision.action).toBe(action);
    if (decision.action === 'expire' || decision.action === 'fail') {
      expect(decision.log).toEqual({
        outcome: decision.action === 'expire' ? 'expired' : 'gave-up',
        status: null,
        error: reason,
        detail: null,
      });
    }
    if (decision.action === 'wait') expect(decision.until).toBe(h.nextAttemptAt);
    if (decision.action === 'send')
      expect(decision.notification).toBe('notification' in h.content ? h.content.notification : null);
  });

  it('drops a grouped message only when every notice is a reminder of a resolved alert', () => {
    const mixed = alerts([
      notice({ kind: 'reminder', monitorId: 'api' }),
      notice({ kind: 'reminder', monitorId: 'balance' }),
    ]);
    const onlyBalance = (id: string) => id === 'balance';
    expect(
      beforeSending({ head: head({}, mixed), channel: 'discord', now: T, isFiring: onlyBalance }).action,
    ).toBe('send');
    expect(
      beforeSending({ head: head({}, mixed), channel: 'discord', now: T, isFiring: resolved }).action,
    ).toBe('expire');
  });
});

describe('afterSending', () => {
  const schedule = [1000, 5000];
  const retry = (status: number | null, retryAfterMs: number | null = null): DeliveryResult => ({
    outcome: 'retry',
    status,
    error: `answered ${status}`,
    retryAfterMs,
  });

  it.each<[string, Partial<HeadMessage>, DeliveryResult, number, unknown]>([
    [
      'a 2xx is delivered',
      {},
      { outcome: 'delivered', status: 204 },
      0.5,
      { action: 'deliver', log: { outcome: 'delivered', status: 204, error: null, detail: null } },
    ],
    [
      'a 400 is rejected, keeping the body',
      {},
      { outcome: 'rejected', status: 400, error: 'bad', detail: '{"code":50035}' },
      0.5,
      { action: 'reject', log: { outcome: 'rejected', status: 400, error: 'bad', detail: '{"code":50035}' } },
    ],
    [
      'a 404 breaks the channel',
      {},
      { outcome: 'broken', status: 404, error: 'gone', detail: 'Unknown Webhook' },
      0.5,
      {
        action: 'break',
        log: { outcome: 'broken', status: 404, error: 'gone', detail: 'Unknown Webhook' },
        broken: { status: 404, error: 'gone', detail: 'Unknown Webhook' },
      },
    ],
    [
      'a first 503 backs off the first delay',
      {},
      retry(503),
      0.5,
      {
        action: 'retry',
        at: T + 1000,
        counters: { backoffs: 1, waits: 0 },
        log: { outcome: 'retry', status: 503, error: 'answered 503', detail: null },
      },
    ],
    [
      'the jitter moves a backoff by up to a fifth',
      { backoffs: 1 },
      retry(503),
      0,
      { action: 'retry', at: T + 4000, counters: { backoffs: 2, waits: 0 } },
    ],
    [
      'a 429 waits what the server asked, costing no backoff try',
      { backoffs: 2 },
      retry(429, 2500),
      0.5,
      { action: 'retry', at: T + 2500, counters: { backoffs: 2, waits: 1 } },
    ],
    [
      'a 503 after the last backoff gives up',
      { backoffs: 2, attempts: 3 },
      retry(503),
      0.5,
      { action: 'give-up', log: { outcome: 'gave-up', status: 503, error: 'answered 503', detail: null } },
    ],
  ])('%s', (_name, h, result, random, expected) => {
    expect(afterSending(head(h), result, T, schedule, random)).toMatchObject(expected as object);
  });
});

describe('interruptedAttempt', () => {
  it('logs an attempt that started and never finished as a possible duplicate', () => {
    expect(interruptedAttempt(head())).toBeNull();
    expect(interruptedAttempt(head({ attemptStartedAt: T - 5 }))).toEqual({
      outcome: 'interrupted',
      status: null,
      error: INTERRUPTED_ERROR,
      detail: null,
    });
    expect(INTERRUPTED_ERROR).toBe('possibly a duplicate: the app stopped while this message was being sent');
  });
});
