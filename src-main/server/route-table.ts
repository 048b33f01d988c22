import { type EndpointName, endpoints } from '../api/contract.ts';

export interface Route {
  name: EndpointName;
  method: string;
  pattern: RegExp;
  params: string[];
  bodyField?: string;
}

/** HTTP routes generated from the contract: `/api/monitors/:id/history` → a regex with named params. */
export const routes: Route[] = Object.entries(endpoints).map(([name, e]) => {
  const params: string[] = [];
  const source = e.path.replace(/:([a-zA-Z]+)/g, (_, p: string) => {
    params.push(p);
    return '([^/]+)';
  });
  return {
    name: name as EndpointName,
    method: e.method,
    pattern: new RegExp(`^${source}$`),
    params,
    ...('bodyField' in e ? { bodyField: e.bodyField } : {}),
  };
});

export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | 'wrong-method' | null {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params: Record<string, string> = {};
    route.params.forEach((p, i) => {
      params[p] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { route, params };
  }
  return pathMatched ? 'wrong-method' : null;
}
