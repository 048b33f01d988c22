import type { MonitorStatus } from '../../../src-main/api/contract.ts';
import { ruleWords } from '../../../src-main/api/plain-words.ts';
import { type ValueContext, valueRows } from '../../format/sample-value.ts';
import { ErrorBreakdown } from './error-breakdown.tsx';

/** Values and breached rules may be missing from an older engine or a test result. */
type SampleValuesMonitor = Pick<MonitorStatus, 'type'> &
  Partial<Pick<MonitorStatus, 'error' | 'latencyMs'>> & {
    values?: MonitorStatus['values'] | null;
    breached?: MonitorStatus['breached'] | null;
  };

const NOTHING: ReadonlySet<string> = new Set();

/**
 * The named measurements of the last check, each read by its kind (money with its currency, durations,
 * percentages), and which rules it breached. `omit` leaves out the values the page already leads with.
 */
export function SampleValues({
  monitor,
  context,
  omit = NOTHING,
}: {
  monitor: SampleValuesMonitor;
  context?: ValueContext;
  omit?: ReadonlySet<string>;
}) {
  const rows = valueRows(monitor, context, omit);
  const breached = (monitor.breached ?? []).filter((r) => r.breached);
  const facts = {
    values: monitor.values ?? {},
    error: monitor.error ?? null,
    latencyMs: monitor.latencyMs ?? null,
    currency: context?.currency,
  };
  return (
    <>
      {rows.length > 0 ? (
        <dl className="values-grid">
          {rows.map((row) => (
            <div key={row.key} className="value-item">
              <dt>{row.label}</dt>
              <dd>{row.text}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <ErrorBreakdown values={monitor.values ?? {}} />
      {/* One breached rule is already the check's result line; several are listed, worst first in the line. */}
      {breached.length > 1 ? (
        <ul className="breached-list" aria-label="Breached rules">
          {breached.map((r) => (
            <li key={r.ruleId} className={`breached breached-${r.severity}`}>
              <strong>{ruleWords(r, facts, context?.locale)}</strong>
              <details className="check-detail">
                <summary>Condition</summary>
                <code>{r.resolved}</code>
              </details>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
