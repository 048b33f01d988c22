import type { RuleResult } from '../../api/alert-types.ts';
import type { Evaluation } from '../rules/evaluate-rules.ts';

const sameResult = (a: RuleResult, b: RuleResult) =>
  a.ruleId === b.ruleId &&
  a.breached === b.breached &&
  a.resolved === b.resolved &&
  a.severity === b.severity &&
  a.name === b.name &&
  a.threshold === b.threshold;

/**
 * The previous evaluation when the new one says the same, else the new one. A steady monitor then
 * keeps one set of rule results instead of promoting a fresh copy to the old heap every interval;
 * the fresh copy dies young.
 */
export function unchangedEvaluation(previous: Evaluation | undefined, next: Evaluation): Evaluation {
  if (
    previous === undefined ||
    previous.state !== next.state ||
    previous.summary !== next.summary ||
    previous.results.length !== next.results.length
  ) {
    return next;
  }
  for (let i = 0; i < next.results.length; i++) {
    if (!sameResult(previous.results[i] as RuleResult, next.results[i] as RuleResult)) return next;
  }
  return previous;
}
