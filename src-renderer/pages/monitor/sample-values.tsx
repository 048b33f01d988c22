import type { MonitorStatus } from '../../../src-main/api/contract.ts';
import { formatValue, valueLabel } from '../../format/monitor-display.ts';

/** The named measurements of the last check, and which rules it breached. */
export function SampleValues({ monitor }: { monitor: Pick<MonitorStatus, 'type' | 'values' | 'breached'> }) {
  const entries = Object.entries(monitor.values);
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
      {monitor.breached.length > 0 ? (
        <ul className="breached-list" aria-label="Breached rules">
          {monitor.breached.map((r) => (
            <li key={r.ruleId} className={`breached breached-${r.severity}`}>
              <strong>{r.name}</strong> <code>{r.resolved}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
