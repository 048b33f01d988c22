import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type Config, type ConfigInput, ConfigSchema } from '../../api/config-schema.ts';
import type { HostNotice } from '../../api/contract.ts';
import type { FieldIssue } from '../../api/field-issues.ts';
import { type ParseResult, parseConfigText } from './parse-config.ts';

/** Where settings live: a JSON file for `serve`, electron-store in the desktop app. */
export interface SettingsStore {
  load(): ParseResult;
  /**
   * Persists a config the engine validated. May be async: the desktop store encrypts secrets with the
   * OS keychain first. Throws ConfigConflictError rather than overwrite changes on disk that were never loaded.
   */
  save(config: Config): void | Promise<void>;
}

/** A save refused because the file holds an edit that was not loaded (the API answers 409). */
export class ConfigConflictError extends Error {}

/** What a reload found: the file as last loaded or saved, no file, or a changed file's parse. */
export type ReloadResult = 'unchanged' | 'missing' | ParseResult;

/**
 * A JSON config file, written atomically (temp file + rename) and readable only by its owner. It
 * remembers a digest of the text it last loaded or wrote (not the text: 85 KiB at 1,000 monitors), so
 * a reload ignores our own saves and a save does not overwrite a hand edit that was refused or not
 * loaded yet.
 */
export class ConfigFile implements SettingsStore {
  readonly path: string;
  /** The digest of the text that runs: last loaded or saved; null for no file; undefined before the first load. */
  private known: string | null | undefined;
  /** The digest of the text last read or written, refused or not: a reload of the same text is no news. */
  private seen: string | null | undefined;
  /** Why the edit on disk was refused; null while the file holds what runs. */
  private refused: FieldIssue[] | null = null;

  constructor(path: string) {
    this.path = path;
  }

  load(): ParseResult {
    const text = this.read();
    if (text === null) {
      this.known = null;
      this.seen = null;
      this.refused = null;
      return { ok: true, config: ConfigSchema.parse({}) };
    }
    return this.parse(text);
  }

  /** Reads the file again after it changed on disk (or on SIGHUP). */
  reload(): ReloadResult {
    const text = this.read();
    if (digestOf(text) === this.seen) return 'unchanged';
    if (text === null) {
      this.seen = null;
      this.refused = null;
      return 'missing';
    }
    return this.parse(text);
  }

  save(config: ConfigInput | Config): void {
    const onDisk = this.read();
    if (this.known !== undefined && onDisk !== null && digestOf(onDisk) !== this.known) {
      const edit = parseConfigText(onDisk);
      throw new ConfigConflictError(
        edit.ok
          ? `${this.path} was changed on disk and the change is not loaded yet; saving now would overwrite it. Save again once it is loaded (in a moment, or on SIGHUP).`
          : `${this.path} holds an edit that was not loaded (${describeIssues(edit.issues)}); saving now would overwrite it. Fix or undo the edit in the file first.`,
      );
    }
    const text = `${JSON.stringify(config, null, 2)}\n`;
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, this.path);
    this.known = digestOf(text);
    this.seen = this.known;
    this.refused = null;
  }

  /** Whether the file on disk holds an edit that was refused. */
  get refusedEdit(): boolean {
    return this.refused !== null;
  }

  /** A refused edit, shown in the UI until the file holds a good config again. */
  notices(): HostNotice[] {
    if (!this.refused) return [];
    return [
      {
        id: 'config-file-refused',
        level: 'error',
        message: `${this.path} was changed but not loaded: ${describeIssues(this.refused)}. Solvewatch keeps running the last good config until the file is fixed.`,
      },
    ];
  }

  private parse(text: string): ParseResult {
    const result = parseConfigText(text);
    this.seen = digestOf(text);
    if (result.ok) this.known = this.seen;
    this.refused = result.ok ? null : result.issues;
    return result;
  }

  private read(): string | null {
    try {
      return readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
}

const digestOf = (text: string | null) =>
  text === null ? null : createHash('sha256').update(text).digest('base64');

const describeIssues = (issues: readonly FieldIssue[]) =>
  issues.map((i) => `${i.path}: ${i.message}`).join('; ');
