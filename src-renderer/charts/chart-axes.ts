import { dateFormat } from '../../src-main/api/number-format.ts';

/** The axis labels' font: the sizes below are measured with it, so uPlot must draw with it too. */
export const AXIS_FONT = '12px system-ui, sans-serif';
const TICK_SIZE = 8;
const TICK_GAP = 4;
const MARGIN = 4;

let measurer: CanvasRenderingContext2D | null | undefined;

/** The width a label takes in `AXIS_FONT`, in CSS pixels; an estimate where no canvas can measure. */
export function labelWidth(text: string): number {
  if (measurer === undefined) measurer = document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * 7;
  measurer.font = AXIS_FONT;
  return measurer.measureText(text).width;
}

const widest = (labels: readonly (string | null | undefined)[]): number =>
  labels.reduce((w, l) => (l ? Math.max(w, labelWidth(l)) : w), 0);

/** A y axis just wide enough for its widest label ("$1,234.56", "1.85 s"), so none is cut at the left edge. */
export function yAxisSize(labels: readonly (string | null | undefined)[] | null): number {
  return Math.ceil(widest(labels ?? []) + TICK_SIZE + TICK_GAP + MARGIN);
}

/**
 * Room right of the plot for the last x label, which is centred on its tick: half the widest label,
 * so a tick at the very end of the axis keeps its label whole (no "8:18p").
 */
export function rightPadding(labels: readonly (string | null | undefined)[]): number {
  return Math.ceil(widest(labels) / 2 + MARGIN);
}

const DAY_MS = 86_400_000;

/**
 * Time tick labels in the reader's locale: the time of day ("21:40", "9:40 PM"; with seconds while
 * ticks are less than a minute apart) while ticks are less than a day apart, the date ("2 Dec") when they are a day or more apart. `splits` are epoch seconds.
 */
export function timeTicks(splits: readonly number[], incrSeconds: number, locale?: string): string[] {
  const f =
    incrSeconds * 1000 >= DAY_MS
      ? dateFormat(locale, { day: 'numeric', month: 'short' })
      : dateFormat(locale, { timeStyle: incrSeconds < 60 ? 'medium' : 'short' });
  return splits.map((s) => f.format(s * 1000));
}

/**
 * A point's time in a table: with the date over spans longer than a day, with seconds where points
 * are less than a minute apart.
 */
export function pointTime(time: number, spanMs: number, stepMs: number, locale?: string): string {
  const timeStyle = stepMs < 60_000 ? 'medium' : 'short';
  return dateFormat(locale, spanMs > DAY_MS ? { dateStyle: 'medium', timeStyle } : { timeStyle }).format(
    time,
  );
}
