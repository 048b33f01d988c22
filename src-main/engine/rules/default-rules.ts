import { ConditionSyntaxError, type ParsedCondition, parseCondition } from '../../api/condition-syntax.ts';
import type { MonitorConfig } from '../../api/config-schema.ts';
import { type RuleSpec, ruleSpecsFor } from '../../api/rule-specs.ts';

/** A rule spec with its condition parsed once, ready to evaluate. */
export interface Rule extends RuleSpec {
  condition: ParsedCondition;
}

/** Config validation rejects bad conditions; one that slips through is kept, never applicable, with its error shown. */
function toRule(spec: RuleSpec): Rule {
  let condition: ParsedCondition;
  try {
    condition = parseCondition(spec.when);
  } catch (err) {
    if (!(err instanceof ConditionSyntaxError)) throw err;
    condition = { text: spec.when, parts: [], invalid: err.message };
  }
  return { ...spec, condition };
}

export const rulesFor = (monitor: MonitorConfig): Rule[] => ruleSpecsFor(monitor).map(toRule);
