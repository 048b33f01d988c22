import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { AXIS_FONT, rightPadding, timeTicks, yAxisSize } from './chart-axes.ts';
import { isolatedPoints, valueRange } from './chart-data.ts';
import { ChartTable } from './chart-table.tsx';

export interface ChartSeries {
  label: string;
  /** Epoch-ms aligned with `times`; null where there is no data. */
  values: (number | null)[];
  /** A CSS custom property holding the line colour, e.g. `--chart-latency`. */
  colorVar: string;
  format: (v: number) => string;
}

/** A configured limit drawn across the chart as a dashed line (latency warning, balance critical…). */
export interface ThresholdLine {
  label: string;
  value: number;
  /** `--warning` or `--critical`. */
  colorVar: string;
}

export interface TimeChartProps {
  times: number[];
  series: ChartSeries;
  height: number;
  /** A bare line for cards: no axes, legend or cursor. */
  sparkline?: boolean;
  /** Fixed y range (uptime is 0..1). */
  yRange?: [number, number];
  /** Draws steps that hold each value until the next (uptime, states), not diagonals between them. */
  stepped?: boolean;
  /** Draws a bar per bucket (counts, such as heartbeats per bucket). */
  bars?: boolean;
  /** Adds a "Show as table" disclosure listing the shown points, for reading without a mouse. */
  table?: boolean;
  /** Read by assistive technology in place of the canvas. */
  description: string;
  thresholds?: readonly ThresholdLine[];
}

const css = (name: string, fallback: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

function options(props: TimeChartProps, width: number, UPlot: typeof uPlot): uPlot.Options {
  const stroke = css(props.series.colorVar, '#3b82f6');
  const axis = css('--chart-axis', '#888');
  const grid = css('--chart-grid', 'rgba(128,128,128,0.15)');
  const format = props.series.format;
  const yRange = props.yRange;
  // The x labels of the last layout pass: the right padding leaves room for them.
  let xLabels: string[] = [];
  const paths = props.bars
    ? UPlot.paths.bars?.({ size: [0.7, 48] })
    : props.stepped
      ? UPlot.paths.stepped?.({ align: 1 })
      : undefined;
  return {
    width,
    height: props.height,
    padding: props.sparkline
      ? [2, 0, 2, 0]
      : [12, () => Math.max(12, rightPadding(xLabels.length > 0 ? xLabels : ['00:00:00 AM'])), 0, 4],
    legend: { show: !props.sparkline },
    cursor: props.sparkline ? { show: false } : { drag: { x: false, y: false } },
    scales: {
      // Bars are centred on their bucket: half a bucket more on each side keeps the end ones whole.
      x: props.bars
        ? {
            time: true,
            range: (u, min, max) => {
              const t = u.data[0];
              const half = t.length > 1 ? ((t[1] as number) - (t[0] as number)) / 2 : 1;
              return [min - half, max + half];
            },
          }
        : { time: true },
      y: yRange ? { range: () => yRange } : { range: (_u, min, max) => valueRange(min, max) },
    },
    axes: props.sparkline
      ? [{ show: false }, { show: false }]
      : [
          {
            stroke: axis,
            font: AXIS_FONT,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid, size: 8 },
            // Labels with seconds (spans of minutes) are wider: ticks stand further apart.
            space: (_u, _axis, min, max) => (max - min < 15 * 60 ? 96 : 72),
            values: (_u, splits, _axis, _space, incr) => {
              xLabels = timeTicks(splits, incr);
              return xLabels;
            },
          },
          {
            stroke: axis,
            font: AXIS_FONT,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid, size: 8 },
            gap: 4,
            size: (_u, values) => Math.max(40, yAxisSize(values)),
            // Bars count things: whole-number ticks.
            ...(props.bars && { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000] }),
            values: (_u, splits) => splits.map((v) => format(v)),
          },
        ],
    series: [
      {},
      {
        label: props.series.label,
        stroke,
        width: props.sparkline ? 1.5 : 2,
        fill: props.bars ? `${stroke}aa` : `${stroke}22`,
        spanGaps: false,
        ...(paths && { paths }),
        // A reading with no neighbour draws no line: those get a dot, the rest stay a plain line.
        points: {
          show: false,
          size: props.sparkline ? 5 : 7,
          fill: stroke,
          filter: (u, seriesIdx) => {
            const dots = isolatedPoints(u.data[seriesIdx] ?? []);
            return dots.length > 0 ? dots : null;
          },
        },
        value: (_u, v) => (v === null || v === undefined ? '—' : format(v)),
      },
      ...(props.thresholds ?? []).map((t) => ({
        label: t.label,
        stroke: css(t.colorVar, '#c00'),
        width: 1,
        dash: [6, 4],
        points: { show: false },
        value: () => format(t.value),
      })),
    ],
  };
}

/**
 * A uPlot line chart over time, loaded on demand. Where a canvas cannot be drawn (no 2D context), it
 * shows its description instead, so the rest of the page never depends on it.
 */
export function TimeChart(props: TimeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [failed, setFailed] = useState(false);
  const latest = useRef(props);
  latest.current = props;
  const { sparkline, height, yRange, stepped, bars } = props;
  const colorVar = props.series.colorVar;
  const thresholdKey = (props.thresholds ?? []).map((t) => `${t.label}=${t.value}`).join('|');

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the chart's shape changes; data goes through setData.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let cancelled = false;
    let observer: ResizeObserver | null = null;
    let rebuild: (() => void) | null = null;
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    const build = (UPlot: typeof uPlot) => {
      plot.current?.destroy();
      plot.current = null;
      const canvas = document.createElement('canvas');
      if (!canvas.getContext('2d')) throw new Error('no canvas');
      const p = latest.current;
      plot.current = new UPlot(
        options(p, Math.max(40, el.clientWidth), UPlot),
        toData({ times: p.times, values: p.series.values, thresholds: p.thresholds }),
        el,
      );
    };
    import('uplot')
      .then(({ default: UPlot }) => {
        if (cancelled) return;
        build(UPlot);
        observer = new ResizeObserver(() => {
          plot.current?.setSize({ width: Math.max(40, el.clientWidth), height: latest.current.height });
        });
        observer.observe(el);
        // Colours come from CSS custom properties, which change with the system's light/dark scheme.
        rebuild = () => {
          if (!cancelled) build(UPlot);
        };
        scheme?.addEventListener('change', rebuild);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      observer?.disconnect();
      if (rebuild) scheme?.removeEventListener('change', rebuild);
      plot.current?.destroy();
      plot.current = null;
    };
  }, [sparkline, height, yRange?.[0], yRange?.[1], colorVar, stepped, bars, thresholdKey]);

  // Pages re-render every second for their clocks: only new data arrays redraw.
  const { times, thresholds } = props;
  const values = props.series.values;
  useEffect(() => {
    plot.current?.setData(toData({ times, values, thresholds }));
  }, [times, values, thresholds]);

  const chart = (
    <div className={sparkline ? 'chart chart-sparkline' : 'chart'} role="img" aria-label={props.description}>
      <div ref={box} className="chart-canvas" style={{ minHeight: height }} />
      {failed ? <p className="chart-fallback">{props.description}</p> : null}
    </div>
  );
  if (!props.table || sparkline) return chart;
  return (
    <>
      {chart}
      <ChartTable
        caption={props.description}
        label={props.series.label}
        times={times}
        values={values}
        format={props.series.format}
      />
    </>
  );
}

function toData({
  times,
  values,
  thresholds = [],
}: {
  times: number[];
  values: (number | null)[];
  thresholds?: readonly ThresholdLine[];
}): uPlot.AlignedData {
  return [times.map((t) => t / 1000), values, ...thresholds.map((t) => times.map(() => t.value))];
}
