import type { MonitorConfig } from '../../api/config-schema.ts';
import { createRuntime, type MonitorRuntime, type RestoredMemory } from './monitor-runtime.ts';

/** Fields that change what is said about a check, not the check itself. */
const NOT_CHECKED = new Set([
  'name',
  'rules',
  'disableRules',
  'failThreshold',
  'recoverThreshold',
  'cooldownSeconds',
]);

/** Two configs with the same key run the same check: a save that changes neither keeps its check in flight. */
export const checkKey = (m: MonitorConfig): string =>
  JSON.stringify(m, (key, value) => (NOT_CHECKED.has(key) ? undefined : value));

/**
 * The monitors of the config as runtimes. Applying a config keeps what is known of every monitor
 * whose type did not change; history fills in what a brand-new runtime needs (balances, beats).
 */
export class MonitorRegistry {
  private runtimes = new Map<string, MonitorRuntime>();
  private readonly keys = new Map<string, string>();

  private readonly restore: (m: MonitorConfig) => RestoredMemory;

  constructor(restore: (m: MonitorConfig) => RestoredMemory) {
    this.restore = restore;
  }

  /** Returns the ids whose check is new or changed (added, edited, enabled, imported). */
  apply(monitors: readonly MonitorConfig[]): string[] {
    const next = new Map<string, MonitorRuntime>();
    const changed: string[] = [];
    const before = new Map(this.keys);
    this.keys.clear();
    for (const m of monitors) {
      const old = this.runtimes.get(m.id);
      next.set(m.id, createRuntime(m, old?.config.type === m.type ? old : this.restore(m)));
      const key = checkKey(m);
      this.keys.set(m.id, key);
      if (before.get(m.id) !== key) changed.push(m.id);
    }
    this.runtimes = next;
    return changed;
  }

  get(id: string): MonitorRuntime | undefined {
    return this.runtimes.get(id);
  }

  has(id: string): boolean {
    return this.runtimes.has(id);
  }

  all(): IterableIterator<MonitorRuntime> {
    return this.runtimes.values();
  }

  enabled(): MonitorRuntime[] {
    return [...this.runtimes.values()].filter((r) => r.config.enabled);
  }

  /** The key of the check a monitor runs now, to tell whether a result still belongs to it. */
  keyOf(id: string): string | undefined {
    return this.keys.get(id);
  }

  replace(runtime: MonitorRuntime): void {
    if (this.runtimes.has(runtime.config.id)) this.runtimes.set(runtime.config.id, runtime);
  }
}
