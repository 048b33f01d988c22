import { ConditionSyntaxError, type ParsedCondition, parseCondition } from '../conditions/condition.ts';
import type { MonitorConfig, RuleSeverity } from '../config/schema.ts';

export interface Rule {
  id: string;
  name: string;
  when: string;
  severity: RuleSeverity;
  condition: ParsedCondition;
}

type RuleSpec = Omit<Rule, 'condition'>;

const DOWN: RuleSpec = { id: 'down', name: 'Down', when: '[UP] == false', severity: 'critical' };

/** The default rule set of a monitor type (DESIGN.md "Default rules"); a null threshold switches its rule off. */
function defaultSpecs(m: MonitorConfig): RuleSpec[] {
  const specs: RuleSpec[] = [DOWN];
  const add = (threshold: number | null, spec: (t: number) => RuleSpec) => {
    if (threshold !== null) specs.push(spec(threshold));
  };
  switch (m.type) {
    case 'http':
      add(m.latencyWarnMs, (t) => ({
        id: 'latency',
        name: 'Slow response',
        when: `[RESPONSE_TIME] > ${t}`,
        severity: 'warning',
      }));
      add(m.latencyCriticalMs, (t) => ({
        id: 'latency-critical',
        name: 'Very slow response',
        when: `[RESPONSE_TIME] > ${t}`,
        severity: 'critical',
      }));
      break;
    case 'callback-health':
      specs.push(
        {
          id: 'unhealthy',
          name: 'Health endpoint unhealthy (503)',
          when: '[STATUS] == 503',
          severity: 'critical',
        },
        {
          id: 'not-healthy',
          name: 'Status not healthy',
          when: '[BODY].status != any(healthy, ok, up, pass)',
          severity: 'critical',
        },
      );
      add(m.staleWarnSeconds, (t) => ({
        id: 'stale',
        name: 'No recent callbacks',
        when: `[BODY].seconds_since_last_callback > ${t}`,
        severity: 'warning',
      }));
      add(m.errorRateCritical, (t) => ({
        id: 'error-rate',
        name: 'High callback error rate',
        when: `[BODY].error_rate > ${t} && [BODY].total_received >= ${m.errorRateMinReceived}`,
        severity: 'critical',
      }));
      add(m.p95WarnMs, (t) => ({
        id: 'p95-latency',
        name: 'Slow callback handling (p95)',
        when: `[BODY].p95_latency_ms > ${t}`,
        severity: 'warning',
      }));
      add(m.deliveryRateCritical, (t) => ({
        id: 'delivery-rate',
        name: 'Low callback delivery rate',
        when: `[BODY].delivery_rate < ${t}`,
        severity: 'critical',
      }));
      break;
    case 'balance':
      add(m.warnBelow, (t) => ({
        id: 'balance-low',
        name: 'Balance low',
        when: `[BALANCE] < ${t}`,
        severity: 'warning',
      }));
      add(m.criticalBelow, (t) => ({
        id: 'balance-critical',
        name: 'Balance critically low',
        when: `[BALANCE] < ${t}`,
        severity: 'critical',
      }));
      specs.push({
        id: 'key-rejected',
        name: 'API key rejected',
        when: '[ERROR_CODE] == any(ERROR_WRONG_USER_KEY, ERROR_KEY_DOES_NOT_EXIST)',
        severity: 'critical',
      });
      break;
    case 'heartbeat':
      break;
  }
  return specs;
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

/** The monitor's rules: its type's defaults minus `disableRules`, then its own rules as custom-1, custom-2… */
export function rulesFor(monitor: MonitorConfig): Rule[] {
  const disabled = new Set(monitor.disableRules);
  const rules = defaultSpecs(monitor)
    .filter((spec) => !disabled.has(spec.id))
    .map(toRule);
  monitor.rules.forEach((r, i) => {
    rules.push(toRule({ id: `custom-${i + 1}`, name: r.name ?? r.when, when: r.when, severity: r.severity }));
  });
  return rules;
}
