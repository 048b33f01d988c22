import type { RuleResult } from '../../api/alert-types.ts';
import type { RuleSeverity } from '../../api/config-schema.ts';
import type { MonitorState } from '../../api/monitor-state.ts';
import { evaluateCondition } from '../conditions/evaluate-condition.ts';
import type { Sample } from '../sample.ts';
import type { Rule } from './default-rules.ts';

export interface Evaluation {
  state: MonitorState;
  results: RuleResult[];
  /** One line a user reads: the worst breached rule (the probe's own reason for `down`), or "OK". */
  summary: string;
}

const rank: Record<RuleSeverity, number> = { warning: 1, critical: 2 };

export function evaluateRules(rules: readonly Rule[], sample: Sample): Evaluation {
  const results: RuleResult[] = [];
  let worst: RuleResult | null = null;
  for (const rule of rules) {
    const { breached, resolved } = evaluateCondition(rule.condition, sample);
    const result: RuleResult = {
      ruleId: rule.id,
      name: rule.name,
      severity: rule.severity,
      breached,
      resolved,
      ...(rule.threshold !== null && { threshold: rule.threshold }),
    };
    results.push(result);
    if (breached === true && (worst === null || rank[rule.severity] > rank[worst.severity])) worst = result;
  }
  if (sample.status === 'unknown') return { state: 'unknown', results, summary: sample.error ?? 'unknown' };
  if (worst === null) return { state: 'ok', results, summary: 'OK' };
  const summary = worst.ruleId === 'down' && sample.error ? sample.error : worst.resolved;
  return { state: worst.severity, results, summary };
}
