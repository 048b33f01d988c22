// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type {
  EngineEvent,
  MonitorStatus,
  SolvewatchApi,
  StateSnapshot,
} from '../../../src-main/api/contract.ts';
import type { ConnectionEvents } from '../../../src-renderer/api/connection-events.ts';
import { createConnectionEvents } from '../../../src-renderer/api/connection-events.ts';
import { useLive } from '../../../src-renderer/state/live-store.ts';
import { useLiveStore } from '../../../src-renderer/state/use-live-store.ts';
import { monitorStatus } from '../../support/state-snapshot.ts';
import { fakeApi } from '../fake-api.ts';

const monitor = (id: string, state: MonitorStatus['state'], lastCheck: number): MonitorStatus =>
  monitorStatus({ id, state, since: null, lastCheck }, lastCheck);

const snapshot = (monitors: MonitorStatus[], now: number): StateSnapshot => ({
  overall: 'ok',
  counts: { ok: monitors.length, warning: 0, critical: 0, unknown: 0 },
  monitors,
  offline: null,
  alerts: { firing: 0, brokenChannels: [] },
  startedAt: 0,
  now,
});

const useLiveState = (api: SolvewatchApi, connection?: ConnectionEvents) =>
  useLive(useLiveStore(api, connection));

/** An API whose getState answers when the test says, with a stream the test writes to. */
function scriptedApi() {
  let send: (event: EngineEvent) => void = () => {};
  let answer: (state: StateSnapshot) => void = () => {};
  const api = fakeApi({
    getState: () => new Promise<StateSnapshot>((resolve) => (answer = resolve)),
    subscribe: (listener) => {
      send = listener;
      return () => {};
    },
  });
  return {
    api,
    send: (event: EngineEvent) => act(() => send(event)),
    answer: (state: StateSnapshot) => act(async () => answer(state)),
  };
}

describe('the live state', () => {
  it('keeps a monitor event that arrived while getState was in flight, when it is newer', async () => {
    const engine = scriptedApi();
    const { result } = renderHook(() => useLiveState(engine.api));
    engine.send({ type: 'monitor', monitor: monitor('api', 'critical', 2_000), overall: 'critical' });
    engine.send({ type: 'monitor', monitor: monitor('old', 'critical', 500), overall: 'critical' });
    await engine.answer(snapshot([monitor('api', 'ok', 1_000), monitor('old', 'ok', 1_000)], 1_500));

    const states = result.current.state?.monitors.map((m) => `${m.id}:${m.state}`);
    expect(states).toEqual(['api:critical', 'old:ok']);
    expect(result.current.state?.overall).toBe('critical');
  });

  it("applies the monitor events that arrive within a second together, on the shared clock's next tick", async () => {
    const engine = scriptedApi();
    const { result } = renderHook(() => useLiveState(engine.api));
    await engine.answer(snapshot([monitor('a', 'ok', 1_000), monitor('b', 'ok', 1_000)], 1_500));
    vi.useFakeTimers();
    try {
      const before = result.current.state;
      engine.send({ type: 'monitor', monitor: monitor('a', 'critical', 2_000), overall: 'critical' });
      engine.send({ type: 'monitor', monitor: monitor('b', 'warning', 2_100), overall: 'critical' });
      expect(result.current.state).toBe(before);
      act(() => vi.advanceTimersByTime(1_000));
      expect(result.current.state?.monitors.map((m) => `${m.id}:${m.state}`)).toEqual([
        'a:critical',
        'b:warning',
      ]);
      expect(result.current.state?.monitors[0]).not.toBe(before?.monitors[0]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('bumps its revision on every snapshot event, so pages can reload what the snapshot does not hold', async () => {
    const engine = scriptedApi();
    const { result } = renderHook(() => useLiveState(engine.api));
    await engine.answer(snapshot([], 1_000));
    const before = result.current.revision;
    engine.send({ type: 'snapshot', state: snapshot([], 2_000) });
    engine.send({ type: 'snapshot', state: snapshot([], 3_000) });
    expect(result.current.revision).toBe(before + 2);
    engine.send({ type: 'monitor', monitor: monitor('api', 'ok', 4_000), overall: 'ok' });
    expect(result.current.revision).toBe(before + 2);
  });

  it('is "lost" from the first stream error until the next snapshot arrives', async () => {
    const engine = scriptedApi();
    const connection = createConnectionEvents();
    const { result } = renderHook(() => useLiveState(engine.api, connection));
    await engine.answer(snapshot([], 1_000));
    expect(result.current.connection).toEqual({ status: 'live' });

    const before = Date.now();
    act(() => connection.emit({ type: 'stream-error', error: new Error('ended'), retryInMs: 1_000 }));
    expect(result.current.connection).toMatchObject({ status: 'lost' });
    const since = result.current.connection.status === 'lost' ? result.current.connection.since : 0;
    expect(since).toBeGreaterThanOrEqual(before);
    act(() => connection.emit({ type: 'stream-error', error: new Error('refused'), retryInMs: 2_000 }));
    expect(result.current.connection).toEqual({ status: 'lost', since });

    engine.send({ type: 'snapshot', state: snapshot([], 2_000) });
    expect(result.current.connection).toEqual({ status: 'live' });
  });

  it('is "refused" for good once the server rejects the token', async () => {
    const engine = scriptedApi();
    const connection = createConnectionEvents();
    const { result } = renderHook(() => useLiveState(engine.api, connection));
    act(() => connection.emit({ type: 'token-refused' }));
    engine.send({ type: 'snapshot', state: snapshot([], 2_000) });
    await waitFor(() => expect(result.current.connection).toEqual({ status: 'refused' }));
  });
});
