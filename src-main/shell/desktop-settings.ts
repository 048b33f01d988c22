import { existsSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import ElectronStore from 'electron-store';
import { type Config, ConfigSchema } from '../api/config-schema.ts';
import { ApiError, type ColorScheme, type HostNotice } from '../api/contract.ts';
import { formatFieldIssues } from '../api/field-issues.ts';
import { isLoopbackUrl } from '../api/loopback.ts';
import type { SettingsStore } from '../engine/config/config-file.ts';
import { type ParseResult, parseConfig } from '../engine/config/parse-config.ts';
import { STORED_TEXT } from '../engine/config/secret-masking.ts';
import { DEFAULT_LISTENER_PORT } from '../server/inbound-listener.ts';
import {
  formatPath,
  replaceAt,
  type SealedSecret,
  type SecretField,
  sealedFields,
  secretFields,
} from './sealed-secrets.ts';
import type { SecretStorage } from './secret-storage.ts';
import {
  migrateSettings,
  SETTINGS_VERSION,
  type StoredPreferences,
  type StoredSettings,
} from './settings-migrations.ts';

export interface DesktopSettingsOptions {
  /** The folder of the settings file (Electron's userData). */
  dir: string;
  secrets: SecretStorage;
  now?: () => number;
  log?: (line: string) => void;
}

const FILE_NAME = 'settings';

/**
 * The desktop app's settings: an electron-store file validated with the engine's config schema when opened,
 * versioned (settings-migrations.ts), with every secret sealed by the OS keychain. A file that cannot
 * be used is kept beside as `settings.corrupt-<time>.json`, defaults are used and a notice tells the user.
 * Opening is async (the keychain decrypts asynchronously); `load()` then answers from memory.
 */
export class DesktopSettings implements SettingsStore {
  readonly path: string;
  private readonly store: ElectronStore<Record<string, unknown>>;
  private readonly secrets: SecretStorage;
  private readonly log: (line: string) => void;
  private current: ParseResult;
  private preferences: StoredPreferences;
  /** The config as the file holds it (secrets sealed), written again with every preference change. */
  private storedConfig: unknown;
  private readonly recovery: HostNotice[];
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    store: ElectronStore<Record<string, unknown>>,
    options: DesktopSettingsOptions,
    loaded: {
      config: ParseResult;
      storedConfig: unknown;
      preferences: StoredPreferences;
      notices: HostNotice[];
    },
  ) {
    this.store = store;
    this.path = store.path;
    this.secrets = options.secrets;
    this.log = options.log ?? (() => {});
    this.current = loaded.config;
    this.preferences = loaded.preferences;
    this.storedConfig = loaded.storedConfig;
    this.recovery = loaded.notices;
  }

  static async open(options: DesktopSettingsOptions): Promise<DesktopSettings> {
    const now = options.now ?? Date.now;
    const notices: HostNotice[] = [];
    const path = join(options.dir, `${FILE_NAME}.json`);
    const existed = existsSync(path);
    const recover = (reason: string): void => {
      const backup = join(
        options.dir,
        `${FILE_NAME}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}.json`,
      );
      renameSync(path, backup);
      notices.push({
        id: 'settings-recovered',
        level: 'error',
        message: `Your settings file could not be used (${reason}). It was kept as ${basename(backup)} beside the new one, and Solvewatch started with default settings.`,
      });
      options.log?.(`settings: ${reason}; kept the file as ${backup}, using defaults`);
    };

    let store: ElectronStore<Record<string, unknown>>;
    let raw: unknown;
    try {
      store = openStore(options.dir);
      raw = store.store;
    } catch (err) {
      if (!existsSync(path)) throw err;
      // JSON.parse's message quotes the file, secrets included: say what happened, not what it read.
      recover(
        err instanceof SyntaxError
          ? 'it is not valid JSON'
          : `it could not be read: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      );
      store = openStore(options.dir);
      raw = {};
    }

    const migrated = migrateSettings(raw);
    if (!migrated.ok) recover(migrated.reason);
    const stored: StoredSettings = migrated.ok
      ? migrated.settings
      : { schemaVersion: SETTINGS_VERSION, config: {}, preferences: {} };

    const opened = await openSecrets(stored.config, options.secrets);
    if (opened.failed.length > 0) {
      notices.push({
        id: 'secrets-undecryptable',
        level: 'warning',
        message: `${opened.failed.length === 1 ? 'A secret' : `${opened.failed.length} secrets`} could not be decrypted (did the OS keychain change?): enter ${opened.failed.join(', ')} again in Settings.`,
      });
    }
    let config = opened.config;
    let storedConfig = stored.config;
    if (!config.ok) {
      recover(`invalid settings: ${formatFieldIssues(config.issues.slice(0, 3)).replace(/\n/g, '; ')}`);
      config = { ok: true, config: ConfigSchema.parse({}) };
      storedConfig = {};
    }

    const settings = new DesktopSettings(store, options, {
      config,
      storedConfig,
      preferences: stored.preferences,
      notices,
    });
    const plainInFile = secretFields(config.config).length > opened.sealed;
    if (
      existed &&
      migrated.ok &&
      (migrated.migratedFrom !== null || (plainInFile && options.secrets.protected) || opened.reseal)
    ) {
      // Rewrite at the current version, sealing any secret the old file held in plain text or under a rotated key.
      await settings
        .save(config.config)
        .catch((err: Error) => options.log?.(`settings: kept the file as it was: ${err.message}`));
      if (migrated.migratedFrom !== null)
        options.log?.(`settings: migrated from version ${migrated.migratedFrom} to ${SETTINGS_VERSION}`);
    }
    return settings;
  }

  load(): ParseResult {
    return this.current;
  }

  /**
   * Persists the config it is given, which the engine validated (`takeInConfig`): seals every secret;
   * refuses (409, naming the fields) to store one the OS cannot protect unless the user allowed plain text.
   */
  save(config: Config): Promise<void> {
    return this.enqueue(() => this.write(config));
  }

  /** Things to tell the user about opening the settings (a file backed up, secrets lost). */
  notices(): HostNotice[] {
    return [...this.recovery];
  }

  get allowPlainTextSecrets(): boolean {
    return this.preferences.allowPlainTextSecrets === true;
  }

  get dismissedNotices(): string[] {
    return this.preferences.dismissedNotices ?? [];
  }

  /** The colour scheme the user chose; `system` when none (or a hand-edited value that is not one). */
  get colorScheme(): ColorScheme {
    const chosen = this.preferences.colorScheme;
    return chosen === 'light' || chosen === 'dark' ? chosen : 'system';
  }

  get listener(): { port: number; lan: boolean } {
    return {
      port: this.preferences.listenerPort ?? DEFAULT_LISTENER_PORT,
      lan: this.preferences.listenerLan === true,
    };
  }

  /** Saves the app's own preferences beside the config (in effect at once, written in turn with saves). */
  setPreferences(change: StoredPreferences): Promise<void> {
    this.preferences = { ...this.preferences, ...change };
    return this.enqueue(async () => this.writeFile());
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.writing.then(job);
    this.writing = run.catch(() => {});
    return run;
  }

  /** Always the whole versioned document: a file without `schemaVersion` would be read as version 0. */
  private writeFile(): void {
    const stored: StoredSettings = {
      schemaVersion: SETTINGS_VERSION,
      config: this.storedConfig,
      preferences: this.preferences,
    };
    this.store.store = stored as unknown as Record<string, unknown>;
  }

  private async write(config: Config): Promise<void> {
    const seal = this.secrets.protected || (this.allowPlainTextSecrets && this.secrets.canEncrypt);
    const replacements = new Map<string, unknown>();
    const refused: string[] = [];
    for (const field of secretFields(config)) {
      const path = formatPath(field.path);
      if (seal)
        replacements.set(path, { encrypted: await this.secrets.encrypt(field.value) } satisfies SealedSecret);
      else if (!this.allowPlainTextSecrets && !isMadeUp(field, config)) refused.push(path);
    }
    if (refused.length > 0) {
      const backend = this.secrets.backend ? ` (keyring: ${this.secrets.backend})` : '';
      throw new ApiError(
        409,
        `${refused.join(', ')} cannot be saved: this computer offers no encryption for secrets${backend}. ` +
          'Allow plain-text storage in Settings, or use an environment variable ({ "env": "NAME" }) instead.',
        refused.map((path) => ({
          path,
          message: 'cannot be saved without encryption: allow plain-text storage or use { "env": "NAME" }',
        })),
      );
    }
    this.storedConfig = replaceAt(config, replacements);
    this.writeFile();
    this.current = { ok: true, config };
    this.log(`settings saved (${config.monitors.length} monitors)`);
  }
}

/** The demo's fake API key and its local Discord sink are no credentials: they only open loopback fakes. */
function isMadeUp(field: SecretField, config: Config): boolean {
  if (isLoopbackUrl(field.value)) return true;
  const [list, index] = field.path;
  return list === 'monitors' && typeof index === 'number' && config.monitors[index]?.demo === true;
}

function openStore(dir: string): ElectronStore<Record<string, unknown>> {
  return new ElectronStore<Record<string, unknown>>({
    cwd: dir,
    name: FILE_NAME,
    clearInvalidConfig: false,
    configFileMode: 0o600,
  });
}

/** Decrypts every sealed secret; one the keychain cannot open becomes "stored but missing". */
async function openSecrets(
  config: unknown,
  secrets: SecretStorage,
): Promise<{ config: ParseResult; sealed: number; failed: string[]; reseal: boolean }> {
  const sealed = sealedFields(config);
  const opened = new Map<string, unknown>();
  const failed: string[] = [];
  let reseal = false;
  for (const { path, sealed: s } of sealed) {
    try {
      const { plain, reseal: rotated } = await secrets.decrypt(s.encrypted);
      opened.set(formatPath(path), plain);
      reseal ||= rotated;
    } catch {
      failed.push(formatPath(path));
      opened.set(formatPath(path), { stored: true });
    }
  }
  let result = parseConfig(replaceAt(config, opened));
  if (!result.ok && failed.length > 0) {
    // Plain-text secret fields (headers, tokens) are masked with a marker instead of `{ "stored": true }`.
    const rejected = new Set(result.issues.map((i) => i.path));
    for (const path of failed) if (rejected.has(path)) opened.set(path, STORED_TEXT);
    result = parseConfig(replaceAt(config, opened));
  }
  return { config: result, sealed: sealed.length, failed, reseal };
}
