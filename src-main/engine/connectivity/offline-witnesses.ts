import type { MonitorConfig } from '../../api/config-schema.ts';
import { isLoopbackHost } from '../../api/loopback.ts';
import { OFFLINE_ERROR_KINDS, type Sample } from '../sample.ts';

/** The host a monitor reaches over the network, or null when it doesn't (heartbeats, loopback targets). */
export function remoteHost(m: MonitorConfig): string | null {
  const url =
    m.type === 'http' || m.type === 'callback-health' || m.type === 'webhook-receiver'
      ? m.url
      : m.type === 'balance'
        ? (m.baseUrl ?? null)
        : null;
  if (m.type === 'balance' && !url) return m.provider;
  if (m.type === 'tcp') return isLoopbackHost(m.host) ? null : m.host;
  if (!url) return null;
  const host = new URL(url).hostname;
  return isLoopbackHost(host) ? null : host;
}

export const isOfflineFailure = (s: Pick<Sample, 'errorKind'>): boolean =>
  s.errorKind !== undefined && OFFLINE_ERROR_KINDS.has(s.errorKind);

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
