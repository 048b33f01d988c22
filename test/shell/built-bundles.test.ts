import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../src-main/api/contract.ts';

const run = promisify(execFile);
const projectDir = fileURLToPath(new URL('../../', import.meta.url));
// Inside the project, so the bundle's bare imports (zod, undici, electron-store) resolve from node_modules.
const outRoot = join(projectDir, 'node_modules', '.cache');
let outDir = '';

beforeAll(async () => {
  mkdirSync(outRoot, { recursive: true });
  outDir = mkdtempSync(join(outRoot, 'solvewatch-bundles-'));
  for (const mode of ['main', 'preload']) {
    await build({
      configFile: join(projectDir, 'vite.config.ts'),
      root: projectDir,
      mode,
      logLevel: 'silent',
      build: { outDir: join(outDir, mode), emptyOutDir: true, sourcemap: false },
    });
  }
}, 60_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('built bundles', () => {
  it('dist/main/electron.js starts the app under Node with the electron double, and quits cleanly', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'solvewatch-built-'));
    try {
      const { stdout } = await run(
        process.execPath,
        [
          '--import',
          join(projectDir, 'test/support/electron-double-hooks.mjs'),
          join(projectDir, 'test/shell/run-built-app.mjs'),
          pathToFileURL(join(outDir, 'main', 'electron.js')).href,
          userData,
          projectDir,
        ],
        { env: { ...process.env, SOLVEWATCH_DATA_DIR: '', XDG_CONFIG_HOME: userData }, timeout: 20_000 },
      );
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      const result = JSON.parse(line?.slice('RESULT '.length) ?? 'null');
      expect(result.tray?.labels).toEqual(expect.arrayContaining(['Check all now', 'Open dashboard']));
      expect(result.privileged).toEqual(['app']);
      expect(result.registeredBeforeReady).toBe(true);
      expect(result.channels).toEqual(
        expect.arrayContaining(Object.keys(endpoints).map((n) => `solvewatch:${n}`)),
      );
      // First run (no settings yet): the dashboard opens.
      expect(result.windows).toEqual(['app://solvewatch/index.html#/']);
      expect(result.quitted).toBe(true);
      expect(result.trayDestroyed).toBe(true);
    } finally {
      rmSync(userData, { recursive: true, force: true });
    }
  });

  it('dist/preload/preload.cjs is CommonJS requiring only electron, and exposes every contract method', () => {
    const code = readFileSync(join(outDir, 'preload', 'preload.cjs'), 'utf8');
    expect(code).not.toMatch(/^\s*import\s/m);
    const required = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));

    const exposed = new Map<string, Record<string, unknown>>();
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api),
      },
      ipcRenderer: { invoke: async () => ({ ok: true, value: null }), on() {}, removeListener() {} },
    };
    const fakeRequire = (id: string) => {
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return electron;
    };
    const module = { exports: {} };
    new Function('require', 'module', 'exports', code)(fakeRequire, module, module.exports);
    const api = exposed.get('solvewatch');
    expect(Object.keys(api ?? {}).sort()).toEqual([...Object.keys(endpoints), 'subscribe'].sort());
  });

  it('dist/main is plain ASCII with zod bundled in, so V8 holds its source one byte a character', () => {
    const dir = join(outDir, 'main');
    const files = [
      ...readdirSync(dir).filter((f) => f.endsWith('.js')),
      ...readdirSync(join(dir, 'chunks'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => join('chunks', f)),
    ];
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const code = readFileSync(join(dir, file), 'utf8');
      expect({ file, nonAscii: code.match(/[\u0080-\uffff]/g)?.slice(0, 5) ?? [] }).toEqual({
        file,
        nonAscii: [],
      });
      expect(code).not.toMatch(/from\s*["']zod["']/);
    }
  });
});
