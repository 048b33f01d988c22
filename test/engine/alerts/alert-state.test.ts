import { describe, expect, it } from 'vitest';
import type { MonitorState } from '../../../src-main/api/monitor-state.ts';
import {
  type AlertSettings,
  type AlertState,
  initialAlertState,
  stepAlert,
} from '../../../src-main/engine/alerts/alert-state.ts';

const MIN = 60_000;

/** Feeds observations one minute apart (or at given times) and lists what a user is told / what is recorded. */
function run(
  observations: Array<MonitorState | [MonitorState, number] | [MonitorState, number, 'muted']>,
  settings: Partial<AlertSettings> = {},
) {
  const s: AlertSettings = { failThreshold: 2, recoverThreshold: 2, cooldownMs: 5 * MIN, ...settings };
  let state: AlertState = initialAlertState;
  const told: string[] = [];
  const recorded: string[] = [];
  observations.forEach((o, i) => {
    const [observed, at, muted] = Array.isArray(o) ? o : [o, i * MIN];
    const step = stepAlert(state, observed, at, s, muted === 'muted');
    state = step.state;
    if (step.transition) {
      const label = `${step.transition.kind}:${step.transition.severity}`;
      recorded.push(label);
      if (step.transition.notify) told.push(label);
    }
  });
  return { told, recorded, state };
}

describe('alert state', () => {
  it.each([
    ['one breach is only pending', ['critical'], [], {}],
    ['fires after failThreshold breaches', ['critical', 'critical'], ['fired:critical'], {}],
    ['a good check resets a pending breach', ['critical', 'ok', 'critical'], [], {}],
    ['fires at once with failThreshold 1', ['warning'], ['fired:warning'], { failThreshold: 1 }],
    [
      'recovers only after recoverThreshold good checks',
      ['critical', 'critical', 'ok', 'critical', 'ok', 'ok'],
      ['fired:critical', 'resolved:ok'],
      {},
    ],
    [
      'escalates warning → critical at once, and recovers once',
      ['ok', 'warning', 'critical', 'critical', 'ok', 'ok'],
      ['fired:warning', 'escalated:critical', 'resolved:ok'],
      { failThreshold: 1 },
    ],
    [
      'unknown holds the state: no alert, no recovery',
      ['critical', 'unknown', 'unknown', 'critical'],
      ['fired:critical'],
      {},
    ],
    [
      'unknown while firing neither recovers nor reminds',
      ['critical', 'critical', 'unknown', 'unknown', 'unknown'],
      ['fired:critical'],
      { cooldownMs: MIN },
    ],
    [
      'cooldown 0 means no reminders',
      ['critical', 'critical', 'critical', 'critical'],
      ['fired:critical'],
      { cooldownMs: 0 },
    ],
  ] as const)('%s', (_name, observations, expected, settings) => {
    expect(run([...observations], settings).told).toEqual(expected);
  });

  it('reminds while firing at most once per cooldown', () => {
    const obs = Array.from({ length: 12 }, () => 'warning' as const);
    // failThreshold 2: fires at minute 1; cooldown 5 min → reminders at 6 and 11.
    const { told } = run(obs);
    expect(told).toEqual(['fired:warning', 'reminder:warning', 'reminder:warning']);
  });

  it('records a de-escalation and tells it only as an update after the cooldown', () => {
    const { told, recorded } = run(
      [
        ['critical', 0],
        ['warning', MIN],
        ['warning', 2 * MIN],
        ['warning', 5 * MIN],
        ['warning', 6 * MIN],
      ],
      { failThreshold: 1 },
    );
    expect(recorded[0]).toBe('fired:critical');
    expect(recorded[1]).toBe('deescalated:warning');
    expect(told).toEqual(['fired:critical', 'deescalated:warning']);
  });

  it('cannot be made to notify more often than the cooldown by flapping', () => {
    const flapping = Array.from(
      { length: 40 },
      (_, i) => [i % 2 ? 'ok' : 'critical', i * 10_000] as [MonitorState, number],
    );
    const { told, recorded } = run(flapping, { failThreshold: 1, recoverThreshold: 1, cooldownMs: 5 * MIN });
    // 40 checks over 6.5 minutes: fire + recovery, then silence until the cooldown has passed.
    expect(told.length).toBeLessThanOrEqual(4);
    expect(told.slice(0, 2)).toEqual(['fired:critical', 'resolved:ok']);
    expect(recorded.length).toBeGreaterThan(told.length);
  });

  it('flapping between warning and critical escalates once, then stays quiet within the cooldown', () => {
    const obs = ['critical', 'warning', 'critical', 'warning', 'critical'].map(
      (s, i) => [s, i * MIN] as [MonitorState, number],
    );
    const { told } = run(obs, { failThreshold: 1, cooldownMs: 10 * MIN });
    expect(told).toEqual(['fired:critical']);
  });

  it('while muted records transitions but tells nothing; afterwards tells what is still firing once', () => {
    const { told, recorded } = run(
      [
        ['critical', 0, 'muted'],
        ['critical', MIN, 'muted'],
        ['critical', 2 * MIN],
        ['critical', 3 * MIN],
      ],
      { failThreshold: 1 },
    );
    expect(recorded[0]).toBe('fired:critical');
    expect(told).toEqual(['fired:critical']);
  });

  it('tells a recovery that happened while muted once the mute ends', () => {
    const { told } = run(
      [
        ['critical', 0],
        ['ok', MIN, 'muted'],
        ['ok', 2 * MIN, 'muted'],
        ['ok', 3 * MIN],
        ['ok', 4 * MIN],
      ],
      { failThreshold: 1 },
    );
    expect(told).toEqual(['fired:critical', 'resolved:ok']);
  });

  it('does not announce a recovery nobody was told about', () => {
    const { told, recorded } = run(
      [
        ['critical', 0, 'muted'],
        ['ok', MIN, 'muted'],
        ['ok', 2 * MIN, 'muted'],
        ['ok', 3 * MIN],
      ],
      { failThreshold: 1 },
    );
    expect(recorded).toEqual(['fired:critical', 'resolved:ok']);
    expect(told).toEqual([]);
  });

  it('records a snoozed reminder at most once per cooldown, and reminds once the snooze ends', () => {
    const checks: Array<[MonitorState, number] | [MonitorState, number, 'muted']> = [['critical', 0]];
    // A snoozed minute of checks every second, six minutes after the alert was told.
    for (let t = 6 * MIN; t < 7 * MIN; t += 1000) checks.push(['critical', t, 'muted']);
    checks.push(['critical', 12 * MIN, 'muted'], ['critical', 13 * MIN]);
    const { told, recorded } = run(checks, { failThreshold: 1 });
    expect(recorded).toEqual([
      'fired:critical',
      'reminder:critical',
      'reminder:critical',
      'reminder:critical',
    ]);
    expect(told).toEqual(['fired:critical', 'reminder:critical']);
  });
});
