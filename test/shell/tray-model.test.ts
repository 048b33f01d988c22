import { describe, expect, it } from 'vitest';
import type { MonitorStatus, StateSnapshot } from '../../src-main/api/contract.ts';
import type { MonitorState } from '../../src-main/api/monitor-state.ts';
import {
  MAX_LABEL_LENGTH,
  MAX_MONITOR_LINES,
  MAX_TOOLTIP_LENGTH,
  type TrayAction,
  type TrayContext,
  type TrayMenuItem,
  trayModel,
} from '../../src-main/shell/tray-model.ts';
import { monitorStatus, stateSnapshot } from '../support/state-snapshot.ts';

const NOW = Date.UTC(2025, 5, 3, 14, 0, 0);
const context: TrayContext = { startAtLogin: false, locale: 'en-GB', timeZone: 'UTC' };

const monitor = (over: Partial<MonitorStatus> & { id: string }) => monitorStatus(over, NOW);
const snapshot = (monitors: MonitorStatus[], over: Partial<StateSnapshot> = {}) =>
  stateSnapshot(monitors, NOW, over);

function flatten(items: TrayMenuItem[]): TrayMenuItem[] {
  return items.flatMap((i) => (i.type === 'submenu' ? [i, ...flatten(i.items)] : [i]));
}

function actions(items: TrayMenuItem[]): TrayAction[] {
  return flatten(items).flatMap((i) => ('action' in i && i.action ? [i.action] : []));
}

function labels(items: TrayMenuItem[]): string[] {
  return flatten(items).flatMap((i) => ('label' in i ? [i.label] : []));
}

function monitorLines(items: TrayMenuItem[]) {
  return items.filter(
    (i): i is Extract<TrayMenuItem, { type: 'item' }> =>
      i.type === 'item' && i.action?.kind === 'open-monitor',
  );
}

function submenu(items: TrayMenuItem[]) {
  const found = items.find((i) => i.type === 'submenu');
  if (found?.type !== 'submenu') throw new Error('no submenu');
  return found;
}

const many = (n: number, state: MonitorState = 'ok') =>
  Array.from({ length: n }, (_, i) => monitor({ id: `m${String(i).padStart(3, '0')}`, state }));

describe('trayModel icon', () => {
  it.each<[string, MonitorState[], Partial<StateSnapshot>, string]>([
    ['green when every monitor is OK', ['ok', 'ok'], {}, 'ok'],
    ['amber for a warning', ['ok', 'warning'], {}, 'warning'],
    ['red for a critical, whatever else', ['ok', 'warning', 'critical', 'unknown'], {}, 'critical'],
    ['grey when nothing is known yet', ['unknown'], {}, 'unknown'],
    ['grey with no monitors', [], {}, 'unknown'],
    ['grey while offline', ['unknown'], { offline: { since: NOW, reason: 'no network' } }, 'unknown'],
    [
      'paused while snoozed and OK',
      ['ok'],
      { alerts: { firing: 0, brokenChannels: [], snoozedUntil: NOW + 60_000 } },
      'snoozed',
    ],
    [
      'paused while snoozed with a warning',
      ['warning'],
      { alerts: { firing: 1, brokenChannels: [], snoozedUntil: null } },
      'snoozed',
    ],
    [
      'still red for a critical while snoozed',
      ['critical'],
      { alerts: { firing: 1, brokenChannels: [], snoozedUntil: null } },
      'critical',
    ],
    [
      'not paused once the snooze has ended',
      ['ok'],
      { alerts: { firing: 0, brokenChannels: [], snoozedUntil: NOW - 1 } },
      'ok',
    ],
  ])('is %s', (_, states, over, icon) => {
    const monitors = states.map((state, i) => monitor({ id: `m${i}`, state }));
    expect(trayModel(snapshot(monitors, over), context).icon).toBe(icon);
  });

  it('ignores paused monitors: a disabled critical does not turn the icon red', () => {
    const monitors = [monitor({ id: 'a' }), monitor({ id: 'b', state: 'critical', enabled: false })];
    expect(trayModel(snapshot(monitors), context).icon).toBe('ok');
  });
});

describe('trayModel tooltip', () => {
  it('summarises counts and the balance', () => {
    const monitors = [
      ...many(3),
      monitor({ id: 'slow', state: 'warning', latencyMs: 742 }),
      monitor({ id: 'bal', type: 'balance', values: { balance: 8.42 } }),
    ];
    expect(trayModel(snapshot(monitors), context).tooltip).toBe(
      'Solvewatch — 4 up · 1 warning · balance $8.42',
    );
  });

  it.each<[string, Partial<StateSnapshot>, string]>([
    ['offline', { offline: { since: NOW, reason: 'DNS failing' } }, 'Solvewatch — offline · 1 up'],
    [
      'a snooze with its end',
      { alerts: { firing: 0, brokenChannels: [], snoozedUntil: NOW + 65 * 60_000 } },
      'Solvewatch — 1 up · alerts snoozed until 15:05',
    ],
    [
      'a snooze until resumed',
      { alerts: { firing: 0, brokenChannels: [], snoozedUntil: null } },
      'Solvewatch — 1 up · alerts snoozed until resumed',
    ],
    [
      'broken notification channels',
      { alerts: { firing: 0, brokenChannels: ['discord'] } },
      'Solvewatch — 1 up · discord alerts failing',
    ],
  ])('mentions %s', (_, over, expected) => {
    expect(trayModel(snapshot([monitor({ id: 'a' })], over), context).tooltip).toBe(expected);
  });

  it('tells a new user where to start when there are no monitors', () => {
    const model = trayModel(snapshot([]), context);
    expect(model.tooltip).toBe('Solvewatch — No monitors yet — open Settings');
    expect(labels(model.menu)).toContain('No monitors yet — open Settings');
  });

  it('says so when every monitor is paused', () => {
    expect(trayModel(snapshot([monitor({ id: 'a', enabled: false })]), context).tooltip).toBe(
      'Solvewatch — all monitors paused',
    );
  });

  it('shows the lowest balance when there are several balance monitors', () => {
    const monitors = [
      monitor({ id: 'a', type: 'balance', values: { balance: 120 } }),
      monitor({ id: 'b', type: 'balance', values: { balance: 3.5, currency: 'EUR' } }),
    ];
    expect(trayModel(snapshot(monitors), context).tooltip).toContain('balance €3.50');
  });

  it('stays within the Windows limit, dropping the balance before the counts and the snooze', () => {
    const monitors = [
      monitor({ id: 'bal', type: 'balance', values: { balance: 123_456_789.12, currency: 'USD' } }),
    ];
    const tooltip = trayModel(
      snapshot(monitors, {
        counts: { ok: 1234, warning: 5678, critical: 91_011, unknown: 121_314 },
        offline: { since: NOW, reason: 'no network' },
        alerts: {
          firing: 3,
          snoozedUntil: NOW + 26 * 3_600_000,
          brokenChannels: ['discord', 'webhook', 'desktop'],
        },
      }),
      context,
    ).tooltip;
    expect(tooltip.length).toBeLessThanOrEqual(MAX_TOOLTIP_LENGTH);
    expect(tooltip).toBe(
      'Solvewatch — offline · 1,234 up · 5,678 warnings · 91,011 critical · 121,314 unknown · ' +
        'alerts snoozed until Wed 16:00',
    );
  });
});

describe('trayModel menu', () => {
  const contexts: [string, TrayContext][] = [
    ['start at login available', { ...context, startAtLogin: true }],
    ['start at login unavailable', { ...context, startAtLogin: null }],
  ];

  it.each([0, 1, 7, MAX_MONITOR_LINES, MAX_MONITOR_LINES + 1, 60])(
    'with %i monitors holds every action once, a line per shown monitor and an overflow line',
    (n) => {
      const model = trayModel(snapshot(many(n)), { ...context, startAtLogin: true });
      const kinds = actions(model.menu).map((a) => a.kind);
      const count = (kind: TrayAction['kind']) => kinds.filter((k) => k === kind).length;
      const shown = Math.min(n, MAX_MONITOR_LINES);
      expect(count('open-monitor')).toBe(shown);
      // The "… and N more" line opens the dashboard too.
      expect(count('open-dashboard')).toBe(n > MAX_MONITOR_LINES ? 2 : 1);
      for (const kind of ['check-all', 'resume', 'open-settings', 'toggle-start-at-login', 'quit'] as const) {
        expect(count(kind)).toBe(1);
      }
      const snoozes = actions(model.menu).flatMap((a) => (a.kind === 'snooze' ? [a.minutes] : []));
      expect(snoozes).toEqual([15, 60, 240, null]);
      if (n > MAX_MONITOR_LINES) expect(labels(model.menu)).toContain(`… and ${n - MAX_MONITOR_LINES} more`);
      else expect(labels(model.menu).some((l) => l.includes('more'))).toBe(false);
    },
  );

  it.each(contexts)('with %s shows the checkbox only where the platform can start at login', (_, ctx) => {
    const checkbox = trayModel(snapshot([]), ctx).menu.find((i) => i.type === 'checkbox');
    if (ctx.startAtLogin === null) expect(checkbox).toBeUndefined();
    else expect(checkbox).toMatchObject({ checked: ctx.startAtLogin, label: 'Start at login' });
  });

  it('lists problems first so the cap never hides them', () => {
    const monitors = [
      ...many(MAX_MONITOR_LINES),
      monitor({ id: 'zz-paused', enabled: false }),
      monitor({ id: 'zz-unknown', state: 'unknown' }),
      monitor({ id: 'zz-warning', state: 'warning' }),
      monitor({ id: 'zz-critical', state: 'critical' }),
    ];
    const ids = monitorLines(trayModel(snapshot(monitors), context).menu).map((i) =>
      i.action?.kind === 'open-monitor' ? i.action.monitorId : '',
    );
    expect(ids.slice(0, 3)).toEqual(['zz-critical', 'zz-warning', 'zz-unknown']);
    expect(ids).not.toContain('zz-paused');
  });

  it.each<[string, Partial<MonitorStatus>, string]>([
    ['an HTTP latency in tens of ms', { type: 'http', latencyMs: 142 }, 'api — OK · 140 ms'],
    ['a latency under 10 ms', { type: 'http', latencyMs: 3.2 }, 'api — OK · < 10 ms'],
    [
      'a slow HTTP latency with grouping',
      { type: 'http', state: 'warning', latencyMs: 1234.6 },
      'api — Warning · 1,230 ms',
    ],
    ['a balance in dollars by default', { type: 'balance', values: { balance: 8.42 } }, 'api — OK · $8.42'],
    [
      'a balance in an ISO currency',
      { type: 'balance', values: { balance: 1234.5, currency: 'EUR' } },
      'api — OK · €1,234.50',
    ],
    [
      'a balance with a symbol',
      { type: 'balance', values: { balance: 3, currency: '₽' } },
      'api — OK · ₽3.00',
    ],
    [
      'a balance with a word',
      { type: 'balance', values: { balance: 3, currency: 'pts' } },
      'api — OK · 3.00 pts',
    ],
    [
      'a callback error rate',
      { type: 'callback-health', state: 'critical', values: { error_rate: 0.0214 } },
      'api — Critical · 2.1% errors',
    ],
    [
      'a recent heartbeat as under a minute',
      { type: 'heartbeat', values: { seconds_since_beat: 7 }, lastCheck: NOW - 5_000 },
      'api — OK · beat < 1 min ago',
    ],
    [
      'the time since the last heartbeat in minutes, counted to now',
      { type: 'heartbeat', state: 'warning', values: { seconds_since_beat: 170 }, lastCheck: NOW - 10_000 },
      'api — Warning · beat 3 min ago',
    ],
    [
      'the reason a check failed',
      { state: 'critical', sampleStatus: 'down', latencyMs: null, error: 'connection refused' },
      'api — Critical · connection refused',
    ],
    ['the summary of an unknown type', { type: 'smtp', summary: 'queue 3' }, 'api — OK · queue 3'],
    [
      'nothing before the first check',
      { lastCheck: null, sampleStatus: null, state: 'unknown' },
      'api — Unknown',
    ],
    ['a paused monitor as paused', { enabled: false, state: 'critical' }, 'api — Paused'],
    ['a tcp port by its connect time', { type: 'tcp', latencyMs: 12 }, 'api — OK · 10 ms'],
    [
      'a monitor in a maintenance window',
      { state: 'critical', sampleStatus: 'down', error: 'HTTP 503', maintenance: true },
      'api — Critical · Maintenance',
    ],
    [
      'why a held monitor stays quiet',
      { state: 'critical', sampleStatus: 'down', error: 'connection refused', heldBy: 'API' },
      'api — Critical · held: API is down',
    ],
  ])('shows %s with the state in words', (_, over, label) => {
    const [line] = monitorLines(trayModel(snapshot([monitor({ id: 'api', ...over })]), context).menu);
    expect(line?.label).toBe(label);
  });

  it('formats numbers in the given locale', () => {
    const m = monitor({ id: 'bal', type: 'balance', values: { balance: 1234.5, currency: 'EUR' } });
    const [line] = monitorLines(trayModel(snapshot([m]), { ...context, locale: 'de-DE' }).menu);
    expect(line?.label).toBe('bal — OK · 1.234,50\u00a0€');
  });

  it('defaults to en-US', () => {
    const m = monitor({ id: 'bal', type: 'balance', values: { balance: 1234.5 } });
    const [line] = monitorLines(trayModel(snapshot([m]), { startAtLogin: null }).menu);
    expect(line?.label).toBe('bal — OK · $1,234.50');
  });

  it('gives the same menu for checks that only moved the readings by jitter', () => {
    const at = (latencyMs: number, sinceBeat: number, now: number) =>
      trayModel(
        snapshot(
          [
            monitor({ id: 'api', latencyMs }),
            monitor({
              id: 'beat',
              type: 'heartbeat',
              values: { seconds_since_beat: sinceBeat },
              lastCheck: now,
            }),
          ],
          { now },
        ),
        context,
      );
    expect(at(141, 3, NOW)).toEqual(at(138, 21, NOW + 20_000));
    expect(at(141, 3, NOW)).not.toEqual(at(260, 3, NOW));
  });

  it('opens the clicked monitor and marks its state for a menu icon', () => {
    const [line] = monitorLines(trayModel(snapshot([monitor({ id: 'x', state: 'warning' })]), context).menu);
    expect(line).toMatchObject({
      enabled: true,
      action: { kind: 'open-monitor', monitorId: 'x' },
      icon: 'warning',
    });
  });

  it('keeps every label short, cutting long names and values with an ellipsis', () => {
    const monitors = [
      monitor({ id: 'a', name: 'Production callback handler for the EU region '.repeat(4) }),
      monitor({ id: 'b', type: 'balance', name: 'x'.repeat(200), values: { balance: 98_765_432_101.99 } }),
      monitor({ id: 'c', state: 'critical', sampleStatus: 'down', error: `timeout ${'after '.repeat(40)}` }),
    ];
    const model = trayModel(
      snapshot(monitors, { alerts: { firing: 0, brokenChannels: ['a-very-long-channel-name'.repeat(5)] } }),
      context,
    );
    for (const label of labels(model.menu)) expect([...label].length).toBeLessThanOrEqual(MAX_LABEL_LENGTH);
    const lines = monitorLines(model.menu).map((i) => i.label);
    expect(lines).toContain(
      `${'x'.repeat(MAX_LABEL_LENGTH - ' — OK · $98,765,432,101.99'.length - 1)}… — OK · $98,765,432,101.99`,
    );
    expect(lines.find((l) => l.startsWith('Production'))).toMatch(/^Production callback.*… — OK · 140 ms$/);
    expect(lines.find((l) => l.includes('Critical'))).toMatch(/— Critical · timeout after .*…$/);
  });

  it('writes a literal ampersand the way Electron menus show one', () => {
    const [line] = monitorLines(trayModel(snapshot([monitor({ id: 'a', name: 'R&D API' })]), context).menu);
    expect(line?.label).toBe('R&&D API — OK · 140 ms');
  });

  it('shows a broken notification channel as a disabled line', () => {
    const model = trayModel(
      snapshot([monitor({ id: 'a' })], { alerts: { firing: 0, brokenChannels: ['discord'] } }),
      context,
    );
    expect(model.menu).toContainEqual({
      type: 'item',
      label: '⚠ discord notifications are failing — see Settings',
      enabled: false,
      action: null,
    });
  });

  it('says why monitors read unknown while offline', () => {
    const model = trayModel(
      snapshot([monitor({ id: 'a', state: 'unknown' })], { offline: { since: NOW, reason: 'no network' } }),
      context,
    );
    expect(model.menu[0]).toEqual({
      type: 'item',
      label: 'Offline: no network',
      enabled: false,
      action: null,
    });
  });

  it('shows the maintenance window under way and the next one', () => {
    const maintenance = {
      active: [{ id: 'deploy', name: 'Deploy', start: NOW - 60_000, end: NOW + 30 * 60_000 }],
      next: { id: 'weekly', name: 'Weekly reboot', start: NOW + 3 * 3_600_000, end: NOW + 4 * 3_600_000 },
    };
    const menu = labels(trayModel(snapshot([monitor({ id: 'a' })], { maintenance }), context).menu);
    expect(menu).toContain('Maintenance: Deploy until 14:30');
    expect(menu).toContain('Next maintenance: Weekly reboot at 17:00');
    expect(labels(trayModel(snapshot([monitor({ id: 'a' })]), context).menu).join()).not.toMatch(
      /aintenance/,
    );
  });

  it('cannot check anything when every monitor is paused', () => {
    const check = (monitors: MonitorStatus[]) =>
      trayModel(snapshot(monitors), context).menu.find(
        (i) => i.type === 'item' && i.action?.kind === 'check-all',
      );
    expect(check([monitor({ id: 'a', enabled: false })])).toMatchObject({ enabled: false });
    expect(check([monitor({ id: 'a' })])).toMatchObject({ enabled: true });
  });

  describe('snooze submenu', () => {
    it.each<[string, number | null | undefined, string, string | null, boolean]>([
      ['not snoozed', undefined, 'Snooze alerts', null, false],
      ['snoozed for an hour', NOW + 65 * 60_000, 'Alerts snoozed', 'Snoozed until 15:05', true],
      ['snoozed past midnight', NOW + 12 * 3_600_000, 'Alerts snoozed', 'Snoozed until Wed 2:00', true],
      ['snoozed until resumed', null, 'Alerts snoozed', 'Snoozed until resumed', true],
      ['after the snooze ended', NOW - 1_000, 'Snooze alerts', null, false],
    ])('when %s', (_, snoozedUntil, title, status, canResume) => {
      const alerts = { firing: 0, brokenChannels: [], ...(snoozedUntil !== undefined && { snoozedUntil }) };
      const sub = submenu(trayModel(snapshot([monitor({ id: 'a' })], { alerts }), context).menu);
      expect(sub.label).toBe(title);
      const [first] = sub.items;
      if (status === null) expect(first).toMatchObject({ label: 'For 15 minutes', enabled: true });
      else expect(first).toEqual({ type: 'item', label: status, enabled: false, action: null });
      expect(sub.items.find((i) => i.type === 'item' && i.action?.kind === 'resume')).toMatchObject({
        label: 'Resume alerts',
        enabled: canResume,
      });
    });

    it('formats the end time in the given time zone and locale', () => {
      const alerts = { firing: 0, brokenChannels: [], snoozedUntil: NOW + 65 * 60_000 };
      const sub = submenu(
        trayModel(snapshot([], { alerts }), {
          startAtLogin: null,
          locale: 'en-US',
          timeZone: 'America/New_York',
        }).menu,
      );
      expect(sub.items[0]).toMatchObject({ label: 'Snoozed until 11:05 AM' });
    });
  });
});
