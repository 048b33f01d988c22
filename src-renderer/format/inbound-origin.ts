import type { HostInfo } from '../../src-main/api/contract.ts';

/**
 * Where pushes and pipeline events reach this Solvewatch: the headless server at the window's own
 * origin, the desktop app on its listener (a LAN one is reached from here on loopback too); null
 * while the desktop listener is not running. The engine knows only the path (`/push/<id>`).
 */
export function inboundOrigin(host: HostInfo | null, pageOrigin: string): string | null {
  if (!host) return null;
  if (host.kind === 'headless') return pageOrigin;
  return host.listener?.url?.replace('//0.0.0.0:', '//127.0.0.1:') ?? null;
}
