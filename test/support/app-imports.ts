import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The files under `src-main/` that import values (not only types) from `module`. */
export function valueImporters(module: string): string[] {
  const imports = new RegExp(`^import (?!type )[^;]*from '${module}'`, 'm');
  return sourceFiles(join(ROOT, 'src-main')).filter((f) => imports.test(readFileSync(f, 'utf8')));
}

/** Runs an ES module script in a fresh Node process at the root; returns what it printed, parsed as JSON. */
export function runInFreshNode(script: string): unknown {
  const out = execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}
