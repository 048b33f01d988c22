import {
  type ConfigInput,
  ConfigSchema,
  type MonitorInput,
  MonitorSchema,
} from '../../../src-main/api/config-schema.ts';
import type { FieldIssue } from '../../../src-main/api/field-issues.ts';
import { toFieldIssues } from '../../../src-main/api/field-issues.ts';
import { type MonitorDraft, monitorFromDraft } from './monitor-draft.ts';

export interface MonitorCheck {
  monitor: Record<string, unknown>;
  /** The whole config with this monitor in place (added at the end when new). */
  config: ConfigInput;
  index: number;
  /** Paths relative to the monitor, except issues elsewhere in the config (kept whole, prefixed "config."). */
  issues: FieldIssue[];
}

/**
 * Runs the shared schema on the draft, alone and within the whole config (duplicate ids…), before
 * anything is sent: the engine would answer the same.
 */
export function validateMonitor(
  draft: MonitorDraft,
  config: ConfigInput,
  editingId: string | null,
): MonitorCheck {
  const { monitor, issues: local } = monitorFromDraft(draft);
  const { config: next, index } = spliceMonitor(config, monitor as MonitorInput, editingId);

  const parsed = MonitorSchema.safeParse(monitor);
  const localPaths = new Set(local.map((i) => i.path));
  const issues = [...local];
  if (!parsed.success) {
    for (const issue of toFieldIssues(parsed.error)) if (!localPaths.has(issue.path)) issues.push(issue);
  } else if (issues.length === 0) {
    const whole = ConfigSchema.safeParse(next);
    if (!whole.success) {
      const prefix = `monitors[${index}].`;
      for (const issue of toFieldIssues(whole.error)) {
        issues.push(
          issue.path.startsWith(prefix)
            ? { path: issue.path.slice(prefix.length), message: issue.message }
            : { path: `config.${issue.path}`, message: issue.message },
        );
      }
    }
  }
  return { monitor, config: next, index, issues };
}

/**
 * `config` with `monitor` in place of the one with `editingId` (added at the end when new or gone),
 * everything else as it is: saving one monitor must not undo other clients' changes.
 */
export function spliceMonitor(
  config: ConfigInput,
  monitor: MonitorInput,
  editingId: string | null,
): { config: ConfigInput; index: number } {
  const monitors = [...(config.monitors ?? [])];
  const existing = editingId === null ? -1 : monitors.findIndex((m) => m.id === editingId);
  const index = existing < 0 ? monitors.length : existing;
  monitors[index] = monitor;
  return { config: { ...config, monitors }, index };
}
