import { describe, expect, it } from 'vitest';
import { type MonitorConfig, type MonitorInput, MonitorSchema } from '../../../src-main/api/config-schema.ts';
import { rulesFor } from '../../../src-main/engine/rules/default-rules.ts';
import { evaluateRules } from '../../../src-main/engine/rules/evaluate-rules.ts';
import type { Sample } from '../../../src-main/engine/sample.ts';

const URL = 'http://127.0.0.1:9/health';
const monitors = {
  http: { id: 'api', type: 'http', url: URL },
  callbacks: { id: 'callbacks', type: 'callback-health', url: URL },
  balance: { id: 'balance', type: 'balance', provider: 'captchaai', apiKey: 'k' },
  heartbeat: { id: 'worker', type: 'heartbeat', periodSeconds: 60 },
} satisfies Record<string, MonitorInput>;

const monitor = (input: MonitorInput, over: Record<string, unknown> = {}): MonitorConfig =>
  MonitorSchema.parse({ ...input, ...over });

const sample = (over: Partial<Sample> = {}): Sample => ({
  monitorId: 'm',
  time: 0,
  status: 'up',
  latencyMs: 40,
  httpStatus: 200,
  values: {},
  ...over,
});

const healthy = {
  status: 'healthy',
  total_received: 1000,
  total_errors: 2,
  error_rate: 0.002,
  avg_latency_ms: 12,
  p95_latency_ms: 40,
  seconds_since_last_callback: 3,
};
const callbackSample = (body: Record<string, unknown>, over: Partial<Sample> = {}) =>
  sample({ body: { ...healthy, ...body }, bodyText: JSON.stringify({ ...healthy, ...body }), ...over });

const ids = (m: MonitorConfig) => rulesFor(m).map((r) => r.id);

describe('default rules', () => {
  it.each([
    ['http', monitors.http, ['down', 'latency']],
    [
      'callback-health',
      monitors.callbacks,
      ['down', 'unhealthy', 'not-healthy', 'stale', 'error-rate', 'p95-latency', 'delivery-rate'],
    ],
    ['balance', monitors.balance, ['down', 'balance-low', 'balance-critical', 'key-rejected']],
    ['heartbeat', monitors.heartbeat, ['down']],
  ] as const)('a %s monitor gets its type defaults', (_type, input, expected) => {
    expect(ids(monitor(input))).toEqual(expected);
  });

  it('writes thresholds from the monitor config into the conditions', () => {
    const rules = rulesFor(monitor(monitors.callbacks, { errorRateCritical: 0.1, errorRateMinReceived: 50 }));
    expect(rules.find((r) => r.id === 'error-rate')).toMatchObject({
      when: '[BODY].error_rate > 0.1 && [BODY].total_received >= 50',
      severity: 'critical',
    });
  });

  it.each([
    ['a null threshold turns its rule off', monitors.http, { latencyWarnMs: null }, ['down']],
    [
      'latencyCriticalMs adds a critical latency rule',
      monitors.http,
      { latencyCriticalMs: 2000 },
      ['down', 'latency', 'latency-critical'],
    ],
    [
      'null balance thresholds',
      monitors.balance,
      { warnBelow: null, criticalBelow: null },
      ['down', 'key-rejected'],
    ],
    [
      'null callback thresholds',
      monitors.callbacks,
      { staleWarnSeconds: null, errorRateCritical: null, p95WarnMs: null, deliveryRateCritical: null },
      ['down', 'unhealthy', 'not-healthy'],
    ],
    [
      'disableRules removes defaults by id',
      monitors.balance,
      { disableRules: ['balance-low', 'down'] },
      ['balance-critical', 'key-rejected'],
    ],
    ['disableRules ignores unknown ids', monitors.heartbeat, { disableRules: ['latency'] }, ['down']],
  ] as const)('%s', (_title, input, over, expected) => {
    expect(ids(monitor(input, over))).toEqual(expected);
  });

  it('appends custom rules as custom-1, custom-2… named by their condition unless named', () => {
    const rules = rulesFor(
      monitor(monitors.http, {
        rules: [
          { when: '[BODY].queue_depth > 500', severity: 'warning', name: 'Queue backing up' },
          { when: '[STATUS] == 429', severity: 'critical' },
        ],
      }),
    );
    expect(rules.slice(2).map(({ id, name, when, severity }) => ({ id, name, when, severity }))).toEqual([
      { id: 'custom-1', name: 'Queue backing up', when: '[BODY].queue_depth > 500', severity: 'warning' },
      { id: 'custom-2', name: '[STATUS] == 429', when: '[STATUS] == 429', severity: 'critical' },
    ]);
  });

  it('refuses a malformed custom rule at validation, naming the field', () => {
    const r = MonitorSchema.safeParse({
      ...monitors.http,
      rules: [{ when: '[FOO] > 1', severity: 'critical' }],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ['rules', 0, 'when'],
      message: 'unknown placeholder [FOO]',
    });
  });

  it('keeps a malformed custom rule that bypassed validation as never applicable, showing why', () => {
    const m = monitor(monitors.http);
    m.rules = [{ when: '[FOO] > 1', severity: 'critical' }];
    const evaluation = evaluateRules(rulesFor(m), sample());
    expect(evaluation.state).toBe('ok');
    expect(evaluation.results.at(-1)).toEqual({
      ruleId: 'custom-1',
      name: '[FOO] > 1',
      severity: 'critical',
      breached: null,
      resolved: '[FOO] > 1 (invalid: unknown placeholder [FOO])',
    });
  });

  it('shares one parsed condition among monitors with the same rule, and still parses past its cache', () => {
    const a = rulesFor(monitor(monitors.http, { id: 'a' }));
    const b = rulesFor(monitor(monitors.http, { id: 'b', url: 'http://127.0.0.1:10/health' }));
    expect(b.map((r) => r.condition)).toEqual(a.map((r) => r.condition));
    for (const [i, r] of b.entries()) expect(r.condition).toBe(a[i]?.condition);
    // More distinct conditions than the cache keeps: each still parses to its own threshold.
    const limits = Array.from({ length: 1500 }, (_, i) => 1000 + i);
    for (const ms of limits) {
      const [rule] = rulesFor(
        monitor(monitors.http, { rules: [{ when: `[RESPONSE_TIME] > ${ms}`, severity: 'warning' }] }),
      ).slice(-1);
      expect(evaluateRules([rule as (typeof a)[number]], sample({ latencyMs: ms + 1 })).state).toBe(
        'warning',
      );
    }
    const again = rulesFor(monitor(monitors.http, { id: 'c' }));
    expect(again.map((r) => r.condition)).toEqual(a.map((r) => r.condition));
  });
});

describe('rule evaluation at the thresholds', () => {
  const balanceRules = rulesFor(monitor(monitors.balance));
  it.each([
    [12.34, 'ok', 'OK'],
    [10, 'ok', 'OK'],
    [9.99, 'warning', '[BALANCE] (9.99) < 10'],
    [2, 'warning', '[BALANCE] (2) < 10'],
    [1.99, 'critical', '[BALANCE] (1.99) < 2'],
    [0, 'critical', '[BALANCE] (0) < 2'],
  ] as const)('balance %d → %s', (balance, state, summary) => {
    expect(evaluateRules(balanceRules, sample({ values: { balance } }))).toMatchObject({ state, summary });
  });

  it.each([
    ['ERROR_WRONG_USER_KEY', 'critical'],
    ['ERROR_KEY_DOES_NOT_EXIST', 'critical'],
    ['ERROR_ZERO_BALANCE', 'ok'],
  ] as const)('balance API answering %s → %s', (code, state) => {
    expect(evaluateRules(balanceRules, sample({ values: { error_code: code } })).state).toBe(state);
  });

  const callbackRules = rulesFor(monitor(monitors.callbacks));
  it.each([
    ['error_rate 0.05 of 100', { error_rate: 0.05, total_received: 100 }, 'ok', 'OK'],
    [
      'error_rate 0.0501 of 100',
      { error_rate: 0.0501, total_received: 100 },
      'critical',
      '[BODY].error_rate (0.0501) > 0.05 && [BODY].total_received (100) >= 100',
    ],
    ['error_rate 0.0501 of 99', { error_rate: 0.0501, total_received: 99 }, 'ok', 'OK'],
    ['p95 1000', { p95_latency_ms: 1000 }, 'ok', 'OK'],
    ['p95 1001', { p95_latency_ms: 1001 }, 'warning', '[BODY].p95_latency_ms (1001) > 1000'],
    ['300 s since last callback', { seconds_since_last_callback: 300 }, 'ok', 'OK'],
    [
      '301 s since last callback',
      { seconds_since_last_callback: 301 },
      'warning',
      '[BODY].seconds_since_last_callback (301) > 300',
    ],
    ['no callback yet (-1)', { seconds_since_last_callback: -1 }, 'ok', 'OK'],
    ['delivery rate 0.9', { delivery_rate: 0.9 }, 'ok', 'OK'],
    ['delivery rate 0.89', { delivery_rate: 0.89 }, 'critical', '[BODY].delivery_rate (0.89) < 0.9'],
    ['status stale', { status: 'stale' }, 'critical', '[BODY].status (stale) != any(healthy, ok, up, pass)'],
    [
      'stale and slow: critical wins',
      { status: 'stale', p95_latency_ms: 5000 },
      'critical',
      '[BODY].status (stale) != any(healthy, ok, up, pass)',
    ],
  ] as const)('%s → %s', (_title, body, state, summary) => {
    expect(evaluateRules(callbackRules, callbackSample(body))).toMatchObject({ state, summary });
  });

  it.each(['healthy', 'ok', 'up', 'pass'])('accepts status "%s" as healthy', (status) => {
    expect(evaluateRules(callbackRules, callbackSample({ status })).state).toBe('ok');
  });

  it('reports rules whose fields are absent as not applicable, not breached', () => {
    const evaluation = evaluateRules(callbackRules, sample({ body: {}, bodyText: '{}' }));
    expect(evaluation.state).toBe('ok');
    expect(evaluation.results.filter((r) => r.breached === null).map((r) => r.ruleId)).toEqual([
      'not-healthy',
      'stale',
      'error-rate',
      'p95-latency',
      'delivery-rate',
    ]);
    expect(evaluation.results.find((r) => r.ruleId === 'delivery-rate')?.resolved).toBe(
      '[BODY].delivery_rate (missing) < 0.9',
    );
  });

  it('treats a 503 from the health endpoint as unhealthy', () => {
    const evaluation = evaluateRules(
      callbackRules,
      callbackSample({}, { status: 'degraded', httpStatus: 503 }),
    );
    expect(evaluation).toMatchObject({ state: 'critical', summary: '[STATUS] (503) == 503' });
  });

  const httpRules = rulesFor(monitor(monitors.http, { latencyCriticalMs: 2000 }));
  it.each([
    [500, 'ok', 'OK'],
    [501, 'warning', '[RESPONSE_TIME] (501) > 500'],
    [2001, 'critical', '[RESPONSE_TIME] (2001) > 2000'],
  ] as const)('http latency %d ms → %s', (latencyMs, state, summary) => {
    expect(evaluateRules(httpRules, sample({ latencyMs }))).toMatchObject({ state, summary });
  });
});

describe('rule evaluation of failed checks', () => {
  it.each([
    ['connection refused by 127.0.0.1:9', 'refused'],
    ['timed out after 10000 ms', 'timeout'],
    ['unexpected status 500 (expected 2xx)', 'http-status'],
    ['no heartbeat for 95 s (period 60 s + grace 30 s)', 'stale'],
    ['API key rejected (ERROR_WRONG_USER_KEY)', 'key-rejected'],
  ] as const)('a down sample is critical and summarised by its own reason: %s', (error, errorKind) => {
    const evaluation = evaluateRules(
      rulesFor(monitor(monitors.http)),
      sample({ status: 'down', error, errorKind }),
    );
    expect(evaluation.state).toBe('critical');
    expect(evaluation.summary).toBe(error);
    expect(evaluation.results[0]).toMatchObject({
      ruleId: 'down',
      breached: true,
      resolved: '[UP] (false) == false',
    });
  });

  it('falls back to the resolved condition when a down sample has no reason', () => {
    expect(evaluateRules(rulesFor(monitor(monitors.heartbeat)), sample({ status: 'down' })).summary).toBe(
      '[UP] (false) == false',
    );
  });

  it('is unknown, whatever the rules say, when the sample is unknown', () => {
    const evaluation = evaluateRules(
      rulesFor(monitor(monitors.balance)),
      sample({ status: 'unknown', error: 'offline: no network', values: { balance: 1 } }),
    );
    expect(evaluation).toMatchObject({ state: 'unknown', summary: 'offline: no network' });
  });

  it('is ok for a down sample when the down rule is disabled', () => {
    const rules = rulesFor(monitor(monitors.heartbeat, { disableRules: ['down'] }));
    expect(evaluateRules(rules, sample({ status: 'down', error: 'x' }))).toEqual({
      state: 'ok',
      results: [],
      summary: 'OK',
    });
  });
});
