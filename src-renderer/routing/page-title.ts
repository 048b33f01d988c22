import type { Route } from './route.ts';

/** The window title of a route: "Alerts — Solvewatch"; a monitor's page uses its name when known. */
export function pageTitle(route: Route, monitorName?: (id: string) => string | undefined): string {
  return `${pageName(route, monitorName)} — Solvewatch`;
}

function pageName(route: Route, monitorName?: (id: string) => string | undefined): string {
  switch (route.name) {
    case 'dashboard':
      return 'Dashboard';
    case 'monitor':
      return monitorName?.(route.id) ?? 'Monitor';
    case 'alerts':
      return 'Alerts';
    case 'settings':
      return 'Settings';
    case 'monitor-new':
      return 'Add monitor';
    case 'monitor-edit':
      return `Edit ${monitorName?.(route.id) ?? 'monitor'}`;
    case 'demo':
      return 'Demo Discord inbox';
    case 'not-found':
      return 'Page not found';
  }
}

/** Which page a route shows: moving between settings tabs stays on one page. */
export function pageKey(route: Route): string {
  return route.name === 'monitor' || route.name === 'monitor-edit' ? `${route.name}:${route.id}` : route.name;
}
