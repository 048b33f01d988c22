import type { MonitorStatus } from '../../../src-main/api/contract.ts';

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

/** `error_breakdown` (pipeline and callback-health) as code → count, largest first. */
export function breakdownRows(values: MonitorStatus['values']): Array<[string, number]> {
  const raw = parsed(values.error_breakdown);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  return Object.entries(raw as Record<string, unknown>)
    .filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]))
    .sort((a, b) => b[1] - a[1]);
}

/** The error codes of the window and, for a pipeline, the task ids whose callback never came. */
export function ErrorBreakdown({ values }: { values: MonitorStatus['values'] }) {
  const rows = breakdownRows(values);
  const missedRaw = parsed(values.missed);
  const missed = Array.isArray(missedRaw) ? missedRaw.map(String) : [];
  if (rows.length === 0 && missed.length === 0) return null;
  return (
    <div className="error-breakdown">
      {rows.length > 0 ? (
        <table className="data-table" aria-label="Errors by code">
          <thead>
            <tr>
              <th scope="col">Error code</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([code, n]) => (
              <tr key={code}>
                <td>
                  <code>{code}</code>
                </td>
                <td>{n.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {missed.length > 0 ? (
        <p>
          <span className="field-label">Missed task ids</span>{' '}
          {missed.map((id) => (
            <code key={id}>{id} </code>
          ))}
        </p>
      ) : null}
    </div>
  );
}
