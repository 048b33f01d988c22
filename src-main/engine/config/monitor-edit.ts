import type { ConfigInput } from '../../api/config-schema.ts';
import type { FieldIssue } from '../../api/field-issues.ts';

/** The config with one monitor put in place of the one with its id (or added last); its id is the path's. */
export function withMonitor(
  config: ConfigInput,
  id: string,
  monitor: unknown,
): { config: ConfigInput; index: number } {
  const monitors = [...(config.monitors ?? [])];
  const given = monitor !== null && typeof monitor === 'object' ? monitor : {};
  const entry = { ...given, id } as NonNullable<ConfigInput['monitors']>[number];
  const at = monitors.findIndex((m) => m.id === id);
  const index = at === -1 ? monitors.length : at;
  monitors[index] = entry;
  return { config: { ...config, monitors }, index };
}

export function withoutMonitor(config: ConfigInput, id: string): ConfigInput {
  return { ...config, monitors: (config.monitors ?? []).filter((m) => m.id !== id) };
}

/** Issues of the saved monitor by its own field paths (`url`, `headers.x`); others as they are. */
export function monitorIssues(issues: readonly FieldIssue[], index: number): FieldIssue[] {
  const prefix = `monitors[${index}]`;
  return issues.map((i) =>
    i.path === prefix
      ? { ...i, path: '(monitor)' }
      : i.path.startsWith(`${prefix}.`)
        ? { ...i, path: i.path.slice(prefix.length + 1) }
        : i,
  );
}
