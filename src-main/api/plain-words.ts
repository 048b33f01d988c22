import type { RuleResult } from './alert-types.ts';
import type { MonitorState } from './monitor-state.ts';
import { formatDuration, formatLatency, formatMoney, formatNumber, formatPercent } from './number-format.ts';
import type { SampleValue } from './sample-values.ts';

/**
 * The one place that says what a check found the way a person would: "Balance $2.79 — below the
 * $10.00 warning", "Error rate 12 % of 3,141 callbacks — above 5 %". Cards, alert rows, the tray,
 * desktop notifications and Discord all take their words from here; the resolved condition
 * (`[BALANCE] (2.79) < 10`) stays available as the detail.
 */

/** Messages leave this machine (Discord, notifications, the log): one fixed locale, not the host's. */
export const MESSAGE_LOCALE = 'en-US';

/** What the words of one check are made of; a `MonitorStatus` is one. */
export interface CheckFacts {
  state: MonitorState;
  /** The breached rules (others are ignored). */
  breached: readonly RuleResult[];
  values: Record<string, SampleValue>;
  /** The probe's own reason when the check failed. */
  error: string | null;
  latencyMs: number | null;
  /** Balance monitors; falls back to `values.currency`, then "$". */
  currency?: string | null;
}

const rank = { warning: 1, critical: 2 } as const;

/** The rule a person should hear about first: the most severe breached one. */
export function worstRule(results: readonly RuleResult[]): RuleResult | null {
  let worst: RuleResult | null = null;
  for (const r of results) if (r.breached && (!worst || rank[r.severity] > rank[worst.severity])) worst = r;
  return worst;
}

/** One line for the check: the worst breached rule in words, the failure reason, or "OK". */
export function checkWords(facts: CheckFacts, locale?: string): string {
  const worst = worstRule(facts.breached);
  if (facts.state === 'unknown') return facts.error ?? 'Unknown';
  if (!worst) return facts.state === 'ok' ? 'OK' : (facts.error ?? 'Not OK');
  return ruleWords(worst, facts, locale);
}

/**
 * The resolved conditions behind the words, for a disclosure or a code line; null when nothing is
 * breached, or when only a failed check is (its reason already says it all, `[UP] (false) == false` adds nothing).
 */
export function checkDetail(facts: Pick<CheckFacts, 'breached'> & { error?: string | null }): string | null {
  const resolved = facts.breached
    .filter((r) => r.breached && !(r.ruleId === 'down' && facts.error))
    .map((r) => r.resolved);
  return resolved.length > 0 ? resolved.join('\n') : null;
}

/** One breached rule in words; custom rules say their name first. */
export function ruleWords(
  rule: Pick<RuleResult, 'ruleId' | 'name' | 'severity' | 'threshold'>,
  facts: Omit<CheckFacts, 'state' | 'breached'>,
  locale?: string,
): string {
  const v = (...keys: string[]) => numberValue(facts.values, keys);
  const t = rule.threshold ?? null;
  const limit = (text: string) =>
    `the ${text} ${rule.severity === 'critical' ? 'critical limit' : 'warning'}`;
  const pct = (ratio: number) => formatPercent(ratio, 1, locale);
  const money = (amount: number) => formatMoney(amount, currencyOf(facts), locale);
  switch (rule.ruleId) {
    case 'down':
      return facts.error ?? 'Down';
    case 'latency':
    case 'latency-critical': {
      const ms = facts.latencyMs;
      if (ms === null || t === null) break;
      return `Response time ${formatLatency(ms, locale)} — above ${limit(formatLatency(t, locale))}`;
    }
    case 'unhealthy':
      return 'Health endpoint reports unhealthy (HTTP 503)';
    case 'not-healthy': {
      const status = facts.values.status;
      return typeof status === 'string'
        ? `Health status "${status}" — not healthy`
        : 'Health status not healthy';
    }
    case 'stale': {
      const sinceResult = v('seconds_since_last_event');
      if (sinceResult !== null) {
        const after = v('stale_after_seconds');
        const usual = after === null ? '' : ` — ${rule.severity} after ${formatDuration(after, locale)}`;
        return `No result for ${formatDuration(sinceResult, locale)}${usual}`;
      }
      const since = v('seconds_since_last_callback', 'secondsSinceLastCallback');
      if (since === null || t === null) break;
      return `No callback for ${formatDuration(since, locale)} — ${rule.severity} after ${formatDuration(t, locale)}`;
    }
    case 'error-rate': {
      const rate = v('error_rate', 'errorRate');
      const received = v('total_received', 'totalReceived');
      const tasks = v('tasks');
      if (rate === null || t === null) break;
      const of =
        tasks !== null
          ? ` of ${formatNumber(tasks, 0, locale)} solves`
          : received === null
            ? ''
            : ` of ${formatNumber(received, 0, locale)} callbacks`;
      const top = facts.values.top_error_code;
      const mostly = tasks !== null && typeof top === 'string' ? ` (mostly ${top})` : '';
      return `Error rate ${pct(rate)}${of} — above ${pct(t)}${mostly}`;
    }
    case 'queue': {
      const depth = v('queue_depth');
      if (depth === null || t === null) break;
      return `Queue ${formatNumber(depth, 0, locale)} tasks — above the ${formatNumber(t, 0, locale)} warning`;
    }
    case 'forged': {
      const refused = v('invalid_signatures');
      if (refused === null) break;
      const from = typeof facts.values.refused_from === 'string' ? ` from ${facts.values.refused_from}` : '';
      return `${formatNumber(refused, 0, locale)} forged ${refused === 1 ? 'event' : 'events'} refused${from}`;
    }
    case 'traffic-drop': {
      const usual = v('avg_events_per_min');
      if (usual === null) break;
      return `No results in the last minute — usually ${formatNumber(usual, 0, locale)} a minute`;
    }
    case 'traffic-spike': {
      const last = v('events_per_min');
      const usual = v('avg_events_per_min');
      if (last === null || usual === null) break;
      return `${formatNumber(last, 0, locale)} results in the last minute — usually ${formatNumber(usual, 0, locale)}`;
    }
    case 'provider-balance': {
      const balance = v('provider_balance');
      return balance === null
        ? 'Provider reports a low balance'
        : `Provider reports a low balance: ${money(balance)}`;
    }
    case 'p95-latency': {
      const p95 = v('p95_latency_ms', 'p95LatencyMs');
      if (p95 === null || t === null) break;
      return `Callback p95 ${formatLatency(p95, locale)} — above ${limit(formatLatency(t, locale))}`;
    }
    case 'delivery-rate': {
      const rate = v('delivery_rate', 'deliveryRate');
      if (rate === null || t === null) break;
      return `Delivery rate ${pct(rate)} — below ${pct(t)}`;
    }
    case 'balance-low':
    case 'balance-critical': {
      const balance = v('balance');
      if (balance === null || t === null) break;
      return `Balance ${money(balance)} — below ${limit(money(t))}`;
    }
    case 'key-rejected': {
      const code = facts.values.error_code;
      return typeof code === 'string' ? `API key rejected (${code})` : 'API key rejected';
    }
  }
  return ruleName(rule);
}

/** A custom rule without a name is called by its number, never by its condition. */
function ruleName(rule: Pick<RuleResult, 'ruleId' | 'name'>): string {
  if (!rule.name.includes('[')) return rule.name;
  const n = /^custom-(\d+)$/.exec(rule.ruleId)?.[1];
  return n ? `Custom rule ${n} breached` : 'Rule breached';
}

function currencyOf(facts: Pick<CheckFacts, 'currency' | 'values'>): string {
  const c = facts.currency ?? facts.values.currency;
  return typeof c === 'string' && c.trim() !== '' ? c.trim() : '$';
}

function numberValue(values: Record<string, SampleValue>, keys: readonly string[]): number | null {
  for (const key of keys) {
    const v = values[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

/** "7 min", "45 s", "2 h 5 min": how long an incident lasted, for recovery messages. */
export function outageLength(ms: number, locale = MESSAGE_LOCALE): string {
  return formatDuration(Math.max(0, Math.round(ms / 1000)), locale);
}

/** An amount as messages show it (fixed locale). */
export const messageMoney = (amount: number, currency: string): string =>
  formatMoney(amount, currency, MESSAGE_LOCALE);
