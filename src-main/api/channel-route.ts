import type { ChannelRouteConfig } from './config-schema.ts';

const rank = { info: 0, ok: 0, warning: 1, critical: 2 } as const;

/** Whether a channel's `minSeverity` (warning when absent) and `monitors` (all when absent) let an alert through. */
export function routeAllows(
  route: ChannelRouteConfig | undefined,
  monitorId: string,
  severity: keyof typeof rank,
): boolean {
  if (route === undefined) return true;
  if (route.monitors !== undefined && !route.monitors.includes(monitorId)) return false;
  return rank[severity] >= rank[route.minSeverity ?? 'warning'];
}
