/** A balance reading. */
export interface BalancePoint {
  time: number;
  balance: number;
}

export interface BurnRate {
  /** Spend per hour; null until two readings since the last top-up span some time. */
  perHour: number | null;
  /** Hours until the balance reaches zero at that pace; null when nothing is being spent. */
  hoursToEmpty: number | null;
}

export const BURN_WINDOW_MS = 6 * 3_600_000;

/**
 * Spend rate over the readings of the last `windowMs`, counted only since the last top-up: a rise
 * in balance starts a fresh run, so a top-up never shows as negative spend. Pure; points in any order.
 */
export function burnRate(points: readonly BalancePoint[], now: number, windowMs = BURN_WINDOW_MS): BurnRate {
  const inWindow = points
    .filter(
      (p) =>
        Number.isFinite(p.balance) && Number.isFinite(p.time) && p.time <= now && p.time >= now - windowMs,
    )
    .sort((a, b) => a.time - b.time);
  const last = inWindow.at(-1);
  if (last === undefined) return { perHour: null, hoursToEmpty: null };
  let first = last;
  for (let i = inWindow.length - 2; i >= 0; i--) {
    const p = inWindow[i] as BalancePoint;
    const next = inWindow[i + 1] as BalancePoint;
    if (next.balance > p.balance) break;
    first = p;
  }
  const hours = (last.time - first.time) / 3_600_000;
  if (hours <= 0) return { perHour: null, hoursToEmpty: null };
  const perHour = (first.balance - last.balance) / hours;
  if (perHour <= 0) return { perHour: 0, hoursToEmpty: null };
  return { perHour, hoursToEmpty: Math.max(0, last.balance) / perHour };
}
