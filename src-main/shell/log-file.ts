import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactText } from '../engine/redact.ts';

export interface LogFileOptions {
  /** Rotate when the file would grow past this (`solvewatch.log` → `.1` → `.2`). */
  maxBytes?: number;
  keep?: number;
  now?: () => number;
  /** Values to mask in every line (the config's secrets, read at write time). */
  secrets?: () => readonly string[];
}

export interface LogFile {
  readonly path: string;
  write(line: string): void;
}

/** The engine's log lines in userData/logs, size-rotated, with secrets and secret URL parts masked. */
export function openLogFile(path: string, options: LogFileOptions = {}): LogFile {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 2;
  const now = options.now ?? Date.now;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let size = sizeOf(path);
  return {
    path,
    write(line) {
      const masked = redactText(line, options.secrets?.() ?? []);
      const entry = `${new Date(now()).toISOString()} ${masked.replace(/\n/g, '\n  ')}\n`;
      const bytes = Buffer.byteLength(entry);
      try {
        if (size > 0 && size + bytes > maxBytes) {
          rmSync(`${path}.${keep}`, { force: true });
          for (let i = keep - 1; i >= 1; i--) renameIfPresent(`${path}.${i}`, `${path}.${i + 1}`);
          renameIfPresent(path, `${path}.1`);
          size = 0;
        }
        appendFileSync(path, entry, { mode: 0o600 });
        size += bytes;
      } catch {
        // A full disk must not take the monitor down with it.
      }
    },
  };
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {}
}
