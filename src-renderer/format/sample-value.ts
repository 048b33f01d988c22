import type { MonitorStatus } from '../../src-main/api/contract.ts';
import {
  formatDateTime,
  formatDuration,
  formatLatency,
  formatMoney,
  formatNumber,
  formatPercent,
  formatTime,
} from '../../src-main/api/number-format.ts';

/** What a sample value measures, which decides how it reads on every card, page and table. */
export type ValueKind =
  | 'money'
  | 'money-per-hour'
  | 'hours-left'
  | 'percent'
  | 'latency'
  | 'seconds'
  | 'minutes'
  | 'per-minute'
  | 'ratio'
  | 'days'
  | 'date'
  | 'code'
  | 'count'
  | 'number';

/** Values that are no measurement of their own: the currency goes with the money, the lists have their tables. */
const HIDDEN: ReadonlySet<string> = new Set(['currency', 'error_breakdown', 'missed']);

const KINDS: Readonly<Record<string, ValueKind>> = {
  balance: 'money',
  cost: 'money',
  provider_balance: 'money',
  provider_threshold: 'money',
  burn_per_hour: 'money-per-hour',
  hours_to_empty: 'hours-left',
  drain_minutes: 'minutes',
  events_per_min: 'per-minute',
  avg_events_per_min: 'per-minute',
  rate_vs_average: 'ratio',
  cert_days_left: 'days',
  cert_valid_to: 'date',
  exit_status: 'code',
  signed_status: 'code',
  forged_status: 'code',
  tasks: 'count',
  completed: 'count',
  failed: 'count',
  submitted: 'count',
  duplicates: 'count',
  invalid_signatures: 'count',
  balance_low: 'count',
  missed_count: 'count',
  deliveries_due: 'count',
  queue_depth: 'count',
  total_received: 'count',
  total_errors: 'count',
};

const LABELS: Readonly<Record<string, string>> = {
  burn_per_hour: 'Burn rate',
  hours_to_empty: 'Time to empty',
  drain_minutes: 'Drain time',
  events_per_min: 'Results',
  avg_events_per_min: 'Average results',
  rate_vs_average: 'Rate vs average',
  cert_days_left: 'Certificate expires in',
  cert_valid_to: 'Certificate valid to',
  cert_issuer: 'Certificate issuer',
  cert_subject: 'Certificate subject',
  run_seconds: 'Last run took',
  window_seconds: 'Window',
  stale_after_seconds: 'Stale after',
  signed_status: 'Signed event answer',
  forged_status: 'Forged event answer',
  forged_accepted: 'Forged event accepted',
  balance_low: 'Balance-low events',
};

export function valueKind(key: string): ValueKind {
  const known = KINDS[key];
  if (known) return known;
  if (key.endsWith('_rate')) return 'percent';
  if (key.endsWith('_ms')) return 'latency';
  if (key.endsWith('_s') || key.endsWith('_seconds') || key.startsWith('seconds_')) return 'seconds';
  return 'number';
}

/**
 * A sample value's name for a list, without the unit its formatted value already shows:
 * "p95_latency_ms" → "P95 latency", "seconds_since_beat" → "Since beat". A callback-health
 * monitor's latencies are the ones its handler reports, not the check's own.
 */
export function valueLabel(key: string, type?: string): string {
  const label = LABELS[key];
  if (label) return label;
  const kind = valueKind(key);
  let text = key;
  if (kind === 'latency') text = text.replace(/_ms$/, '');
  if (kind === 'seconds') text = text.replace(/_s$|_seconds$/, '').replace(/^seconds_/, '');
  text = text.replace(/_/g, ' ');
  if (type === 'callback-health' && kind === 'latency') text = `callback ${text}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How a value is read: the money's currency, and the check's and the reader's time for "empty at". */
export interface ValueContext {
  currency?: string;
  /** When the value was measured (the check's time) and the time now: without them no clock time is said. */
  at?: number | null;
  now?: number;
  locale?: string;
}

const plural = (n: number, one: string, many: string, locale?: string) => {
  const shown = formatNumber(n, 1, locale);
  return `${shown} ${shown === '1' ? one : many}`;
};

/** One value in words by its kind: "$8.42", "$621.60 / h", "about 14 min left · empty at 21:40", "12.01 %". */
export function formatValue(key: string, value: unknown, context: ValueContext | string = {}): string {
  const ctx = typeof context === 'string' ? { locale: context } : context;
  const { locale } = ctx;
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const kind = valueKind(key);
  if (kind === 'date' && typeof value === 'string') {
    const time = Date.parse(value);
    return Number.isFinite(time) ? formatDateTime(time, locale) : value;
  }
  if (typeof value !== 'number') return String(value);
  const currency = ctx.currency ?? '$';
  switch (kind) {
    case 'money':
      return formatMoney(value, currency, locale);
    case 'money-per-hour':
      return `${formatMoney(value, currency, locale)} / h`;
    case 'hours-left':
      return [timeLeft(value, ctx), emptyAt(value, ctx)].filter(Boolean).join(' · ');
    case 'percent':
      return formatPercent(value, 2, locale);
    case 'latency':
      return formatLatency(value, locale);
    case 'seconds':
      return formatDuration(value, locale);
    case 'minutes':
      return formatDuration(value * 60, locale);
    case 'per-minute':
      return `${formatNumber(value, 1, locale)} / min`;
    case 'ratio':
      return `${formatNumber(value, 2, locale)}×`;
    case 'days':
      return plural(value, 'day', 'days', locale);
    case 'code':
      return String(value);
    case 'count':
      return formatNumber(value, 0, locale);
    default:
      return formatNumber(value, Number.isInteger(value) ? 0 : 2, locale);
  }
}

/** Seconds from the check that measured `hours` to the moment it runs out, less what has passed since. */
function secondsLeft(hours: number, ctx: ValueContext): number {
  const passed = ctx.at != null && ctx.now !== undefined ? Math.max(0, ctx.now - ctx.at) / 1000 : 0;
  return hours * 3600 - passed;
}

/** "about 14 min left", "less than a minute left", "empty now" (`empty`: the probe rounds small hours to 0). */
export function timeLeft(hours: number, ctx: ValueContext = {}, empty = hours <= 0): string {
  const seconds = secondsLeft(hours, ctx);
  if (empty) return 'empty now';
  if (seconds < 60) return 'less than a minute left';
  return `about ${formatDuration(seconds, ctx.locale, true)} left`;
}

/** "empty at 21:40" within a day, "empty on 4 Dec 2026, 21:40:00" later; null without the check's time. */
export function emptyAt(hours: number, ctx: ValueContext = {}): string | null {
  if (ctx.at == null || ctx.now === undefined || secondsLeft(hours, ctx) < 60) return null;
  const at = ctx.at + hours * 3_600_000;
  return at - ctx.now < 86_400_000
    ? `empty at ${formatTime(at, ctx.locale)}`
    : `empty on ${formatDateTime(at, ctx.locale)}`;
}

export interface ValueRow {
  key: string;
  label: string;
  text: string;
}

/** The named values of a check as rows, each in words by its kind; `omit` leaves out what is shown elsewhere. */
export function valueRows(
  monitor: { type: string; values?: MonitorStatus['values'] | null },
  context: ValueContext = {},
  omit: ReadonlySet<string> = new Set(),
): ValueRow[] {
  const values = monitor.values ?? {};
  const currency = context.currency ?? (typeof values.currency === 'string' ? values.currency : undefined);
  return Object.entries(values)
    .filter(([key]) => !HIDDEN.has(key) && !omit.has(key))
    .map(([key, value]) => ({
      key,
      label: valueLabel(key, monitor.type),
      text: formatValue(key, value, { ...context, currency }),
    }));
}
