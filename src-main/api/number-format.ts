/**
 * How numbers, times and amounts read in the UI. Every function takes an optional locale so tests
 * pin one; the app passes none and gets the user's.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, f);
  }
  return f;
}

// Building an Intl formatter costs a fraction of a millisecond: a thousand cards redrawing cannot pay it each time.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function dateFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, f);
  }
  return f;
}

export function formatNumber(n: number, maxDigits = 2, locale?: string): string {
  if (!Number.isFinite(n)) return '—';
  return numberFormat(locale, { maximumFractionDigits: maxDigits }).format(n);
}

/** "12 s ago", "3 min ago", "2 h ago", "4 d ago"; "in 5 min" for the future; "just now" under a second. */
export function formatRelative(time: number, now: number, locale?: string): string {
  const diff = now - time;
  const abs = Math.abs(diff);
  if (abs < 1000) return 'just now';
  const text = formatDuration(abs / 1000, locale, true);
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/** A span of seconds: "45 s", "12 min", "3 h 20 min", "2 d 4 h". `coarse` keeps only the largest unit. */
export function formatDuration(seconds: number, locale?: string, coarse = false): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const n = (v: number) => formatNumber(v, 0, locale);
  if (seconds < 60) return `${n(Math.floor(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${n(minutes)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const m = minutes % 60;
    return coarse || m === 0 ? `${n(hours)} h` : `${n(hours)} h ${n(m)} min`;
  }
  const days = Math.floor(hours / 24);
  const h = hours % 24;
  return coarse || h === 0 ? `${n(days)} d` : `${n(days)} d ${n(h)} h`;
}

/** "87 ms", "1.24 s"; a tenth of a millisecond under 10 ms ("0.4 ms"), where local checks land. */
export function formatLatency(ms: number | null, locale?: string): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 9.95) return `${formatNumber(ms, 1, locale)} ms`;
  if (ms < 999.5) return `${formatNumber(Math.round(ms), 0, locale)} ms`;
  return `${formatNumber(ms / 1000, 2, locale)} s`;
}

/** A balance with the monitor's currency: a symbol in front ("$8.42"), a code after ("8.42 EUR"). */
export function formatMoney(amount: number | null, currency: string, locale?: string): string {
  if (amount === null || !Number.isFinite(amount)) return '—';
  const sign = amount < 0 ? '−' : '';
  const digits = Math.abs(amount) < 0.1 && amount !== 0 ? 4 : 2;
  const value = numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: digits }).format(
    Math.abs(amount),
  );
  if (currency === '') return sign + value;
  return /^[A-Za-z]{2,}$/.test(currency) ? `${sign}${value} ${currency}` : `${sign}${currency}${value}`;
}

/** A fraction 0..1 as a percentage: 0.9995 → "99.95 %". */
export function formatPercent(fraction: number | null, maxDigits = 2, locale?: string): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  return `${formatNumber(fraction * 100, maxDigits, locale)} %`;
}

/**
 * Uptime (README "Uptime") as every page shows it: at most two decimals, rounded down, so 99.999 % never
 * reads as 100 % and a card and a page showing the same window agree to the digit.
 */
export function formatUptime(fraction: number | null, locale?: string): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  return `${numberFormat(locale, { maximumFractionDigits: 2 }).format(Math.floor(fraction * 10_000 + 1e-9) / 100)} %`;
}

export function formatDateTime(time: number, locale?: string): string {
  if (!Number.isFinite(time)) return '—';
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(time);
}

export function formatTime(time: number, locale?: string): string {
  if (!Number.isFinite(time)) return '—';
  return dateFormat(locale, { timeStyle: 'short' }).format(time);
}
