import { useMemo } from 'react';
import type { PipelineHistory, PipelineSeries } from '../../../src-main/api/history-types.ts';
import {
  formatDateTime,
  formatDuration,
  formatLatency,
  formatNumber,
  formatPercent,
} from '../../../src-main/api/number-format.ts';
import { fromFirstResult } from '../../charts/chart-data.ts';
import { type ThresholdLine, TimeChart } from '../../charts/time-chart.tsx';
import { Stat } from '../../components/stat.tsx';

/** Seed 001 colours a day green above 92 % success: the same line on the chart. */
const SUCCESS_TARGET: readonly ThresholdLine[] = [{ label: '92 % target', value: 0.92, colorVar: '--ok' }];

const count = (v: number) => formatNumber(v, 0);

/**
 * A pipeline monitor's results over the window (not its checks): throughput, success rate and solve
 * p95 per bucket, the window's error codes, and the same figures as a table.
 */
export function PipelineCharts({ pipeline, words }: { pipeline: PipelineHistory; words: string }) {
  const { totals, errors } = pipeline;
  const series = useMemo(() => fromFirstResult(pipeline.series), [pipeline.series]);
  const per = formatDuration(series.stepMs / 1000, undefined, true);
  const results = totals.completed + totals.failed;

  return (
    <section className="history-body" aria-labelledby="pipeline-results-title">
      <h3 id="pipeline-results-title">Pipeline results</h3>
      <dl className="stat-row">
        <Stat term="Completed" value={count(totals.completed)} />
        <Stat term="Failed" value={count(totals.failed)} />
        <Stat term="Success rate" value={formatPercent(totals.successRate)} />
        <Stat term="Solve p95" value={formatLatency(totals.solveP95Ms)} />
        <Stat term="Duplicates" value={count(totals.duplicates)} />
        <Stat term="Refused" value={count(totals.refused)} />
      </dl>
      {results === 0 ? (
        <p className="chart-empty">No solve results reported in the {words}.</p>
      ) : (
        <div className="chart-grid">
          <figure className="card chart-card" data-testid="chart-throughput">
            <figcaption>Throughput (results per {per})</figcaption>
            <TimeChart
              height={120}
              times={series.t}
              series={{ label: 'Completed', values: series.completed, colorVar: '--ok', format: count }}
              description={`Completed results per ${per} over the ${words}: ${count(totals.completed)} in all`}
            />
            <TimeChart
              height={120}
              times={series.t}
              series={{ label: 'Failed', values: series.failed, colorVar: '--critical', format: count }}
              description={`Failed results per ${per} over the ${words}: ${count(totals.failed)} in all`}
            />
          </figure>
          <figure className="card chart-card" data-testid="chart-success-rate">
            <figcaption>Solve success rate</figcaption>
            <TimeChart
              height={180}
              times={series.t}
              yRange={[0, 1]}
              series={{
                label: 'Success rate',
                values: series.successRate,
                colorVar: '--chart-uptime',
                format: (v) => formatPercent(v, 1),
              }}
              thresholds={SUCCESS_TARGET}
              description={`Success rate per ${per} over the ${words}: ${formatPercent(totals.successRate)} overall, target 92 %`}
            />
          </figure>
          <figure className="card chart-card" data-testid="chart-solve-p95">
            <figcaption>Solve time p95</figcaption>
            {series.solveP95Ms.some((v) => v !== null) ? (
              <TimeChart
                height={180}
                times={series.t}
                series={{
                  label: 'Solve p95',
                  values: series.solveP95Ms,
                  colorVar: '--chart-latency',
                  format: (v) => formatLatency(v),
                }}
                description={`Solve time p95 per ${per} over the ${words}: ${formatLatency(totals.solveP95Ms)} overall`}
              />
            ) : (
              <p className="chart-empty">No solve times reported in the {words}.</p>
            )}
          </figure>
        </div>
      )}
      {errors.length > 0 ? (
        <table className="data-table" aria-label={`Errors by code in the ${words}`}>
          <thead>
            <tr>
              <th scope="col">Error code</th>
              <th scope="col">Failed results</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e) => (
              <tr key={e.code}>
                <td>
                  <code>{e.code}</code>
                </td>
                <td>{count(e.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {results + totals.duplicates + totals.refused > 0 ? <ResultsTable series={series} per={per} /> : null}
    </section>
  );
}

/** The charts' figures as text: each bucket with anything in it, newest first. */
function ResultsTable({ series, per }: { series: PipelineSeries; per: string }) {
  const rows = series.t
    .map((t, i) => ({ t, i }))
    .filter(
      ({ i }) =>
        (series.completed[i] ?? 0) +
          (series.failed[i] ?? 0) +
          (series.duplicates[i] ?? 0) +
          (series.refused[i] ?? 0) >
        0,
    )
    .reverse();
  return (
    <details className="advanced">
      <summary>Results per {per} as a table</summary>
      <table className="data-table" aria-label={`Results per ${per}`}>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Completed</th>
            <th scope="col">Failed</th>
            <th scope="col">Success rate</th>
            <th scope="col">Solve p95</th>
            <th scope="col">Duplicates</th>
            <th scope="col">Refused</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ t, i }) => (
            <tr key={t}>
              <td>{formatDateTime(t)}</td>
              <td>{count(series.completed[i] ?? 0)}</td>
              <td>{count(series.failed[i] ?? 0)}</td>
              <td>{formatPercent(series.successRate[i] ?? null)}</td>
              <td>{formatLatency(series.solveP95Ms[i] ?? null)}</td>
              <td>{count(series.duplicates[i] ?? 0)}</td>
              <td>{count(series.refused[i] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
