import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from '../../../src-renderer/routing/route.ts';

describe('hash routes', () => {
  it.each<[string, Route]>([
    ['', { name: 'dashboard' }],
    ['#/', { name: 'dashboard' }],
    ['#/monitors/api-1', { name: 'monitor', id: 'api-1' }],
    ['#/monitors/a%20b', { name: 'monitor', id: 'a b' }],
    ['#/alerts', { name: 'alerts' }],
    ['#/settings', { name: 'settings', section: 'monitors' }],
    ['#/settings/notifications', { name: 'settings', section: 'notifications' }],
    ['#/settings/general', { name: 'settings', section: 'general' }],
    ['#/settings/import-export', { name: 'settings', section: 'import-export' }],
    ['#/settings/monitors/new', { name: 'monitor-new' }],
    ['#/settings/monitors/bal', { name: 'monitor-edit', id: 'bal' }],
    ['#/demo', { name: 'demo' }],
    ['#/alerts?x=1', { name: 'alerts' }],
    ['#/nowhere', { name: 'not-found', path: '/nowhere' }],
    ['#/monitors/%E0%A4%A', { name: 'not-found', path: '/monitors/%E0%A4%A' }],
    ['#/monitors/a/b', { name: 'not-found', path: '/monitors/a/b' }],
  ])('%s is %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each<Exclude<Route, { name: 'not-found' }>>([
    { name: 'dashboard' },
    { name: 'monitor', id: 'odd id/with slash' },
    { name: 'alerts' },
    { name: 'settings', section: 'monitors' },
    { name: 'settings', section: 'import-export' },
    { name: 'monitor-new' },
    { name: 'monitor-edit', id: 'x.y_z' },
    { name: 'demo' },
  ])('links to %j and reads it back', (route) => {
    expect(parseRoute(hrefOf(route))).toEqual(route);
  });
});
