import type { MonitorInput, RuleSeverity } from '../../../src-main/api/config-schema.ts';
import { MonitorChecklist } from './monitor-checklist.tsx';

/** A channel's filter as the form edits it: no monitors chosen means every monitor. */
export interface RouteDraft {
  minSeverity: RuleSeverity;
  monitors: string[];
}

export const routeDraft = (
  route: { minSeverity?: RuleSeverity; monitors?: string[] } | undefined,
): RouteDraft => ({
  minSeverity: route?.minSeverity ?? 'warning',
  monitors: route?.monitors ?? [],
});

/** The config fields of a route draft; empty when it lets everything through (the defaults). */
export function routeFromDraft(d: RouteDraft): { minSeverity?: RuleSeverity; monitors?: string[] } {
  return {
    ...(d.minSeverity === 'critical' && { minSeverity: 'critical' as const }),
    ...(d.monitors.length > 0 && { monitors: d.monitors }),
  };
}

/** Which alerts one channel hears: from which severity, of which monitors. */
export function ChannelRoutingField({
  id,
  monitors,
  value,
  onChange,
  error,
}: {
  id: string;
  monitors: readonly MonitorInput[];
  value: RouteDraft;
  onChange: (route: RouteDraft) => void;
  error: string | undefined;
}) {
  return (
    <fieldset className="default-rules channel-routing" id={id}>
      <legend className="field-label">Which alerts</legend>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-severity`}>
          Alerts from
        </label>
        <select
          id={`${id}-severity`}
          value={value.minSeverity}
          onChange={(e) => onChange({ ...value, minSeverity: e.target.value as RuleSeverity })}
        >
          <option value="warning">Warnings and criticals</option>
          <option value="critical">Criticals only</option>
        </select>
      </div>
      {monitors.length > 0 ? (
        <>
          <p className="field-hint">
            Only these monitors (none chosen: every monitor). Recoveries follow the alert.
          </p>
          <MonitorChecklist
            id={id}
            monitors={monitors}
            value={value.monitors}
            onChange={(ids) => onChange({ ...value, monitors: ids })}
          />
        </>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
