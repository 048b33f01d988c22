import { describe, expect, it } from 'vitest';
import { ConfigSchema, type MonitorConfig } from '../../../src-main/api/config-schema.ts';
import { createRuntime } from '../../../src-main/engine/monitors/monitor-runtime.ts';
import { markOffline, stepMonitor } from '../../../src-main/engine/monitors/monitor-step.ts';
import type { Sample } from '../../../src-main/engine/sample.ts';

const T = Date.UTC(2025, 0, 1);
const remote = ConfigSchema.parse({
  monitors: [{ id: 'api', type: 'http', url: 'https://api.example.com/' }],
}).monitors[0] as MonitorConfig;
const up: Sample = { monitorId: 'api', time: T, status: 'up', latencyMs: 12, httpStatus: 200, values: {} };
const dnsFailure: Sample = {
  monitorId: 'api',
  time: T + 1000,
  status: 'down',
  latencyMs: null,
  values: {},
  error: 'DNS lookup failed for api.example.com',
  errorKind: 'dns',
};

describe('stepMonitor', () => {
  it('records the sample, and a state change only when the state changes', () => {
    const first = stepMonitor(createRuntime(remote, { recent: [], beats: [] }), up, false);
    expect(first.runtime.state).toBe('ok');
    expect(first.stateChange).toMatchObject({ from: 'unknown', to: 'ok', time: T });
    expect(first.stored).toMatchObject({ monitorId: 'api', status: 'up', latencyMs: 12, httpStatus: 200 });
    const second = stepMonitor(first.runtime, { ...up, time: T + 1000 }, false);
    expect(second.stateChange).toBeNull();
    expect(second.runtime.since).toBe(T);
  });

  it('keeps the rule results of a steady monitor, and takes new ones when they change', () => {
    const first = stepMonitor(createRuntime(remote, { recent: [], beats: [] }), up, false);
    const same = stepMonitor(first.runtime, { ...up, time: T + 1000 }, false);
    expect(same.evaluation).toBe(first.evaluation);
    const slower = stepMonitor(same.runtime, { ...up, time: T + 2000, latencyMs: 30 }, false);
    expect(slower.evaluation).not.toBe(first.evaluation);
    expect(slower.runtime.evaluation).toBe(slower.evaluation);
  });

  it('keeps no response body, and earlier readings only for the balance burn rate', () => {
    const withBody = { ...up, body: { big: 'x'.repeat(1000) }, bodyText: 'x'.repeat(1000) };
    const http = stepMonitor(createRuntime(remote, { recent: [], beats: [] }), withBody, false).runtime;
    expect(http.last).not.toHaveProperty('body');
    expect(http.last).not.toHaveProperty('bodyText');
    expect(http.recent).toEqual([]);
    const balance = ConfigSchema.parse({
      monitors: [{ id: 'b', type: 'balance', provider: 'captchaai', apiKey: 'k' }],
    }).monitors[0] as MonitorConfig;
    let rt = createRuntime(balance, { recent: [], beats: [] });
    for (let i = 0; i < 40; i++)
      rt = stepMonitor(
        rt,
        { ...withBody, monitorId: 'b', time: T + i, values: { balance: 40 - i } },
        false,
      ).runtime;
    expect(rt.recent).toHaveLength(30);
    expect(rt.recent[0]).toMatchObject({ time: T + 39, values: { balance: 1 } });
    expect(rt.recent[0]).not.toHaveProperty('bodyText');
  });

  it.each([
    [false, 'critical'],
    [true, 'unknown'],
  ] as const)('a network failure while offline=%s makes the monitor %s', (offline, state) => {
    const step = stepMonitor(createRuntime(remote, { recent: [], beats: [] }), dnsFailure, offline);
    expect(step.runtime.state).toBe(state);
    if (offline) expect(step.evaluation.summary).toBe('offline: DNS lookup failed for api.example.com');
  });

  it('stores a critical check as down for uptime, even when the probe got its answer (a balance critically low)', () => {
    const balance = ConfigSchema.parse({
      monitors: [
        { id: 'b', type: 'balance', provider: 'captchaai', apiKey: 'k', warnBelow: 10, criticalBelow: 2 },
      ],
    }).monitors[0] as MonitorConfig;
    const at = (balanceValue: number) =>
      stepMonitor(
        createRuntime(balance, { recent: [], beats: [] }),
        { monitorId: 'b', time: T, status: 'up', latencyMs: 5, values: { balance: balanceValue } },
        false,
      ).stored.status;
    expect([at(20), at(5), at(1)]).toEqual(['up', 'up', 'down']);
  });

  it('adds each check to the strip of the last checks, oldest first', () => {
    let rt = createRuntime(remote, { recent: [], beats: [] });
    rt = stepMonitor(rt, up, false).runtime;
    rt = stepMonitor(rt, { ...dnsFailure, time: T + 1000 }, false).runtime;
    expect(rt.strip).toEqual({ states: 'oc', times: [T, T + 1000] });
  });

  it('leaves the runtime it was given as it was', () => {
    const before = createRuntime(remote, { recent: [], beats: [] });
    stepMonitor(before, up, false);
    expect(before.state).toBe('unknown');
    expect(before.recent).toEqual([]);
  });

  it('marks a monitor that last failed at the network layer unknown when the computer goes offline', () => {
    const down = stepMonitor(createRuntime(remote, { recent: [], beats: [] }), dnsFailure, false).runtime;
    const marked = markOffline(down, T + 2000);
    expect(marked?.runtime.state).toBe('unknown');
    expect(marked?.stateChange).toMatchObject({ from: 'critical', to: 'unknown', time: T + 2000 });
    const ok = stepMonitor(createRuntime(remote, { recent: [], beats: [] }), up, false).runtime;
    expect(markOffline(ok, T + 2000)).toBeNull();
  });
});
