import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Config, type ConfigInput, ConfigSchema } from '../../../src-main/api/config-schema.ts';
import type { Notification } from '../../../src-main/api/notification-types.ts';
import { Alerting, type CheckResult, connectivityNotice } from '../../../src-main/engine/alerts/alerting.ts';
import type { ConnectivityChange } from '../../../src-main/engine/connectivity/connectivity.ts';
import { EffectWriter } from '../../../src-main/engine/effects/effect-writer.ts';
import { Listeners } from '../../../src-main/engine/events/listeners.ts';
import { type History, openHistory } from '../../../src-main/engine/history/history.ts';
import { rulesFor } from '../../../src-main/engine/rules/default-rules.ts';
import { evaluateRules } from '../../../src-main/engine/rules/evaluate-rules.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

const tempDir = temporaryDirs();
const histories: History[] = [];
afterEach(() => {
  for (const h of histories.splice(0)) h.close();
});

const MIN = 60_000;

function setup(input: ConfigInput, file = join(tempDir(), 'history.sqlite'), clock = new ManualClock()) {
  const config: Config = ConfigSchema.parse(input);
  const history = openHistory(file);
  histories.push(history);
  const sent: Array<{ notification: Notification; channels: string }> = [];
  const alerting = new Alerting({
    clock,
    config: () => config,
    recordedEvents: (id, from, to, limit) => history.alertEvents(id, from, to, limit),
  });
  // The writer routes to the configured channels; `sent` keeps one entry per message with the channels it reached.
  const enqueue = (channel: string, notification: Notification) => {
    const same = sent.find((s) => s.notification === notification);
    if (same) same.channels = channel === 'desktop' ? 'desktop' : 'all';
    else sent.push({ notification, channels: channel === 'desktop' ? 'desktop' : 'all' });
    return 0;
  };
  const writer = new EffectWriter({
    history,
    outbox: { enqueue },
    clock,
    events: new Listeners('event', () => {}),
    log: () => {},
    groupWindowMs: () => config.notifications.groupWindowSeconds * 1000,
    channels: () => ['desktop', 'discord'],
  });
  const handleConnectivity = (change: ConnectivityChange) =>
    writer.tellNow(connectivityNotice(change, clock.now()));
  const monitor = config.monitors[0];
  if (!monitor) throw new Error('needs a monitor');
  const rules = rulesFor(monitor);
  /** A balance check reading `balance` now. */
  const check = (balance: number) => {
    const sample = {
      monitorId: monitor.id,
      time: clock.now(),
      status: 'up' as const,
      latencyMs: 12,
      values: { balance },
    };
    const result: CheckResult = { monitor, rules, sample, evaluation: evaluateRules(rules, sample) };
    writer.recordAlert(alerting.handleCheck(result));
    writer.flushNotices();
  };
  const kinds = () =>
    sent.flatMap((s) => (s.notification.type === 'alerts' ? s.notification.notices.map((n) => n.kind) : []));
  return { alerting, history, sent, check, kinds, clock, file, handleConnectivity };
}

const balanceMonitor = {
  id: 'solver',
  name: 'Solver',
  type: 'balance',
  provider: 'captchaai',
  apiKey: 'k-12345678',
  warnBelow: 10,
  criticalBelow: 2,
} as const;

describe('alerting', () => {
  it('builds a balance notice with the threshold, the current value and the currency', () => {
    const { check, sent } = setup({ monitors: [balanceMonitor], alerts: { failThreshold: 1 } });
    check(8.42);
    const notice = sent[0]?.notification.type === 'alerts' ? sent[0].notification.notices[0] : undefined;
    expect(notice).toMatchObject({
      kind: 'balance-low',
      severity: 'warning',
      monitorName: 'Solver',
      ruleId: 'balance-low',
      threshold: 10,
      currency: '$',
      values: { balance: 8.42 },
      summary: '[BALANCE] (8.42) < 10',
    });
  });

  it('gives a recovery the outage length from the first breaching check, not from when the alert fired', async () => {
    const { check, sent, clock, history } = setup({
      monitors: [balanceMonitor],
      alerts: { failThreshold: 3, recoverThreshold: 1 },
    });
    check(8);
    await clock.advance(2 * MIN);
    check(8);
    await clock.advance(2 * MIN);
    check(8);
    await clock.advance(3 * MIN);
    check(20);
    const recovered = sent
      .flatMap((s) => (s.notification.type === 'alerts' ? s.notification.notices : []))
      .find((n) => n.kind === 'recovered');
    expect(recovered?.words).toBe(
      'Back to normal after 7 min (was: Balance $8.00 — below the $10.00 warning)',
    );
    expect(recovered?.detail).toBe('[BALANCE] (8) < 10');
    expect(recovered?.summary).toMatch(/^back to normal after 7 min \(was: \[BALANCE\] \(8\) < 10\)$/);
    const messages = history.alertEvents('solver', 0, clock.now()).map((e) => e.message);
    expect(messages[0]).toBe('Back to normal after 7 min (was: Balance $8.00 — below the $10.00 warning)');
    expect(messages.join('\n')).not.toContain('[');
  });

  it('after a restart neither repeats a firing alert nor forgets to announce its recovery', () => {
    const first = setup({ monitors: [balanceMonitor], alerts: { failThreshold: 1, recoverThreshold: 1 } });
    first.check(1);
    expect(first.kinds()).toEqual(['balance-low']);
    first.history.close();
    histories.splice(histories.indexOf(first.history), 1);

    const second = setup(
      { monitors: [balanceMonitor], alerts: { failThreshold: 1, recoverThreshold: 1 } },
      first.file,
      first.clock,
    );
    second.alerting.restore(ConfigSchema.parse({ monitors: [balanceMonitor] }).monitors);
    expect(second.alerting.firing()).toMatchObject([
      { monitorId: 'solver', severity: 'critical', notified: true },
    ]);
    second.clock.jump(MIN);
    second.check(1.2);
    expect(second.kinds()).toEqual([]);
    second.check(40);
    expect(second.kinds()).toEqual(['recovered']);
  });

  it('forgets a half-counted breach streak after a clock jump (sleep)', () => {
    const { check, alerting, kinds, clock } = setup({
      monitors: [balanceMonitor],
      alerts: { failThreshold: 2 },
    });
    check(1);
    alerting.handleClockJump();
    clock.jump(2 * 3_600_000);
    check(1);
    expect(kinds()).toEqual([]);
    check(1);
    expect(kinds()).toEqual(['balance-low']);
  });

  it('mutes one monitor until its snooze expires, then tells it once', () => {
    const { check, alerting, kinds, clock, history } = setup({
      monitors: [balanceMonitor],
      alerts: { failThreshold: 1, cooldownSeconds: 3600 },
    });
    alerting.snooze('solver', clock.now() + 15 * MIN);
    check(1);
    expect(kinds()).toEqual([]);
    clock.jump(16 * MIN);
    check(1);
    expect(kinds()).toEqual(['balance-low']);
    expect(alerting.snoozeState().monitors).toEqual({});
    history.flush();
    const events = history.alertEvents('solver', 0, clock.now());
    expect(events.map((e) => e.kind)).toEqual(['fired', 'fired.quiet']);
    expect(events[1]?.message).toMatch(/\(snoozed\)$/);
  });

  it('announces offline and online on the desktop only', () => {
    const { handleConnectivity, sent, clock } = setup({ monitors: [balanceMonitor] });
    handleConnectivity({
      offline: true,
      since: clock.now(),
      reason: 'every monitored host is unreachable',
    });
    handleConnectivity({ offline: false, since: clock.now(), reason: 'network reachable again' });
    expect(sent.map((s) => s.channels)).toEqual(['desktop', 'desktop']);
    expect(
      sent.map((s) => (s.notification.type === 'alerts' ? s.notification.notices[0]?.kind : null)),
    ).toEqual(['offline', 'online']);
  });
});
