import { useState } from 'react';
import { pointTime } from './chart-axes.ts';

export interface ChartTableProps {
  /** What the table shows, e.g. "Latency over the last hour". */
  caption: string;
  label: string;
  /** Epoch ms, aligned with `values`. */
  times: readonly number[];
  values: readonly (number | null)[];
  format: (v: number) => string;
}

/**
 * The points a chart shows, as a table behind a disclosure: the values can be read without a mouse
 * or a canvas. The rows are built only while it is open (a 30-day chart holds hundreds of points).
 */
export function ChartTable({ caption, label, times, values, format }: ChartTableProps) {
  const [open, setOpen] = useState(false);
  const span = times.length > 1 ? (times[times.length - 1] as number) - (times[0] as number) : 0;
  const step = times.length > 1 ? (times[1] as number) - (times[0] as number) : 0;
  const shown = values.filter((v) => v !== null).length;
  return (
    <details className="chart-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Show as table <span className="muted">({shown === 1 ? '1 point' : `${shown} points`})</span>
      </summary>
      {open ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it.
        <section className="chart-table-scroll" tabIndex={0} aria-label={`${caption}, as a table`}>
          <table>
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">{label}</th>
              </tr>
            </thead>
            <tbody>
              {times.map((t, i) => {
                const v = values[i];
                return v === null || v === undefined ? null : (
                  <tr key={t}>
                    <td>{pointTime(t, span, step)}</td>
                    <td>{format(v)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ) : null}
    </details>
  );
}
