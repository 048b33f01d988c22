import { describe, expect, it } from 'vitest';
import {
  ConditionSyntaxError,
  conditionError,
  parseCondition,
} from '../../../src-main/api/condition-syntax.ts';
import { evaluateCondition } from '../../../src-main/engine/conditions/evaluate-condition.ts';
import type { Sample } from '../../../src-main/engine/sample.ts';

const sample = (over: Partial<Sample> = {}): Sample => ({
  monitorId: 'm',
  time: 0,
  status: 'up',
  latencyMs: 120,
  httpStatus: 200,
  values: {},
  ...over,
});

const health = (body: Record<string, unknown>, over: Partial<Sample> = {}) =>
  sample({ body, bodyText: JSON.stringify(body), ...over });

const evaluate = (text: string, s: Sample) => evaluateCondition(parseCondition(text), s);

describe('condition placeholders', () => {
  it.each([
    ['[UP] == false', sample({ status: 'down' }), true, '[UP] (false) == false'],
    ['[UP] == false', sample({ status: 'degraded' }), false, '[UP] (true) == false'],
    ['[UP] == false', sample({ status: 'unknown' }), false, '[UP] (true) == false'],
    [
      '[CONNECTED] == true',
      sample({ status: 'down', errorKind: 'http-status' }),
      true,
      '[CONNECTED] (true) == true',
    ],
    [
      '[CONNECTED] == true',
      sample({ status: 'down', errorKind: 'timeout' }),
      false,
      '[CONNECTED] (false) == true',
    ],
    [
      '[CONNECTED] == true',
      sample({ status: 'down', errorKind: 'tls' }),
      false,
      '[CONNECTED] (false) == true',
    ],
    ['[STATUS] == 200', sample(), true, '[STATUS] (200) == 200'],
    ['[STATUS] == 200', sample({ httpStatus: undefined }), null, '[STATUS] (missing) == 200'],
    ['[RESPONSE_TIME] > 100', sample(), true, '[RESPONSE_TIME] (120) > 100'],
    ['[RESPONSE_TIME] > 100', sample({ latencyMs: null }), null, '[RESPONSE_TIME] (missing) > 100'],
    ['[BODY] contains pong', sample({ bodyText: 'ping pong' }), true, '[BODY] (ping pong) contains pong'],
    ['[BODY] contains pong', sample(), null, '[BODY] (missing) contains pong'],
    ['[BODY].a.b[0].c == 1', health({ a: { b: [{ c: 1 }] } }), true, '[BODY].a.b[0].c (1) == 1'],
    ['[BODY].a.b[1].c == 1', health({ a: { b: [{ c: 1 }] } }), null, '[BODY].a.b[1].c (missing) == 1'],
    ['[BODY].items.0 == x', health({ items: ['x'] }), true, '[BODY].items.0 (x) == x'],
    ['[BODY]["odd key"] == 1', health({ 'odd key': 1 }), true, '[BODY]["odd key"] (1) == 1'],
    ['[BODY].constructor == 1', health({}), null, '[BODY].constructor (missing) == 1'],
    ['[BODY].a.b == 1', health({ a: 'text' }), null, '[BODY].a.b (missing) == 1'],
    ['[BALANCE] < 10', sample({ values: { balance: 8.42 } }), true, '[BALANCE] (8.42) < 10'],
    ['[BALANCE] < 10', sample({ values: {} }), null, '[BALANCE] (missing) < 10'],
    ['[BALANCE] < 10', sample({ values: { balance: null } }), null, '[BALANCE] (null) < 10'],
    [
      '[ERROR_CODE] == ERROR_ZERO_BALANCE',
      sample({ values: { error_code: 'ERROR_ZERO_BALANCE' } }),
      true,
      '[ERROR_CODE] (ERROR_ZERO_BALANCE) == ERROR_ZERO_BALANCE',
    ],
    [
      '[VALUE].burn_per_hour > 1',
      sample({ values: { burn_per_hour: 1.5 } }),
      true,
      '[VALUE].burn_per_hour (1.5) > 1',
    ],
  ] as const)('%s on %j → %s', (text, s, breached, resolved) => {
    expect(evaluate(text, s)).toEqual({ breached, resolved });
  });
});

describe('condition operators and literals', () => {
  const body = health({
    status: 'stale',
    rate: '12.34',
    ok: true,
    none: null,
    tags: ['eu', 'fast'],
    breakdown: { TimeoutError: 3 },
    code: '007',
  });
  it.each([
    ['[BODY].rate > 10', true, '[BODY].rate (12.34) > 10'],
    ['[BODY].rate >= 12.34', true, '[BODY].rate (12.34) >= 12.34'],
    ['[BODY].rate < 12.34', false, '[BODY].rate (12.34) < 12.34'],
    ['[BODY].rate <= 12.34', true, '[BODY].rate (12.34) <= 12.34'],
    ['[BODY].rate == 12.340', true, '[BODY].rate (12.34) == 12.340'],
    ['[BODY].code == 7', true, '[BODY].code (007) == 7'],
    ['[BODY].status != healthy', true, '[BODY].status (stale) != healthy'],
    ['[BODY].status == "stale"', true, '[BODY].status (stale) == "stale"'],
    ['[BODY].status > 3', null, '[BODY].status (stale) > 3'],
    ['[BODY].ok == true', true, '[BODY].ok (true) == true'],
    ['[BODY].ok == "true"', true, '[BODY].ok (true) == "true"'],
    ['[BODY].ok == 1', false, '[BODY].ok (true) == 1'],
    ['[BODY].none == null', true, '[BODY].none (null) == null'],
    ['[BODY].none != null', false, '[BODY].none (null) != null'],
    ['[BODY].none > 1', null, '[BODY].none (null) > 1'],
    ['[BODY].tags contains fast', true, '[BODY].tags (array of 2) contains fast'],
    ['[BODY].tags !contains us', true, '[BODY].tags (array of 2) !contains us'],
    ['[BODY].breakdown contains TimeoutError', true, '[BODY].breakdown (object) contains TimeoutError'],
    ['[BODY].breakdown == 1', false, '[BODY].breakdown (object) == 1'],
    ['[BODY] contains "\\"status\\":\\"stale\\""', true, null],
    ['[BODY] !contains Service Unavailable', true, null],
    ['[BODY].status == any(stale, down)', true, '[BODY].status (stale) == any(stale, down)'],
    ['[BODY].status != any(stale, down)', false, '[BODY].status (stale) != any(stale, down)'],
    ['[BODY] contains any(nope, stale)', true, null],
    ['[BODY] !contains any(nope, stale)', false, null],
    ['[BODY].rate > [BODY].code', true, '[BODY].rate (12.34) > [BODY].code (007)'],
    ['[BODY].rate > [BODY].missing', null, '[BODY].rate (12.34) > [BODY].missing (missing)'],
    ['10 < [BODY].rate', true, '10 < [BODY].rate (12.34)'],
    ['[BODY].status == "a && b"', false, '[BODY].status (stale) == "a && b"'],
  ] as const)('%s → %s', (text, breached, resolved) => {
    const result = evaluate(text, body);
    expect(result.breached).toBe(breached);
    if (resolved !== null) expect(result.resolved).toBe(resolved);
  });

  it.each([
    ['[STATUS] != any(200, 204)', 500, true, '[STATUS] (500) != any(200, 204)'],
    ['[STATUS] != any(200, 204)', 204, false, '[STATUS] (204) != any(200, 204)'],
    ['[STATUS] == any(500, 503)', 503, true, '[STATUS] (503) == any(500, 503)'],
    ['[STATUS]==any(500,"503")', 503, true, '[STATUS] (503) == any(500, "503")'],
  ] as const)('%s with status %d → %s', (text, httpStatus, breached, resolved) => {
    expect(evaluate(text, sample({ httpStatus }))).toEqual({ breached, resolved });
  });

  it('shows long or multi-line bodies on one short line', () => {
    const { resolved } = evaluate(
      '[BODY] contains ok',
      sample({ bodyText: `<html>\n${'x'.repeat(200)}</html>` }),
    );
    expect(resolved).toBe(`[BODY] (<html> ${'x'.repeat(52)}…) contains ok`);
  });
});

describe('conditions joined with &&', () => {
  const text = '[BODY].error_rate > 0.05 && [BODY].total_received >= 100';
  it.each([
    [
      { error_rate: 0.06, total_received: 100 },
      true,
      '[BODY].error_rate (0.06) > 0.05 && [BODY].total_received (100) >= 100',
    ],
    [
      { error_rate: 0.06, total_received: 99 },
      false,
      '[BODY].error_rate (0.06) > 0.05 && [BODY].total_received (99) >= 100',
    ],
    [
      { error_rate: 0.01 },
      false,
      '[BODY].error_rate (0.01) > 0.05 && [BODY].total_received (missing) >= 100',
    ],
    [{ error_rate: 0.06 }, null, '[BODY].error_rate (0.06) > 0.05 && [BODY].total_received (missing) >= 100'],
  ])('%j → %s', (body, breached, resolved) => {
    expect(evaluate(text, health(body))).toEqual({ breached, resolved });
  });
});

describe('condition syntax errors', () => {
  it.each([
    ['', 'condition is empty'],
    ['   ', 'condition is empty'],
    ['[FOO] == 1', 'unknown placeholder [FOO]'],
    ['[status] == 200', 'unknown placeholder [status] (did you mean [STATUS]?)'],
    ['[STATUS] 200', 'missing operator after [STATUS] (found "200")'],
    ['[STATUS]', 'missing operator after [STATUS]'],
    ['[STATUS] = 200', 'unknown operator "=" after [STATUS] (use ==)'],
    ['[STATUS] ==', 'missing value after =='],
    ['[STATUS] == && [UP] == true', 'missing value after =='],
    ['[STATUS] == 200 &&', 'missing condition after &&'],
    ['[STATUS] == 200 || [UP] == false', '"||" is not supported: add another rule instead'],
    ['[STATUS == 200', 'unclosed "[" in "[STATUS == 200"'],
    ['[BODY] == "open', 'unterminated string "open'],
    ['[BODY] == "bad \\x"', 'invalid escape "\\x" in string'],
    ['[STATUS] == any(200, 204', 'unclosed any('],
    ['[STATUS] == any(200, )', 'empty value in any(…)'],
    ['[STATUS] > any(200, 204)', 'any(…) only works with ==, !=, contains and !contains, not >'],
    ['[STATUS].code == 200', '[STATUS] has no fields: remove ".code"'],
    ['[VALUE] > 1', '[VALUE] needs one name, e.g. [VALUE].burn_per_hour'],
    ['[BODY]. == 1', 'missing field name after "[BODY]."'],
    ['[BODY].a[x] == 1', 'array index must be a whole number in "[BODY].a[x]"'],
    ['1 == 1', '"1 == 1" needs a placeholder such as [STATUS] or [BODY].field'],
    ['[STATUS] == "200" 300', 'unexpected "300"'],
  ])('%j → %s', (text, message) => {
    expect(() => parseCondition(text)).toThrow(ConditionSyntaxError);
    expect(conditionError(text)).toBe(message);
  });

  it.each([
    '[BODY].status != healthy',
    '[ERROR_CODE] == any(ERROR_WRONG_USER_KEY, ERROR_KEY_DOES_NOT_EXIST)',
    '[BODY].delivery_rate < 0.9',
    '[BODY] contains Service Unavailable',
    '[STATUS]>=500&&[RESPONSE_TIME]<1e3',
  ])('accepts %j', (text) => {
    expect(conditionError(text)).toBeNull();
  });
});
