import { describe, expect, it } from 'vitest';
import type { RuleResult } from '../../../src-main/api/alert-types.ts';
import { unchangedEvaluation } from '../../../src-main/engine/monitors/unchanged-evaluation.ts';
import type { Evaluation } from '../../../src-main/engine/rules/evaluate-rules.ts';

const rule: RuleResult = {
  ruleId: 'slow',
  name: 'Slow',
  severity: 'warning',
  breached: false,
  resolved: 'latencyMs (12) > 800',
  threshold: 800,
};
const ok: Evaluation = { state: 'ok', results: [rule], summary: 'OK' };

describe('unchangedEvaluation', () => {
  it('keeps the previous evaluation when the new one says the same', () => {
    const again: Evaluation = { state: 'ok', results: [{ ...rule }], summary: 'OK' };
    expect(unchangedEvaluation(ok, again)).toBe(ok);
  });

  it('takes the new evaluation when anything a rule says differs', () => {
    const cases: Evaluation[] = [
      { ...ok, results: [{ ...rule, resolved: 'latencyMs (13) > 800' }] },
      { ...ok, results: [{ ...rule, breached: null }] },
      { ...ok, results: [{ ...rule, threshold: 900 }] },
      { ...ok, results: [] },
      { state: 'warning', results: [{ ...rule, breached: true }], summary: 'latencyMs (900) > 800' },
    ];
    for (const next of cases) expect(unchangedEvaluation(ok, next)).toBe(next);
    expect(unchangedEvaluation(undefined, ok)).toBe(ok);
  });
});
