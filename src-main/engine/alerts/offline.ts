import type { MonitorConfig } from '../config/schema.ts';
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

export const isOfflineFailure = (s: Sample): boolean =>
  s.errorKind !== undefined && OFFLINE_KINDS.has(s.errorKind);

/**
 * Whether the latest samples of the remote monitors look like "the computer is offline": every one
 * failed at the network layer, across at least two hosts (one host failing is that host's problem).
 * A connectivity check, when configured, is the tie-breaker the caller applies on top.
 */
export function looksOffline(
  latest: Iterable<{ host: string; sample: Sample | null }>,
  minHosts = 2,
): boolean {
  const hosts = new Set<string>();
  for (const { host, sample } of latest) {
    if (!sample || !isOfflineFailure(sample)) return false;
    hosts.add(host);
  }
  return hosts.size >= minHosts;
}
