import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../../src-main/api/alert-types.ts';
import { type CheckFacts, checkDetail, checkWords, outageLength } from '../../src-main/api/plain-words.ts';

const rule = (over: Partial<RuleResult> & { ruleId: string }): RuleResult => ({
  name: over.ruleId,
  severity: 'warning',
  breached: true,
  resolved: `[X] (1) > 0`,
  ...over,
});

const facts = (breached: RuleResult[], over: Partial<CheckFacts> = {}): CheckFacts => ({
  state: breached.some((r) => r.severity === 'critical') ? 'critical' : 'warning',
  breached,
  values: {},
  error: null,
  latencyMs: 12,
  ...over,
});

describe('checkWords', () => {
  it.each<[string, CheckFacts, string]>([
    [
      'a low balance with its currency and the warning it is below',
      facts([rule({ ruleId: 'balance-low', threshold: 10 })], { values: { balance: 2.79, currency: '$' } }),
      'Balance $2.79 — below the $10.00 warning',
    ],
    [
      'a critically low balance in a currency code',
      facts([rule({ ruleId: 'balance-critical', severity: 'critical', threshold: 2 })], {
        values: { balance: 1.5 },
        currency: 'EUR',
      }),
      'Balance 1.50 EUR — below the 2.00 EUR critical limit',
    ],
    [
      'a down check by the probe’s own reason',
      facts([rule({ ruleId: 'down', severity: 'critical', resolved: '[UP] (false) == false' })], {
        error: 'HTTP 500 (expected 2xx)',
      }),
      'HTTP 500 (expected 2xx)',
    ],
    [
      'an error rate with the callbacks it is a share of',
      facts([rule({ ruleId: 'error-rate', severity: 'critical', threshold: 0.05 })], {
        values: { error_rate: 0.12, total_received: 3141 },
      }),
      'Error rate 12 % of 3,141 callbacks — above 5 %',
    ],
    [
      'a pipeline error spike with its solves and the code most of them failed with',
      facts([rule({ ruleId: 'error-rate', severity: 'critical', threshold: 0.15 })], {
        values: { error_rate: 0.225, tasks: 200, top_error_code: 'ERROR_CAPTCHA_UNSOLVABLE' },
      }),
      'Error rate 22.5 % of 200 solves — above 15 % (mostly ERROR_CAPTCHA_UNSOLVABLE)',
    ],
    [
      'a pipeline with no recent result',
      facts([rule({ ruleId: 'stale' })], {
        values: { seconds_since_last_event: 420, stale_after_seconds: 300 },
      }),
      'No result for 7 min — warning after 5 min',
    ],
    [
      'a queue backup',
      facts([rule({ ruleId: 'queue', threshold: 500 })], { values: { queue_depth: 1400 } }),
      'Queue 1,400 tasks — above the 500 warning',
    ],
    [
      'forged events with the address they came from',
      facts([rule({ ruleId: 'forged', severity: 'critical' })], {
        values: { invalid_signatures: 2, refused_from: '203.0.113.66' },
      }),
      '2 forged events refused from 203.0.113.66',
    ],
    [
      'a traffic drop',
      facts([rule({ ruleId: 'traffic-drop' })], { values: { events_per_min: 0, avg_events_per_min: 42.5 } }),
      'No results in the last minute — usually 43 a minute',
    ],
    [
      'a traffic spike',
      facts([rule({ ruleId: 'traffic-spike' })], { values: { events_per_min: 600, avg_events_per_min: 40 } }),
      '600 results in the last minute — usually 40',
    ],
    [
      'the provider’s low-balance webhook',
      facts([rule({ ruleId: 'provider-balance' })], { values: { provider_balance: 4.2 } }),
      'Provider reports a low balance: $4.20',
    ],
    [
      'a slow callback p95',
      facts([rule({ ruleId: 'p95-latency', threshold: 1000 })], { values: { p95_latency_ms: 1850 } }),
      'Callback p95 1.85 s — above the 1 s warning',
    ],
    [
      'a slow response',
      facts([rule({ ruleId: 'latency', threshold: 500 })], { latencyMs: 812 }),
      'Response time 812 ms — above the 500 ms warning',
    ],
    [
      'stale callbacks as durations',
      facts([rule({ ruleId: 'stale', threshold: 300 })], { values: { seconds_since_last_callback: 420 } }),
      'No callback for 7 min — warning after 5 min',
    ],
    [
      'a rejected key with its code',
      facts([rule({ ruleId: 'key-rejected', severity: 'critical' })], {
        values: { error_code: 'ERROR_WRONG_USER_KEY' },
      }),
      'API key rejected (ERROR_WRONG_USER_KEY)',
    ],
    [
      'a named custom rule by its name',
      facts([rule({ ruleId: 'custom-1', name: 'Queue too deep', resolved: '[BODY].queue (812) > 500' })]),
      'Queue too deep',
    ],
    [
      'an unnamed custom rule by its number, not its condition',
      facts([rule({ ruleId: 'custom-2', name: '[BODY].queue > 500', resolved: '[BODY].queue (812) > 500' })]),
      'Custom rule 2 breached',
    ],
    [
      'the worst of several breached rules',
      facts(
        [
          rule({ ruleId: 'balance-low', threshold: 10 }),
          rule({ ruleId: 'balance-critical', severity: 'critical', threshold: 2 }),
        ],
        { values: { balance: 1 } },
      ),
      'Balance $1.00 — below the $2.00 critical limit',
    ],
    ['OK when nothing is breached', facts([], { state: 'ok' }), 'OK'],
    [
      'the reason when unknown',
      facts([], { state: 'unknown', error: 'offline: no network' }),
      'offline: no network',
    ],
  ])('says %s', (_, input, expected) => {
    expect(checkWords(input, 'en-US')).toBe(expected);
  });

  it('keeps the resolved conditions as the detail', () => {
    const input = facts([
      rule({
        ruleId: 'error-rate',
        resolved: '[BODY].error_rate (0.12) > 0.05 && [BODY].total_received (3141) >= 100',
      }),
      rule({ ruleId: 'stale', breached: false, resolved: '[BODY].seconds_since_last_callback (3) > 300' }),
    ]);
    expect(checkDetail(input)).toBe('[BODY].error_rate (0.12) > 0.05 && [BODY].total_received (3141) >= 100');
    expect(checkDetail(facts([], { state: 'ok' }))).toBeNull();
    const down = rule({ ruleId: 'down', severity: 'critical', resolved: '[UP] (false) == false' });
    expect(checkDetail(facts([down], { error: 'connection refused' }))).toBeNull();
  });

  it.each([
    [420_000, '7 min'],
    [45_000, '45 s'],
    [7_500_000, '2 h 5 min'],
  ])('gives an outage of %d ms as %s', (ms, text) => {
    expect(outageLength(ms)).toBe(text);
  });
});
