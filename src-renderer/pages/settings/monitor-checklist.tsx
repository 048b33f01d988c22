import type { MonitorInput } from '../../../src-main/api/config-schema.ts';

/** A checkbox per monitor, by name; `value` holds the ids that are ticked. */
export function MonitorChecklist({
  id,
  monitors,
  value,
  onChange,
}: {
  id: string;
  monitors: readonly MonitorInput[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  const chosen = new Set(value);
  const toggle = (monitorId: string, on: boolean) =>
    onChange(on ? [...value, monitorId] : value.filter((v) => v !== monitorId));
  return (
    <ul>
      {monitors.map((m) => (
        <li key={m.id}>
          <input
            id={`${id}-${m.id}`}
            type="checkbox"
            checked={chosen.has(m.id)}
            onChange={(e) => toggle(m.id, e.target.checked)}
          />
          <label htmlFor={`${id}-${m.id}`}>{m.name ?? m.id}</label>
        </li>
      ))}
    </ul>
  );
}
