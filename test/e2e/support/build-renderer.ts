import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why `vite build` of the renderer failed, or null when dist/renderer is fresh. */
    rendererBuildError: string | null;
  }
}

/**
 * Vitest global setup: builds the React renderer into dist/renderer, which `solvewatch serve`
 * serves, so the browser tests see the current sources even on a fresh clone without dist/.
 * A failed build is handed to the browser tests (they fail with it) instead of failing every unit test.
 */
export async function setup(project: TestProject): Promise<void> {
  const configFile = fileURLToPath(new URL('../../../vite.config.ts', import.meta.url));
  try {
    await build({ configFile, logLevel: 'warn' });
    project.provide('rendererBuildError', null);
  } catch (err) {
    project.provide('rendererBuildError', (err as Error).message);
  }
}
