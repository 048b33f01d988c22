export const SETTINGS_SECTIONS = [
  'monitors',
  'notifications',
  'maintenance',
  'general',
  'import-export',
] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

/** Every screen of the app, addressed by the URL fragment so it works on file:// and custom protocols. */
export type Route =
  | { name: 'dashboard' }
  | { name: 'monitor'; id: string }
  | { name: 'alerts' }
  | { name: 'settings'; section: SettingsSection }
  | { name: 'monitor-new' }
  | { name: 'monitor-edit'; id: string }
  | { name: 'demo' }
  | { name: 'not-found'; path: string };

function decode(part: string): string | null {
  try {
    const s = decodeURIComponent(part);
    return s === '' ? null : s;
  } catch {
    return null;
  }
}

/** The route of a location hash such as `#/monitors/api-1`; anything unknown is `not-found`, never a throw. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/[?].*$/, '');
  const parts = path.split('/').filter((p) => p !== '');
  const [first, second, third, ...rest] = parts;
  const notFound: Route = { name: 'not-found', path: `/${parts.join('/')}` };
  if (first === undefined) return { name: 'dashboard' };
  if (first === 'alerts' && second === undefined) return { name: 'alerts' };
  if (first === 'demo' && second === undefined) return { name: 'demo' };
  if (first === 'monitors' && second !== undefined && third === undefined) {
    const id = decode(second);
    return id === null ? notFound : { name: 'monitor', id };
  }
  if (first === 'settings') {
    if (second === undefined) return { name: 'settings', section: 'monitors' };
    if (second === 'monitors' && third === 'new' && rest.length === 0) return { name: 'monitor-new' };
    if (second === 'monitors' && third !== undefined && rest.length === 0) {
      const id = decode(third);
      return id === null ? notFound : { name: 'monitor-edit', id };
    }
    const section = SETTINGS_SECTIONS.find((s) => s === second);
    if (section && third === undefined) return { name: 'settings', section };
  }
  return notFound;
}

/** The `href` of a route, the inverse of `parseRoute`. */
export function hrefOf(route: Exclude<Route, { name: 'not-found' }>): string {
  switch (route.name) {
    case 'dashboard':
      return '#/';
    case 'monitor':
      return `#/monitors/${encodeURIComponent(route.id)}`;
    case 'alerts':
      return '#/alerts';
    case 'settings':
      return route.section === 'monitors' ? '#/settings' : `#/settings/${route.section}`;
    case 'monitor-new':
      return '#/settings/monitors/new';
    case 'monitor-edit':
      return `#/settings/monitors/${encodeURIComponent(route.id)}`;
    case 'demo':
      return '#/demo';
  }
}
