/**
 * A `<time dateTime>` value for epoch ms; undefined for a missing or invalid time, where
 * `new Date(x).toISOString()` would throw and blank the page.
 */
export function isoTime(time: number | null | undefined): string | undefined {
  if (typeof time !== 'number' || !Number.isFinite(time)) return undefined;
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
