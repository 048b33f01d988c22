import type { MonitorConfig } from '../../api/config-schema.ts';
import type { ErrorKind, Sample } from '../sample.ts';

/** Failures that say "this computer cannot reach the network", not "that server is down". */
const OFFLINE_KINDS: ReadonlySet<ErrorKind> = new Set(['dns', 'unreachable', 'network', 'timeout']);

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** The host a monitor reaches over the network, or null when it doesn't (heartbeats, loopback targets). */
export function remoteHost(m: MonitorConfig): string | null {
  const url =
    m.type === 'http' || m.type === 'callback-health'
      ? m.url
      : m.type === 'balance'
        ? (m.baseUrl ?? null)
        : null;
  if (m.type === 'balance' && !url) return m.provider;
  if (!url) return null;
  const host = new URL(url).hostname;
  return LOOPBACK.test(host) ? null : host;
}

export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

export const isOfflineFailure = (s: Sample): boolean =>
  s.errorKind !== undefined && OFFLINE_KINDS.has(s.errorKind);

/**
 * Other remote monitors to re-probe when one fails at the network layer: one per other host, those
 * that last succeeded first (they tell "offline" from "that host is down" best), at most `max`.
 */
export function pickWitnesses<T extends { host: string; lastOk: boolean }>(
  others: readonly T[],
  host: string,
  max = 2,
): T[] {
  const byHost = new Map<string, T>();
  for (const o of [...others].sort((a, b) => Number(b.lastOk) - Number(a.lastOk))) {
    if (o.host !== host && !byHost.has(o.host)) byHost.set(o.host, o);
  }
  return [...byHost.values()].slice(0, max);
}
