import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Electron's binary is not available in tests: every `electron` import (ours and electron-store's) gets the shared double.
  resolve: {
    alias: { electron: fileURLToPath(new URL('./test/support/electron-double.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // The browser tests need the renderer built into dist/renderer, where `solvewatch serve` finds it.
    globalSetup: ['test/e2e/support/build-renderer.ts'],
    server: { deps: { inline: ['electron-store'] } },
    // Two-core machines: keep parallelism low so loopback servers and SQLite files are not starved.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
