import type { Config } from '../../api/config-schema.ts';
import { ApiError, type ApiInput, type ApiOutputs } from '../../api/contract.ts';
import type { MaintenanceWindow } from '../../api/maintenance-schema.ts';
import type { Clock } from '../clock.ts';
import { maskSecrets } from '../config/secret-masking.ts';
import { activeWindows } from './maintenance-windows.ts';

/** The facade's save path: validated, stored, applied. */
type Save = (config: unknown) => Promise<void>;

const iso = (ms: number) => new Date(ms).toISOString();

function saveWindows(config: Config, windows: MaintenanceWindow[], save: Save): Promise<void> {
  return save({ ...maskSecrets(config), maintenance: windows });
}

/** Starts an ad-hoc window now; it is saved into the config, so it outlives a restart. */
export async function startMaintenance(
  config: Config,
  input: ApiInput<'startMaintenance'>,
  now: number,
  save: Save,
): Promise<ApiOutputs['startMaintenance']> {
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
  await saveWindows(config, [...config.maintenance, window], save);
  return window;
}

/**
 * Ends a window now. A one-off window is removed (one not begun yet is so cancelled); a recurring
 * one keeps its schedule and only the occurrence under way ends.
 */
export async function endMaintenance(
  config: Config,
  id: string,
  now: number,
  save: Save,
): Promise<ApiOutputs['endMaintenance']> {
  const window = config.maintenance.find((w) => w.id === id);
  if (!window) throw new ApiError(404, `no maintenance window with id "${id}"`);
  if (window.cron === undefined) {
    await saveWindows(
      config,
      config.maintenance.filter((w) => w !== window),
      save,
    );
    return { ok: true };
  }
  if (activeWindows([window], now).length === 0)
    throw new ApiError(409, `the recurring window "${window.name}" is not under way`);
  const ended = { ...window, endedAt: iso(now) };
  await saveWindows(
    config,
    config.maintenance.map((w) => (w === window ? ended : w)),
    save,
  );
  return { ok: true };
}

/** The facade's two maintenance calls, on the running config and the save path. */
export function maintenanceEdits(engine: { currentConfig(): Config }, clock: Clock, save: Save) {
  return {
    start: (input: ApiInput<'startMaintenance'>) =>
      startMaintenance(engine.currentConfig(), input, clock.now(), save),
    end: (id: string) => endMaintenance(engine.currentConfig(), id, clock.now(), save),
  };
}
export type MaintenanceEdits = ReturnType<typeof maintenanceEdits>;
