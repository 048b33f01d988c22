import type { MonitorStatus } from '../../src-main/api/contract.ts';
import { checkDetail, checkWords } from '../../src-main/api/plain-words.ts';

/** What a check found in plain words, with the resolved condition one click away. */
export function CheckWords({ monitor, className }: { monitor: MonitorStatus; className: string }) {
  // Older engines and odd imports can send no rules; without a breached rule the summary is already words.
  const breached = (monitor.breached ?? []).filter((r) => r.breached);
  const words = breached.length > 0 ? checkWords({ ...monitor, breached }) : monitor.summary;
  const detail = checkDetail({ breached, error: monitor.error });
  return (
    <div className={`check-words ${className}`}>
      <p>{words}</p>
      {detail ? (
        <details className="check-detail">
          <summary>Condition</summary>
          <code>{detail}</code>
        </details>
      ) : null}
    </div>
  );
}
