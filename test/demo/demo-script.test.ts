import { describe, expect, it } from 'vitest';
import { demoPace, demoScript, SLOW_SOLVER_MS } from '../../src-main/demo/demo-script.ts';

const CYCLE = 60;
const at = (fraction: number, cycles = 0) => demoScript((cycles + fraction) * CYCLE * 1000, CYCLE);

describe('the demo script', () => {
  it.each([
    { f: 0, balance: 14, expected: 'ok' },
    { f: 0.1, balance: 12, expected: 'ok' },
    { f: 0.3, balance: 8, expected: 'warning' },
    { f: 0.5, balance: 4, expected: 'warning' },
    { f: 0.62, balance: 1.6, expected: 'critical' },
    { f: 0.7, balance: 0.6, expected: 'critical' },
    { f: 0.76, balance: 14, expected: 'ok (topped up)' },
    { f: 0.99, balance: 14, expected: 'ok (topped up)' },
  ])('drains the balance to $balance at $f of the cycle ($expected)', ({ f, balance }) => {
    expect(at(f).balance).toBeCloseTo(balance, 2);
  });

  it.each([
    { f: 0.1, phase: 'healthy', status: 'healthy' },
    { f: 0.25, phase: 'stale', status: 'stale' },
    { f: 0.45, phase: 'error-spike', status: 'healthy' },
    { f: 0.6, phase: 'slow', status: 'healthy' },
    { f: 0.8, phase: 'healthy', status: 'healthy' },
  ] as const)('reports a $phase callback handler at $f of the cycle', ({ f, phase, status }) => {
    const report = at(f);
    expect(report.callbackPhase).toBe(phase);
    expect(report.callbackMetrics.status).toBe(status);
  });

  it('crosses each callback threshold of seed 000 only in its own phase', () => {
    const healthy = at(0.1).callbackMetrics;
    expect(healthy.seconds_since_last_callback).toBeLessThan(300);
    expect(healthy.error_rate).toBeLessThan(0.05);
    expect(healthy.p95_latency_ms).toBeLessThan(1000);

    expect(at(0.25).callbackMetrics.seconds_since_last_callback).toBeGreaterThan(300);

    const spike = at(0.45).callbackMetrics;
    expect(spike.error_rate).toBeGreaterThan(0.05);
    expect(spike.total_received).toBeGreaterThanOrEqual(100);
    expect(spike.total_errors).toBe(Object.values(spike.error_breakdown).reduce((a, b) => a + b, 0));
    expect(spike.p95_latency_ms).toBeLessThan(1000);

    const slow = at(0.6).callbackMetrics;
    expect(slow.p95_latency_ms).toBeGreaterThan(1000);
    expect(slow.error_rate).toBeLessThan(0.05);
  });

  it('counts no callbacks while the handler is stale, and keeps counting across cycles', () => {
    expect(at(0.39).callbackMetrics.total_received).toBe(at(0.2).callbackMetrics.total_received);
    expect(at(0.5).callbackMetrics.total_received).toBeGreaterThan(at(0.39).callbackMetrics.total_received);
    expect(at(0.1, 1).callbackMetrics.total_received).toBeGreaterThan(
      at(0.99).callbackMetrics.total_received,
    );
  });

  it.each([
    { f: 0.1, phase: 'healthy', status: 200, delayMs: 0 },
    { f: 0.4, phase: 'slow', status: 200, delayMs: SLOW_SOLVER_MS },
    { f: 0.55, phase: 'failing', status: 500, delayMs: 0 },
    { f: 0.7, phase: 'healthy', status: 200, delayMs: 0 },
  ] as const)('answers as a $phase solver API at $f of the cycle', ({ f, phase, status, delayMs }) => {
    const report = at(f);
    expect(report.solverApiPhase).toBe(phase);
    expect(report.solverApi).toMatchObject({ status, delayMs });
  });

  it('has the slow solver API answer later than the http monitor tolerates (500 ms)', () => {
    expect(SLOW_SOLVER_MS).toBeGreaterThan(500);
  });

  it.each([
    { f: 0, paused: false },
    { f: 0.39, paused: false },
    { f: 0.4, paused: true },
    { f: 0.69, paused: true },
    { f: 0.7, paused: false },
  ])('pauses the heartbeat at $f of the cycle: $paused', ({ f, paused }) => {
    expect(at(f).heartbeatPaused).toBe(paused);
  });

  it('repeats every cycle', () => {
    for (const f of [0, 0.25, 0.45, 0.6, 0.8]) {
      const { callbackMetrics: a, ...first } = at(f);
      // Four 60 s cycles: also three of the pipeline's own 80 s cycles (its phase is in the report).
      const { callbackMetrics: b, ...later } = at(f, 4);
      expect(later).toEqual(first);
      expect(b.status).toBe(a.status);
    }
  });

  it('ends every cycle with everything recovered', () => {
    const end = at(0.9);
    expect(end).toMatchObject({
      balance: 14,
      callbackPhase: 'healthy',
      solverApiPhase: 'healthy',
      heartbeatPaused: false,
    });
  });

  it.each([
    { cycle: 10, check: 1 },
    { cycle: 20, check: 1 },
    { cycle: 60, check: 2 },
    { cycle: 120, check: 4 },
    { cycle: 3600, check: 5 },
  ])('checks every $check s in a cycle of $cycle s', ({ cycle, check }) => {
    expect(demoPace(cycle)).toEqual({ checkIntervalSeconds: check, beatSeconds: check });
  });
});
