#!/usr/bin/env node
// `npm start`: runs the desktop app with the Electron binary of node_modules/electron.
// Electron 45's package has no install step: its binary is fetched on first use. The download is
// started here explicitly (and skipped where ELECTRON_SKIP_BINARY_DOWNLOAD is set, as on CI).
import './check-node.cjs';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function electronPackageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function electronBinary() {
  const packageDir = electronPackageDir();
  if (!packageDir) return null;
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  // Electron's own variable for a binary kept elsewhere.
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override
    ? join(override, relative || 'electron')
    : relative && join(packageDir, 'dist', relative);
  return binary && existsSync(binary) ? binary : null;
}

function downloadElectron() {
  const packageDir = electronPackageDir();
  const skip = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  if (!packageDir || process.env.ELECTRON_OVERRIDE_DIST_PATH || (skip && skip !== '0')) return false;
  console.error('Downloading the Electron binary (first start only)…');
  spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'inherit' });
  return true;
}

let binary = electronBinary();
if (!binary) {
  const tried = downloadElectron();
  binary = electronBinary();
  if (!binary && tried) {
    console.error(
      'The Electron binary could not be downloaded here; run "npm run serve" or "npm run demo" to use Solvewatch in your browser.',
    );
    process.exit(1);
  }
}
if (!binary) {
  console.error(
    'The Electron binary is not installed here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD?); run "npm run serve" or "npm run demo" to use Solvewatch in your browser.',
  );
  process.exit(1);
}

const env = { ...process.env };
// Set, it would make Electron behave as plain Node and ignore the app.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [projectDir, ...process.argv.slice(2)], { stdio: 'inherit', env });
child.on('error', (err) => {
  console.error(`Could not start Electron (${binary}): ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
