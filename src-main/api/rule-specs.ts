import type { MonitorConfig, PipelineMonitor, RuleSeverity } from './config-schema.ts';

/** What a callback handler may report as `status` while it is fine. */
export const HEALTHY_STATUSES: readonly string[] = ['healthy', 'ok', 'up', 'pass'];

/** A rule as configured: a condition in text, its severity, and the threshold it compares with, if any. */
export interface RuleSpec {
  id: string;
  name: string;
  when: string;
  severity: RuleSeverity;
  /** The configured number the condition compares with (shown in alerts), null for fixed rules. */
  threshold: number | null;
}

const DOWN: RuleSpec = {
  id: 'down',
  name: 'Down',
  when: '[UP] == false',
  severity: 'critical',
  threshold: null,
};

interface CertificateThresholds {
  certWarnDays: number | null;
  certCriticalDays: number | null;
}

/** Certificate expiry, for a monitor that speaks TLS (a plain http URL has no certificate to judge). */
function certificateSpecs(m: CertificateThresholds, tls: boolean): RuleSpec[] {
  const specs: RuleSpec[] = [];
  if (!tls) return specs;
  if (m.certWarnDays !== null)
    specs.push({
      id: 'certificate',
      name: 'TLS certificate expires soon',
      when: `[VALUE].cert_days_left < ${m.certWarnDays}`,
      severity: 'warning',
      threshold: m.certWarnDays,
    });
  if (m.certCriticalDays !== null)
    specs.push({
      id: 'certificate-critical',
      name: 'TLS certificate expires very soon',
      when: `[VALUE].cert_days_left < ${m.certCriticalDays}`,
      severity: 'critical',
      threshold: m.certCriticalDays,
    });
  return specs;
}

/** Disabling a rule also disables the rules listed here under its id. */
const DISABLED_TOGETHER: Readonly<Record<string, string>> = { 'certificate-critical': 'certificate' };

/** The default rule set of a monitor type (DESIGN.md "Default rules"); a null threshold switches its rule off. */
export function defaultRuleSpecs(m: MonitorConfig): RuleSpec[] {
  const specs: RuleSpec[] = [DOWN];
  const add = (threshold: number | null, spec: (t: number) => Omit<RuleSpec, 'threshold'>) => {
    if (threshold !== null) specs.push({ ...spec(threshold), threshold });
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
      specs.push(...certificateSpecs(m, m.url.startsWith('https:')));
      break;
    case 'callback-health':
      specs.push(
        {
          id: 'unhealthy',
          name: 'Health endpoint unhealthy (503)',
          when: '[STATUS] == 503',
          severity: 'critical',
          threshold: null,
        },
        {
          id: 'not-healthy',
          name: 'Status not healthy',
          when: `[BODY].status != any(${HEALTHY_STATUSES.join(', ')})`,
          severity: 'critical',
          threshold: null,
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
      specs.push(...certificateSpecs(m, m.url.startsWith('https:')));
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
        threshold: null,
      });
      break;
    case 'heartbeat':
      break;
    case 'tcp':
      specs.push(...certificateSpecs(m, m.tls !== false));
      break;
    case 'pipeline':
      specs.push(...pipelineRuleSpecs(m));
      break;
    case 'webhook-receiver':
      specs.push({
        id: 'accepts-forged',
        name: 'Accepts forged webhooks',
        when: '[VALUE].forged_accepted == true',
        severity: 'critical',
        threshold: null,
      });
      break;
  }
  return specs;
}

/** The pipeline's rules over its window's values (seeds 000, 001, 003, 004); see engine/pipeline. */
function pipelineRuleSpecs(m: PipelineMonitor): RuleSpec[] {
  const specs: RuleSpec[] = [];
  const fixed = (spec: Omit<RuleSpec, 'threshold'>) => specs.push({ ...spec, threshold: null });
  if (m.errorRateCritical !== null) {
    specs.push({
      id: 'error-rate',
      name: 'Solve error rate spike',
      when: `[VALUE].error_rate > ${m.errorRateCritical} && [VALUE].tasks > ${m.errorRateMinTasks}`,
      severity: 'critical',
      threshold: m.errorRateCritical,
    });
  }
  // delivery_rate is absent while no submitted task has reached its deadline: the rule then does not apply.
  specs.push({
    id: 'delivery-rate',
    name: 'Low callback delivery rate',
    when: '[VALUE].delivery_rate < 0.9',
    severity: 'critical',
    threshold: 0.9,
  });
  if (m.staleSeconds !== null) {
    fixed({
      id: 'stale',
      name: 'No recent results',
      when: '[VALUE].seconds_since_last_event > [VALUE].stale_after_seconds',
      severity: 'warning',
    });
  }
  fixed({
    id: 'traffic-drop',
    name: 'Traffic dropped',
    when: '[VALUE].events_per_min == 0 && [VALUE].avg_events_per_min > 5',
    severity: 'warning',
  });
  fixed({
    id: 'traffic-spike',
    name: 'Traffic spike',
    when: '[VALUE].rate_vs_average > 5 && [VALUE].avg_events_per_min >= 1',
    severity: 'warning',
  });
  if (m.queueWarn !== null) {
    specs.push({
      id: 'queue',
      name: 'Queue backup',
      when: `[VALUE].queue_depth > ${m.queueWarn}`,
      severity: 'warning',
      threshold: m.queueWarn,
    });
  }
  fixed({
    id: 'forged',
    name: 'Forged events refused',
    when: '[VALUE].invalid_signatures > 0',
    severity: 'critical',
  });
  fixed({
    id: 'provider-balance',
    name: 'Provider reports low balance',
    when: '[VALUE].balance_low > 0',
    severity: 'warning',
  });
  return specs;
}

/** The monitor's rules: its type's defaults minus `disableRules`, then its own rules as custom-1, custom-2… */
export function ruleSpecsFor(monitor: MonitorConfig): RuleSpec[] {
  const disabled = new Set(monitor.disableRules);
  const isDisabled = (id: string) => disabled.has(id) || disabled.has(DISABLED_TOGETHER[id] ?? id);
  const specs = defaultRuleSpecs(monitor).filter((spec) => !isDisabled(spec.id));
  monitor.rules.forEach((r, i) => {
    specs.push({
      id: `custom-${i + 1}`,
      name: r.name ?? r.when,
      when: r.when,
      severity: r.severity,
      threshold: null,
    });
  });
  return specs;
}
