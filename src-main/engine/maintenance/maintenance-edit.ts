import type { Config } from '../../api/config-schema.ts';
import { ApiError, type ApiInput, type ApiOutputs } from '../../api/contract.ts';
import type { MaintenanceWindow } from '../../api/maintenance-schema.ts';
import type { Clock } from '../clock.ts';
import { activeWindows } from './maintenance-windows.ts';

/** The facade: its running config and its save path (validated, stored, applied). */
interface ConfigOwner {
  currentConfig(): Config;
  saveSettings(input: ApiInput<'saveSettings'>): Promise<unknown>;
  checkNow(input: { id?: string }): Promise<unknown>;
}

/** A window ended early: its monitors are checked now, so what changed during it is told at once. */
function recheck(engine: ConfigOwner, window: MaintenanceWindow): void {
  for (const id of window.monitors ?? [undefined])
    void engine.checkNow(id === undefined ? {} : { id }).catch(() => {});
}

const iso = (ms: number) => new Date(ms).toISOString();

async function saveWindows(engine: ConfigOwner, windows: MaintenanceWindow[]): Promise<void> {
  await engine.saveSettings({ settings: { maintenance: windows } });
}

/** Starts an ad-hoc window now; it is saved into the config, so it outlives a restart. */
export async function startMaintenance(
  engine: ConfigOwner,
  input: ApiInput<'startMaintenance'>,
  clock: Clock,
): Promise<ApiOutputs['startMaintenance']> {
  const config = engine.currentConfig();
  const now = clock.now();
  const taken = new Set(config.maintenance.map((w) => w.id));
  let id = `adhoc-${now.toString(36)}`;
  for (let n = 2; taken.has(id); n++) id = `adhoc-${now.toString(36)}-${n}`;
  const window: MaintenanceWindow = {
    id,
    name: input.name ?? 'Maintenance',
    ...(input.monitors && { monitors: input.monitors }),
    start: iso(now),
    end: iso(now + input.minutes * 60_000),
  };
  await saveWindows(engine, [...config.maintenance, window]);
  return window;
}

/**
 * Ends a window now. A one-off window is removed (one not begun yet is so cancelled); a recurring
 * one keeps its schedule and only the occurrence under way ends.
 */
export async function endMaintenance(
  engine: ConfigOwner,
  id: string,
  clock: Clock,
): Promise<ApiOutputs['endMaintenance']> {
  const config = engine.currentConfig();
  const now = clock.now();
  const window = config.maintenance.find((w) => w.id === id);
  if (!window) throw new ApiError(404, `no maintenance window with id "${id}"`);
  if (window.cron === undefined) {
    await saveWindows(
      engine,
      config.maintenance.filter((w) => w !== window),
    );
    recheck(engine, window);
    return { ok: true };
  }
  if (activeWindows([window], now).length === 0)
    throw new ApiError(409, `the recurring window "${window.name}" is not under way`);
  const ended = { ...window, endedAt: iso(now) };
  await saveWindows(
    engine,
    config.maintenance.map((w) => (w === window ? ended : w)),
  );
  recheck(engine, window);
  return { ok: true };
}
