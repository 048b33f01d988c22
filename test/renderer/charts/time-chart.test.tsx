// @vitest-environment happy-dom
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimeChart, type TimeChartProps } from '../../../src-renderer/charts/time-chart.tsx';

const plots = vi.hoisted(() => [] as { setData: ReturnType<typeof vi.fn> }[]);
vi.mock('uplot', () => ({
  default: class {
    setData = vi.fn();
    setSize = vi.fn();
    destroy = vi.fn();
    constructor() {
      plots.push(this);
    }
  },
}));

beforeEach(() => {
  plots.length = 0;
  // happy-dom has no 2D canvas; the chart only needs to know one exists.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as CanvasRenderingContext2D);
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const times = [1_000, 2_000, 3_000];
const values = [10, 20, 30];
const chart = (overrides: Partial<TimeChartProps> = {}) => (
  <TimeChart
    height={100}
    times={times}
    // A new series object and format function on every render, as the pages pass them.
    series={{ label: 'Latency', values, colorVar: '--chart-latency', format: (v) => `${v} ms` }}
    description="Latency over the last hour"
    {...overrides}
  />
);

describe('a time chart on a page that re-renders every second', () => {
  it('does not redraw while its data arrays stay the same', async () => {
    const { rerender } = render(chart());
    await waitFor(() => expect(plots).toHaveLength(1));
    const plot = plots[0];
    const drawsAfterMount = plot?.setData.mock.calls.length ?? 0;
    rerender(chart());
    rerender(chart({ description: 'Latency over the last hour ' }));
    expect(plot?.setData.mock.calls.length).toBe(drawsAfterMount);
  });

  it('redraws once with the new data when the arrays change', async () => {
    const { rerender } = render(chart());
    await waitFor(() => expect(plots).toHaveLength(1));
    const plot = plots[0];
    plot?.setData.mockClear();
    rerender(
      chart({
        times: [...times, 4_000],
        series: { label: 'Latency', values: [...values, 40], colorVar: '--chart-latency', format: String },
      }),
    );
    expect(plot?.setData).toHaveBeenCalledTimes(1);
    expect(plot?.setData).toHaveBeenCalledWith([
      [1, 2, 3, 4],
      [10, 20, 30, 40],
    ]);
  });
});
