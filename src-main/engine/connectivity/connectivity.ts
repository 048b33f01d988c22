/** This computer's connectivity as the engine judges it; alerts stay quiet while offline. */
export interface Connectivity {
  offline: { since: number; reason: string } | null;
  /** The desktop shell reported that the OS has no network: only the OS can say it is back. */
  osOffline: boolean;
}

/** An offline/online change, as alerting and subscribers see it. */
export interface ConnectivityChange {
  offline: boolean;
  since: number;
  reason: string;
}

export type ConnectivityInput =
  | { type: 'os'; online: boolean }
  /** A remote monitor failed at the network layer and the witnesses (or the connectivity URL) failed too. */
  | { type: 'unreachable'; reason: string }
  /** A remote monitor got an answer. */
  | { type: 'reachable' };

export const initialConnectivity: Connectivity = { offline: null, osOffline: false };

/** One connectivity observation → the new judgement, and the change to announce if it changed. */
export function stepConnectivity(
  state: Connectivity,
  input: ConnectivityInput,
  now: number,
): { state: Connectivity; change: ConnectivityChange | null } {
  const goOffline = (s: Connectivity, reason: string) =>
    s.offline
      ? { state: s, change: null }
      : { state: { ...s, offline: { since: now, reason } }, change: { offline: true, since: now, reason } };
  const goOnline = (s: Connectivity) =>
    s.offline
      ? {
          state: { ...s, offline: null },
          change: { offline: false, since: now, reason: 'network reachable again' },
        }
      : { state: s, change: null };
  switch (input.type) {
    case 'os':
      return input.online
        ? goOnline({ ...state, osOffline: false })
        : goOffline({ ...state, osOffline: true }, 'the operating system reports no network connection');
    case 'unreachable':
      return goOffline(state, `every monitored host is unreachable (${input.reason})`);
    case 'reachable':
      return state.osOffline ? { state, change: null } : goOnline(state);
  }
}
