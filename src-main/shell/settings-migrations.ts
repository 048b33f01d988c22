import type { ColorScheme } from '../api/contract.ts';

/** The settings file as stored (secrets sealed), at the current schema version. */
export interface StoredSettings {
  schemaVersion: number;
  config: unknown;
  preferences: StoredPreferences;
}

export interface StoredPreferences {
  /** The user's answer when the OS offers no encryption: keep secrets in plain text. */
  allowPlainTextSecrets?: boolean;
  dismissedNotices?: string[];
  /** The inbound listener's port and whether it accepts the LAN (desktop-listener.ts). */
  listenerPort?: number;
  listenerLan?: boolean;
  colorScheme?: ColorScheme;
}

export const SETTINGS_VERSION = 1;

type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Step `n` turns a version n-1 file into version n. Files without `schemaVersion` are version 0.
 * Add a step (never edit one) when the file's shape changes, and a test with a file of the old shape.
 */
export const MIGRATIONS: Record<number, Migration> = {
  // v0 was the bare config at the top level (the shape of `solvewatch serve`'s config.json);
  // v1 wraps it so the app's own preferences can live beside it.
  1: (data) => ({ schemaVersion: 1, config: data, preferences: {} }),
};

export type MigrationResult =
  | { ok: true; settings: StoredSettings; migratedFrom: number | null }
  | { ok: false; reason: string };

/** Brings a decoded settings file up to `SETTINGS_VERSION`. */
export function migrateSettings(
  data: unknown,
  migrations = MIGRATIONS,
  target = SETTINGS_VERSION,
): MigrationResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, reason: 'the file does not hold a JSON object' };
  }
  let current = data as Record<string, unknown>;
  const from = current.schemaVersion ?? 0;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
    return { ok: false, reason: `unknown schemaVersion ${JSON.stringify(from)}` };
  }
  if (from > target) {
    return {
      ok: false,
      reason: `written by a newer Solvewatch (settings version ${from}, this one reads ${target})`,
    };
  }
  for (let version = from + 1; version <= target; version++) {
    const step = migrations[version];
    if (!step) return { ok: false, reason: `no migration to settings version ${version}` };
    current = { ...step(current), schemaVersion: version };
  }
  const preferences = current.preferences;
  return {
    ok: true,
    settings: {
      schemaVersion: target,
      config: current.config ?? {},
      preferences:
        preferences !== null && typeof preferences === 'object' && !Array.isArray(preferences)
          ? (preferences as StoredPreferences)
          : {},
    },
    migratedFrom: from === target ? null : from,
  };
}
