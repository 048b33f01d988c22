import type { MonitorStatus } from '../../../src-main/api/contract.ts';
import { formatValue, valueLabel } from '../../format/monitor-display.ts';
import { ErrorBreakdown, TABLED_VALUES } from './error-breakdown.tsx';

/** Values and breached rules may be missing from an older engine or a test result. */
type SampleValuesMonitor = Pick<MonitorStatus, 'type'> & {
  values?: MonitorStatus['values'] | null;
  breached?: MonitorStatus['breached'] | null;
};

/** The named measurements of the last check, and which rules it breached. */
export function SampleValues({ monitor }: { monitor: SampleValuesMonitor }) {
  const entries = Object.entries(monitor.values ?? {}).filter(([key]) => !TABLED_VALUES.has(key));
  const breached = monitor.breached ?? [];
  return (
    <>
      {entries.length > 0 ? (
        <dl className="values-grid">
          {entries.map(([key, value]) => (
            <div key={key} className="value-item">
              <dt>{valueLabel(key, monitor.type)}</dt>
              <dd>{formatValue(key, value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <ErrorBreakdown values={monitor.values ?? {}} />
      {breached.length > 0 ? (
        <ul className="breached-list" aria-label="Breached rules">
          {breached.map((r) => (
            <li key={r.ruleId} className={`breached breached-${r.severity}`}>
              <strong>{r.name}</strong> <code>{r.resolved}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
