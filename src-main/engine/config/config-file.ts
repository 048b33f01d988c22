import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type Config, type ConfigInput, ConfigSchema } from '../../api/config-schema.ts';
import { type ParseResult, parseConfigText } from './parse-config.ts';

/** Where settings live: a JSON file for `serve`, electron-store in the desktop app. */
export interface SettingsStore {
  load(): ParseResult;
  /** May be async: the desktop store encrypts secrets with the OS keychain first. */
  save(config: ConfigInput): void | Promise<void>;
}

/** A JSON config file, written atomically (temp file + rename) and readable only by its owner. */
export class ConfigFile implements SettingsStore {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  load(): ParseResult {
    if (!existsSync(this.path)) return { ok: true, config: ConfigSchema.parse({}) };
    return parseConfigText(readFileSync(this.path, 'utf8'));
  }

  save(config: ConfigInput | Config): void {
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
