import type { MonitorStatus } from '../../../src-main/api/contract.ts';
import { formatLatency } from '../../../src-main/api/number-format.ts';
import { StateBadge } from '../../components/state-badge.tsx';
import { SampleValues } from '../monitor/sample-values.tsx';

/** What one unsaved check saw, in words. */
export function TestResultPanel({ monitor }: { monitor: MonitorStatus }) {
  return (
    <section
      className={`card section-card test-result test-result-${monitor.state}`}
      aria-labelledby="test-result-title"
      role="status"
    >
      <div className="test-result-head">
        <h2 id="test-result-title">Test result</h2>
        <StateBadge state={monitor.state} />
      </div>
      <p className="test-result-summary">{monitor.summary}</p>
      <dl className="facts">
        <div className="fact">
          <dt>Latency</dt>
          <dd>{formatLatency(monitor.latencyMs)}</dd>
        </div>
        {monitor.httpStatus !== null ? (
          <div className="fact">
            <dt>HTTP status</dt>
            <dd>{monitor.httpStatus}</dd>
          </div>
        ) : null}
        {monitor.error && monitor.error !== monitor.summary ? (
          <div className="fact">
            <dt>Error</dt>
            <dd>{monitor.error}</dd>
          </div>
        ) : null}
      </dl>
      <SampleValues monitor={monitor} />
      <p className="muted">Nothing was saved. Save the monitor to keep checking it.</p>
    </section>
  );
}
