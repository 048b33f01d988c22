import { describe, expect, it } from 'vitest';
import {
  type Connectivity,
  type ConnectivityInput,
  initialConnectivity,
  stepConnectivity,
} from '../../../src-main/engine/connectivity/connectivity.ts';

const T = 1_000_000;
const offline = (reason: string, osOffline = false): Connectivity => ({
  offline: { since: T - 5000, reason },
  osOffline,
});

describe('stepConnectivity', () => {
  it.each<[string, Connectivity, ConnectivityInput, boolean | null, boolean]>([
    // name, before, input, change announced (offline?) or null, offline after
    [
      'goes offline when network failures are confirmed',
      initialConnectivity,
      { type: 'unreachable', reason: 'dns' },
      true,
      true,
    ],
    ['goes offline when the OS says so', initialConnectivity, { type: 'os', online: false }, true, true],
    ['stays online on an answer', initialConnectivity, { type: 'reachable' }, null, false],
    ['comes back on an answer', offline('dns'), { type: 'reachable' }, false, false],
    ['waits for the OS when the OS said offline', offline('os', true), { type: 'reachable' }, null, true],
    ['comes back when the OS says so', offline('os', true), { type: 'os', online: true }, false, false],
    ['announces offline once', offline('dns'), { type: 'unreachable', reason: 'again' }, null, true],
    [
      'an OS "online" while online changes nothing',
      initialConnectivity,
      { type: 'os', online: true },
      null,
      false,
    ],
  ])('%s', (_name, before, input, announced, offlineAfter) => {
    const { state, change } = stepConnectivity(before, input, T);
    expect(change === null ? null : change.offline).toBe(announced);
    expect(state.offline !== null).toBe(offlineAfter);
    if (change) expect(change.since).toBe(T);
  });

  it('says why it went offline', () => {
    const { change } = stepConnectivity(
      initialConnectivity,
      { type: 'unreachable', reason: 'getaddrinfo ENOTFOUND' },
      T,
    );
    expect(change?.reason).toBe('every monitored host is unreachable (getaddrinfo ENOTFOUND)');
  });

  it('remembers an OS report made while already offline', () => {
    const { state } = stepConnectivity(offline('dns'), { type: 'os', online: false }, T);
    expect(state.osOffline).toBe(true);
    expect(stepConnectivity(state, { type: 'reachable' }, T).change).toBeNull();
  });
});
