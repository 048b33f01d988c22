import { describe, expect, it } from 'vitest';
import type { AlertNotice, Notification } from '../../../src-main/api/notification-types.ts';
import {
  type ChannelRoutes,
  channelsFor,
  routeNotices,
  type ToldChannels,
} from '../../../src-main/engine/notify/routing.ts';
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

const CHANNELS = ['desktop', 'discord', 'webhook'];
const routes: ChannelRoutes = {
  discord: { minSeverity: 'critical' },
  webhook: { monitors: ['db'] },
};
const of = (over: Partial<AlertNotice>) => notice(over);

function route(notices: AlertNotice[], told: ToldChannels = new Map()) {
  const r = routeNotices(notices, CHANNELS, routes, told);
  const heard = Object.fromEntries(
    [...r.byChannel].map(([channel, list]) => [channel, list.map((n) => `${n.monitorId} ${n.kind}`)]),
  );
  return { heard, told: r.told };
}

describe('routeNotices (pure)', () => {
  it('keeps a warning from a minSeverity: critical channel, and a monitor from a channel not listing it', () => {
    expect(route([of({ monitorId: 'api', kind: 'degraded', severity: 'warning' })]).heard).toEqual({
      desktop: ['api degraded'],
      discord: [],
      webhook: [],
    });
    expect(route([of({ monitorId: 'db', kind: 'down', severity: 'critical' })]).heard).toEqual({
      desktop: ['db down'],
      discord: ['db down'],
      webhook: ['db down'],
    });
  });

  it('sends a recovery to the channels that were told of the alert, then forgets them', () => {
    const fired = route([of({ monitorId: 'api', kind: 'degraded', severity: 'warning' })]);
    expect([...(fired.told.get('api') ?? [])]).toEqual(['desktop']);
    const escalated = route([of({ monitorId: 'api', kind: 'escalated', severity: 'critical' })], fired.told);
    expect(escalated.heard.discord).toEqual(['api escalated']);
    const recovered = route([of({ monitorId: 'api', kind: 'recovered', severity: 'ok' })], escalated.told);
    expect(recovered.heard).toEqual({ desktop: ['api recovered'], discord: ['api recovered'], webhook: [] });
    expect(recovered.told.has('api')).toBe(false);
  });

  it('sends a step down from critical to the channels told of the critical alert', () => {
    const fired = route([of({ monitorId: 'db', kind: 'down', severity: 'critical' })]);
    const softer = route([of({ monitorId: 'db', kind: 'deescalated', severity: 'warning' })], fired.told);
    expect(softer.heard.discord).toEqual(['db deescalated']);
  });

  it('sends a recovery nobody is known to have heard to the channels whose monitors allow it', () => {
    expect(route([of({ monitorId: 'api', kind: 'recovered', severity: 'ok' })]).heard).toEqual({
      desktop: ['api recovered'],
      discord: ['api recovered'],
      webhook: [],
    });
  });

  it('lets this computer’s connectivity through every filter', () => {
    const offline = of({ monitorId: '', kind: 'offline', severity: 'warning' });
    expect(route([offline]).heard.discord).toEqual([' offline']);
  });
});
