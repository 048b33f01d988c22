import { ConditionSyntaxError, type ParsedCondition, parseCondition } from '../../api/condition-syntax.ts';
import type { MonitorConfig } from '../../api/config-schema.ts';
import { type RuleSpec, ruleSpecsFor } from '../../api/rule-specs.ts';
import { setBounded } from '../bounded-map.ts';

/** A rule spec with its condition parsed once, ready to evaluate. */
export interface Rule extends RuleSpec {
  condition: ParsedCondition;
}

/** Parsed conditions by text, shared: a thousand monitors on the default rules hold two, not two thousand. */
const parsedConditions = new Map<string, ParsedCondition>();
/** Condition texts come from configs, so the cache forgets its oldest beyond this many. */
const PARSED_CONDITIONS_KEPT = 1000;

/** Config validation rejects bad conditions; one that slips through is kept, never applicable, with its error shown. */
function parsedCondition(text: string): ParsedCondition {
  let condition = parsedConditions.get(text);
  if (condition !== undefined) return condition;
  try {
    condition = parseCondition(text);
  } catch (err) {
    if (!(err instanceof ConditionSyntaxError)) throw err;
    condition = { text, parts: [], invalid: err.message };
  }
  setBounded(parsedConditions, text, condition, PARSED_CONDITIONS_KEPT);
  return condition;
}

const toRule = (spec: RuleSpec): Rule => ({ ...spec, condition: parsedCondition(spec.when) });

export const rulesFor = (monitor: MonitorConfig): Rule[] => ruleSpecsFor(monitor).map(toRule);
