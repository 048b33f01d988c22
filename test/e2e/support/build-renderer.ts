import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why `vite build` of the renderer failed, or null when dist/renderer is fresh. */
    rendererBuildError: string | null;
  }
}

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const UI_DIR = join(ROOT, 'dist', 'renderer');

/**
 * Vitest global setup: builds the React renderer into dist/renderer, which `solvewatch serve`
 * serves, so the browser tests see the current sources even on a fresh clone without dist/.
 * A failed build is handed to the browser tests (they fail with it) instead of failing every unit test.
 */
export async function setup(project: TestProject): Promise<void> {
  const staging = mkdtempSync(join(tmpdir(), 'solvewatch-renderer-'));
  try {
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    install(staging);
    project.provide('rendererBuildError', null);
  } catch (err) {
    project.provide('rendererBuildError', (err as Error).message);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Moves a build into dist/renderer without a moment where index.html is missing or points at absent
 * assets: other test runs (and `serve`, which looks for index.html when it starts) may be reading it.
 * Asset names carry a content hash, so an unchanged index.html means an unchanged build.
 */
function install(staging: string): void {
  const index = join(UI_DIR, 'index.html');
  const built = readFileSync(join(staging, 'index.html'));
  if (existsSync(index) && readFileSync(index).equals(built)) return;
  const files = listFiles(staging).filter((f) => f !== 'index.html');
  for (const file of files) {
    mkdirSync(join(UI_DIR, file, '..'), { recursive: true });
    copyFileSync(join(staging, file), join(UI_DIR, file));
  }
  const next = `${index}.${process.pid}`;
  copyFileSync(join(staging, 'index.html'), next);
  renameSync(next, index);
  const current = new Set(files);
  for (const file of listFiles(UI_DIR)) {
    if (!file.startsWith('index.html') && !current.has(file)) rmSync(join(UI_DIR, file));
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}
