import type { MonitorStatus } from '../../src-main/api/contract.ts';
import {
  formatDuration,
  formatLatency,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRelative,
} from '../../src-main/api/number-format.ts';
import { worstRule } from '../../src-main/api/plain-words.ts';
import type { DisplayState } from '../components/icons.tsx';
import { emptyAt, timeLeft, type ValueContext } from './sample-value.ts';

export const displayState = (m: Pick<MonitorStatus, 'enabled' | 'state'>): DisplayState =>
  m.enabled ? m.state : 'disabled';

const TYPE_LABELS: Record<string, string> = {
  http: 'HTTP endpoint',
  'callback-health': 'Callback health',
  balance: 'Solver balance',
  heartbeat: 'Heartbeat',
  tcp: 'TCP port',
  pipeline: 'Pipeline events',
  'webhook-receiver': 'Webhook receiver',
};
export const typeLabel = (type: string): string => TYPE_LABELS[type] ?? type;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export interface Headline {
  label: string;
  value: string;
}

/**
 * The number a card leads with: the breached value when a rule is breached (a slow p95 leads with
 * the p95, an HTTP 500 with its status), else the type's usual value. `now` keeps a heartbeat's
 * "last beat" ticking.
 */
export function headline(m: MonitorStatus, now: number, currency = '$', locale?: string): Headline {
  // Older engines and odd imports can send no values at all.
  const values: MonitorStatus['values'] = m.values ?? {};
  const worst = m.enabled ? worstRule(m.breached ?? []) : null;
  const breached = worst ? breachedHeadline(worst.ruleId, m, values, locale) : null;
  if (breached) return breached;
  switch (m.type) {
    case 'balance':
      return { label: 'Balance', value: formatMoney(num(values.balance) ?? m.value, currency, locale) };
    case 'callback-health':
      return { label: 'Error rate', value: formatPercent(num(values.error_rate) ?? m.value, 2, locale) };
    case 'heartbeat': {
      const since = num(values.seconds_since_beat) ?? m.value;
      if (since === null || m.lastCheck === null) return { label: 'Last beat', value: 'no beat yet' };
      const seconds = since + Math.max(0, now - m.lastCheck) / 1000;
      return { label: 'Last beat', value: formatRelative(now - seconds * 1000, now, locale) };
    }
    case 'pipeline': {
      const rate = num(values.success_rate) ?? m.value;
      return {
        label: 'Success rate',
        value: rate === null ? 'no results yet' : formatPercent(rate, 2, locale),
      };
    }
    default:
      return { label: 'Latency', value: formatLatency(m.latencyMs, locale) };
  }
}

function breachedHeadline(
  ruleId: string,
  m: MonitorStatus,
  values: MonitorStatus['values'],
  locale?: string,
): Headline | null {
  switch (ruleId) {
    case 'down':
    case 'unhealthy':
      return m.httpStatus !== null && (m.httpStatus < 200 || m.httpStatus >= 300)
        ? { label: 'HTTP status', value: String(m.httpStatus) }
        : null;
    case 'latency':
    case 'latency-critical':
      return { label: 'Latency', value: formatLatency(m.latencyMs, locale) };
    case 'p95-latency':
      return { label: 'Callback p95', value: formatLatency(num(values.p95_latency_ms), locale) };
    case 'error-rate':
      return { label: 'Error rate', value: formatPercent(num(values.error_rate), 2, locale) };
    case 'delivery-rate':
      return { label: 'Delivery rate', value: formatPercent(num(values.delivery_rate), 2, locale) };
    case 'stale': {
      const pipeline = m.type === 'pipeline';
      const since = num(pipeline ? values.seconds_since_last_event : values.seconds_since_last_callback);
      return {
        label: pipeline ? 'Last result' : 'Last callback',
        value: since === null ? '—' : `${formatDuration(since, locale, true)} ago`,
      };
    }
    case 'queue':
      return counted('Queue', values.queue_depth, (n) => `${n} tasks`, locale);
    case 'forged':
      return counted('Forged events', values.invalid_signatures, (n) => `${n} refused`, locale);
    case 'traffic-drop':
    case 'traffic-spike':
      return counted('Results per minute', values.events_per_min, (n) => n, locale);
    case 'not-healthy':
      return typeof values.status === 'string' ? { label: 'Status', value: values.status } : null;
    default:
      return null;
  }
}

/** A count as a headline, or null (the type's usual headline) when the value is missing. */
function counted(
  label: string,
  value: unknown,
  words: (n: string) => string,
  locale?: string,
): Headline | null {
  const n = num(value);
  return n === null ? null : { label, value: words(formatNumber(n, 0, locale)) };
}

/** A pipeline card's second line: "120 / min · top ERROR_CAPTCHA_UNSOLVABLE"; null before any result. */
export function pipelineLine(values: MonitorStatus['values'], locale?: string): string | null {
  const perMinute = num(values.events_per_min);
  if (perMinute === null) return null;
  const top = typeof values.top_error_code === 'string' ? ` · top ${values.top_error_code}` : '';
  return `${formatNumber(perMinute, 0, locale)} / min${top}`;
}

export interface BalanceTrend {
  /** "−$0.42 / h", or "no spend" / null before there is enough data. */
  burn: string | null;
  /** "about 20 h left", "less than a minute left", "empty now"; null when not spending or unknown. */
  empty: string | null;
  /** "empty at 21:40", given the check's time; absent without it. */
  emptyAt?: string;
}

/**
 * Burn rate and projected time to empty, as the balance probe reports them. With `clock` (the check's
 * time and now) the time left counts down from the check and the clock time it runs out is said.
 */
export function balanceTrend(
  values: MonitorStatus['values'] | null | undefined,
  currency = '$',
  locale?: string,
  clock?: { at: number | null; now: number },
): BalanceTrend {
  values ??= {};
  const perHour = num(values.burn_per_hour);
  const hours = num(values.hours_to_empty);
  const balance = num(values.balance);
  const burn =
    perHour === null ? null : perHour === 0 ? 'no spend' : `−${formatMoney(perHour, currency, locale)} / h`;
  // The probe rounds hours_to_empty, so a small positive balance can report 0: the balance decides.
  const emptyNow = balance !== null ? balance <= 0 : hours !== null && hours <= 0;
  if (emptyNow) return { burn, empty: 'empty now' };
  if (hours === null) return { burn, empty: null };
  const ctx: ValueContext = { ...clock, locale };
  const at = emptyAt(hours, ctx);
  return { burn, empty: timeLeft(hours, ctx, false), ...(at ? { emptyAt: at } : {}) };
}

/** The trend line of a balance card and page: "−$0.42 / h · about 20 h left · empty at 21:40". */
export const trendLine = (trend: BalanceTrend): string | null =>
  [trend.burn, trend.empty, trend.emptyAt].filter(Boolean).join(' · ') || null;
