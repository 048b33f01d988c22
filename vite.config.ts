import { defineConfig } from 'vite';

/** Builds the plain-Node entry (`solvewatch serve`) into dist/main; the renderer and Electron bundles join here. */
export default defineConfig({
  build: {
    ssr: 'src-main/cli.ts',
    outDir: 'dist/main',
    target: 'node22',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: { output: { entryFileNames: 'cli.js' } },
  },
  ssr: { target: 'node' },
});
