import type { MonitorInput } from '../../../src-main/api/config-schema.ts';
import { MonitorChecklist } from './monitor-checklist.tsx';

/** Which other monitors this one needs: while one of them is critical, this one's alerts are held. */
export function DependsOnField({
  id,
  monitors,
  selfId,
  value,
  error,
  onChange,
}: {
  id: string;
  monitors: readonly MonitorInput[];
  /** The monitor being edited, left out of the choices. */
  selfId: string;
  value: readonly string[];
  error: string | undefined;
  onChange: (dependsOn: string[]) => void;
}) {
  const others = monitors.filter((m) => m.id !== selfId);
  if (others.length === 0 && value.length === 0) return null;
  return (
    <fieldset className="default-rules" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field-label">Depends on</legend>
      <p className="field-hint">
        While a monitor chosen here is critical, this one's alerts are held: its own failure is expected.
      </p>
      <MonitorChecklist id={id} monitors={others} value={value} onChange={onChange} />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
