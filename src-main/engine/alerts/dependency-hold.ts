import type { MonitorState } from '../../api/monitor-state.ts';
import type { AlertState } from './alert-state.ts';

/** What the alert layer knows of a monitor, as far as dependencies care. */
export interface DependencyView {
  name: string;
  /** The state its last check was judged in. */
  observed: MonitorState;
  alert: AlertState;
}

/**
 * The monitor that holds this one's alerts: the first it depends on that is critical, whether its
 * alert already fired or is still counting failures (the parent and its dependents break together
 * and are checked in any order, so waiting for the parent's alert would let the dependents out-run it).
 */
export function holdingParent(
  dependsOn: readonly string[] | undefined,
  view: (id: string) => DependencyView | undefined,
): DependencyView | null {
  for (const id of dependsOn ?? []) {
    const parent = view(id);
    if (parent === undefined) continue;
    const firingCritical = parent.alert.phase === 'firing' && parent.alert.severity === 'critical';
    if (firingCritical || parent.observed === 'critical') return parent;
  }
  return null;
}

/** Names of the monitors that depend on `parentId` and are failing now: the ones its alert holds. */
export function failingDependents(
  parentId: string,
  monitors: readonly { id: string; dependsOn?: readonly string[] }[],
  view: (id: string) => DependencyView | undefined,
): string[] {
  const names: string[] = [];
  for (const m of monitors) {
    if (!m.dependsOn?.includes(parentId)) continue;
    const observed = view(m.id)?.observed;
    if (observed === 'warning' || observed === 'critical') names.push((view(m.id) as DependencyView).name);
  }
  return names;
}

/** "3 dependent monitors held: Orders, Callbacks, Queue" */
export function heldSentence(names: readonly string[]): string {
  const noun = names.length === 1 ? 'dependent monitor' : 'dependent monitors';
  return `${names.length} ${noun} held: ${names.join(', ')}`;
}
