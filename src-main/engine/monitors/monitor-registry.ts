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

/** Stands for one version of a monitor's check; only its identity matters. */
export type CheckToken = Readonly<Record<never, never>>;

/**
 * The monitors of the config as runtimes. Applying a config keeps what is known of every monitor
 * whose type did not change; history fills in what a brand-new runtime needs (balances, beats).
 */
export class MonitorRegistry {
  private runtimes = new Map<string, MonitorRuntime>();
  /** A token per check, replaced when the check changes: compared by identity, so no key is kept. */
  private tokens = new Map<string, CheckToken>();

  private readonly restore: (m: MonitorConfig) => RestoredMemory;

  constructor(restore: (m: MonitorConfig) => RestoredMemory) {
    this.restore = restore;
  }

  /** Returns the ids whose check is new or changed (added, edited, enabled, imported). */
  apply(monitors: readonly MonitorConfig[]): string[] {
    const next = new Map<string, MonitorRuntime>();
    const tokens = new Map<string, CheckToken>();
    const changed: string[] = [];
    for (const m of monitors) {
      const old = this.runtimes.get(m.id);
      next.set(m.id, createRuntime(m, old?.config.type === m.type ? old : this.restore(m)));
      const token = this.tokens.get(m.id);
      if (old && token && checkKey(old.config) === checkKey(m)) tokens.set(m.id, token);
      else {
        tokens.set(m.id, {});
        changed.push(m.id);
      }
    }
    this.runtimes = next;
    this.tokens = tokens;
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

  /** The token of the check a monitor runs now, to tell whether a result still belongs to it. */
  keyOf(id: string): CheckToken | undefined {
    return this.tokens.get(id);
  }

  replace(runtime: MonitorRuntime): void {
    if (this.runtimes.has(runtime.config.id)) this.runtimes.set(runtime.config.id, runtime);
  }
}
