/** A number as a response reported it: usable, absent, too large or small for a double, or not a number at all. */
export type ReportedNumber =
  | { kind: 'finite'; value: number }
  | { kind: 'missing' }
  /** `shown` is the value as the response had it, cut to a readable length. */
  | { kind: 'not-finite'; shown: string }
  | { kind: 'not-a-number'; shown: string };

/** Plain decimals, as APIs put them in strings ("12.34", "-1"); no exponents, hex or spaces inside. */
const DECIMAL = /^-?\d+(\.\d+)?$/;
const SHOWN_CHARS = 24;

/**
 * Reads a JSON value as a number. `Number()` alone turns "1" followed by 400 zeros into Infinity
 * and JSON.parse does the same with 1e309; rules would compare Infinity, and history and /metrics
 * cannot store it, so such a value is `not-finite`, never a reading.
 */
export function readReportedNumber(value: unknown): ReportedNumber {
  if (value === undefined || value === null) return { kind: 'missing' };
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { kind: 'finite', value } : { kind: 'not-finite', shown: String(value) };
  }
  if (typeof value === 'string' && DECIMAL.test(value.trim())) {
    const n = Number(value.trim());
    return Number.isFinite(n)
      ? { kind: 'finite', value: n }
      : { kind: 'not-finite', shown: quoted(value.trim()) };
  }
  return {
    kind: 'not-a-number',
    shown: typeof value === 'string' ? quoted(value) : cut(JSON.stringify(value)),
  };
}

function quoted(text: string): string {
  return text.length > SHOWN_CHARS ? `"${text.slice(0, SHOWN_CHARS - 1)}…"` : JSON.stringify(text);
}

/** Long values are cut with an ellipsis: the reason must stay readable. */
export function cut(text: string, max = SHOWN_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
