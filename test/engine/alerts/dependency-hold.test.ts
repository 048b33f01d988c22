import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Config, ConfigSchema } from '../../../src-main/api/config-schema.ts';
import type { AlertNotice, Notification } from '../../../src-main/api/notification-types.ts';
import { initialAlertState } from '../../../src-main/engine/alerts/alert-state.ts';
import { Alerting } from '../../../src-main/engine/alerts/alerting.ts';
import {
  type DependencyView,
  failingDependents,
  holdingParent,
} from '../../../src-main/engine/alerts/dependency-hold.ts';
import { EffectWriter } from '../../../src-main/engine/effects/effect-writer.ts';
import { Listeners } from '../../../src-main/engine/events/listeners.ts';
import { type History, openHistory } from '../../../src-main/engine/history/history.ts';
import { rulesFor } from '../../../src-main/engine/rules/default-rules.ts';
import { evaluateRules } from '../../../src-main/engine/rules/evaluate-rules.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

const view = (name: string, over: Partial<DependencyView> = {}): DependencyView => ({
  name,
  observed: 'ok',
  alert: initialAlertState,
  ...over,
});

describe('holdingParent (pure)', () => {
  const views: Record<string, DependencyView> = {
    ok: view('OK parent'),
    warn: view('Warning parent', { observed: 'warning' }),
    down: view('Down parent', { observed: 'critical' }),
    firing: view('Firing parent', {
      observed: 'unknown',
      alert: { ...initialAlertState, phase: 'firing', severity: 'critical' },
    }),
  };
  const of = (id: string) => views[id];

  it.each([
    [[], null],
    [['ok', 'warn'], null],
    [['missing'], null],
    [['ok', 'down'], 'Down parent'],
    [['firing', 'down'], 'Firing parent'],
  ] as const)('a monitor depending on %j is held by %s', (dependsOn, holder) => {
    expect(holdingParent(dependsOn, of)?.name ?? null).toBe(holder);
  });

  it('counts the failing dependents of a parent by name', () => {
    const monitors = [
      { id: 'a', dependsOn: ['api'] },
      { id: 'b', dependsOn: ['db', 'api'] },
      { id: 'c', dependsOn: ['api'] },
      { id: 'd' },
    ];
    const states: Record<string, DependencyView> = {
      a: view('A', { observed: 'critical' }),
      b: view('B', { observed: 'warning' }),
      c: view('C', { observed: 'ok' }),
      d: view('D', { observed: 'critical' }),
    };
    expect(failingDependents('api', monitors, (id) => states[id])).toEqual(['A', 'B']);
  });
});

describe('dependsOn in the config', () => {
  const monitor = (id: string, dependsOn?: string[]) => ({
    id,
    type: 'heartbeat',
    periodSeconds: 60,
    ...(dependsOn ? { dependsOn } : {}),
  });
  const issues = (monitors: unknown[]) => {
    const r = ConfigSchema.safeParse({ monitors });
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };

  it('accepts dependencies on known monitors', () => {
    expect(issues([monitor('api'), monitor('orders', ['api']), monitor('ui', ['orders', 'api'])])).toEqual(
      [],
    );
  });

  it('refuses an unknown id, naming it', () => {
    expect(issues([monitor('api'), monitor('orders', ['apj'])])).toEqual([
      { path: 'monitors.1.dependsOn.0', message: 'unknown monitor "apj"' },
    ]);
  });

  it('refuses a cycle, naming the monitors in it', () => {
    expect(issues([monitor('a', ['c']), monitor('b', ['a']), monitor('c', ['b'])])).toEqual([
      { path: 'monitors.1.dependsOn.0', message: 'dependency cycle: a → c → b → a' },
    ]);
    expect(issues([monitor('self', ['self'])])).toEqual([
      { path: 'monitors.0.dependsOn.0', message: 'dependency cycle: self → self' },
    ]);
  });
});

const tempDir = temporaryDirs();
const histories: History[] = [];
afterEach(() => {
  for (const h of histories.splice(0)) h.close();
});

/** Alerting and the effect writer over a real history file; checks are heartbeat samples up or down. */
function setup() {
  const clock = new ManualClock();
  const dependent = (id: string, name: string) => ({
    id,
    name,
    type: 'heartbeat',
    periodSeconds: 60,
    dependsOn: ['api'],
  });
  const config: Config = ConfigSchema.parse({
    alerts: { failThreshold: 2, recoverThreshold: 1, cooldownSeconds: 0 },
    notifications: { groupWindowSeconds: 2 },
    monitors: [
      { id: 'api', name: 'API', type: 'heartbeat', periodSeconds: 60 },
      dependent('orders', 'Orders'),
      dependent('callbacks', 'Callbacks'),
      dependent('queue', 'Queue'),
    ],
  });
  const history = openHistory(join(tempDir(), 'history.sqlite'));
  histories.push(history);
  const alerting = new Alerting({
    clock,
    config: () => config,
    recordedEvents: (id, from, to, limit) => history.alertEvents(id, from, to, limit),
  });
  const sent: Notification[] = [];
  const writer = new EffectWriter({
    history,
    outbox: {
      enqueue: (_channel, n) => {
        if (!sent.includes(n)) sent.push(n);
        return 0;
      },
    },
    clock,
    events: new Listeners('event', () => {}),
    log: () => {},
    groupWindowMs: () => 2000,
    channels: () => ['desktop'],
  });
  const check = (id: string, up: boolean) => {
    const monitor = config.monitors.find((m) => m.id === id);
    if (!monitor) throw new Error(id);
    const rules = rulesFor(monitor);
    const sample = {
      monitorId: id,
      time: clock.now(),
      status: up ? ('up' as const) : ('down' as const),
      latencyMs: null,
      values: {},
      ...(up ? {} : { error: `${id} is stale`, errorKind: 'stale' as const }),
    };
    writer.recordAlert(
      alerting.handleCheck({ monitor, rules, sample, evaluation: evaluateRules(rules, sample) }),
    );
  };
  const cycle = async (up: Record<string, boolean>, order = Object.keys(up)) => {
    for (const id of order) check(id, up[id] as boolean);
    await clock.advance(10_000);
  };
  const notices = (): AlertNotice[] => sent.flatMap((n) => (n.type === 'alerts' ? n.notices : []));
  return { alerting, history, sent, notices, cycle, clock };
}

describe('monitor dependencies in the alert path', () => {
  const allDown = { api: false, orders: false, callbacks: false, queue: false };

  it.each([
    ['parent first', ['api', 'orders', 'callbacks', 'queue']],
    ['dependents first', ['orders', 'callbacks', 'queue', 'api']],
  ])('parent and three dependents down (%s) → one message naming the held ones', async (_title, order) => {
    const t = setup();
    await t.cycle(allDown, order);
    await t.cycle(allDown, order);
    await t.cycle(allDown, order);
    expect(t.sent).toHaveLength(1);
    expect(t.notices()).toHaveLength(1);
    const notice = t.notices()[0] as AlertNotice;
    expect(notice).toMatchObject({ monitorId: 'api', kind: 'down', held: ['Orders', 'Callbacks', 'Queue'] });
    expect(notice.summary).toBe('api is stale — 3 dependent monitors held: Orders, Callbacks, Queue');
    const events = t.history.alertEvents('orders', 0, t.clock.now(), 10);
    expect(events[0]).toMatchObject({ kind: 'fired.quiet', message: 'held: API is down' });
    expect(t.alerting.heldBy('orders')).toBe('API');
    expect(t.alerting.firing().find((f) => f.monitorId === 'queue')).toMatchObject({
      heldBy: 'API',
      notified: false,
    });
  });

  it('lets dependents that still fail fire normally once the parent recovers', async () => {
    const t = setup();
    await t.cycle(allDown);
    await t.cycle(allDown);
    expect(t.notices().map((n) => n.monitorId)).toEqual(['api']);
    await t.cycle({ api: false, orders: false, callbacks: true, queue: false });
    expect(t.alerting.heldBy('orders')).toBe('API');
    // A dependent that works again is not "held": it has nothing to hold.
    expect(t.alerting.heldBy('callbacks')).toBeNull();
    await t.cycle({ api: true, orders: false, callbacks: true, queue: true });
    await t.cycle({ api: true, orders: false, callbacks: true, queue: true });
    const later = t.notices().slice(1);
    expect(later.map((n) => `${n.monitorId} ${n.kind}`)).toEqual(['api recovered', 'orders down']);
    expect(t.alerting.heldBy('callbacks')).toBeNull();
    expect(t.alerting.heldBy('orders')).toBeNull();
  });
});
