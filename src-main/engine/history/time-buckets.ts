export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Bucket sizes a chart may use, so axes land on round times. */
const STEPS: readonly number[] = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  3 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  20 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  4 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  5 * DAY,
  10 * DAY,
  15 * DAY,
  30 * DAY,
];

/** Start of the epoch-aligned bucket of size `step` holding `t` (t ≥ 0). */
export const bucketStart = (t: number, step: number): number => Math.floor(t / step) * step;

/** Number of epoch-aligned buckets of size `step` that [from, to] touches. */
export const bucketsTouched = (from: number, to: number, step: number): number =>
  (bucketStart(to, step) - bucketStart(from, step)) / step + 1;

/**
 * The smallest round step, at least `minStep`, whose buckets over [from, to] number at most
 * `maxPoints` (≥ 2). A 30-day step always fits two points for the windows we serve.
 */
export function chooseStep(from: number, to: number, maxPoints: number, minStep: number): number {
  for (const step of STEPS) {
    if (step >= minStep && bucketsTouched(from, to, step) <= maxPoints) return step;
  }
  return STEPS[STEPS.length - 1] as number;
}
