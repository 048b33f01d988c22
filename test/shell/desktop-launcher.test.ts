import { execFile } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { temporaryDirs } from '../support/temp-dir.ts';

const run = promisify(execFile);
const tempDir = temporaryDirs();
const projectDir = fileURLToPath(new URL('../../', import.meta.url));
const launcher = join(projectDir, 'bin', 'desktop.js');

function launch(env: NodeJS.ProcessEnv, args: string[] = []) {
  return run(process.execPath, [launcher, ...args], {
    env: { ...process.env, ...env },
    timeout: 10_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

describe('bin/desktop.js (npm start)', () => {
  it('without the Electron binary, says what to do instead in one line and exits 1', async () => {
    const result = await launch({ ELECTRON_OVERRIDE_DIST_PATH: tempDir() });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/Electron binary is not installed.*npm run serve.*npm run demo/),
    ]);
  });

  it('runs the binary on the project folder, passing the arguments through', async () => {
    const dir = tempDir();
    const fake = join(dir, 'electron');
    writeFileSync(
      fake,
      `#!/bin/sh\necho "args: $*"\necho "run as node: \${ELECTRON_RUN_AS_NODE:-unset}"\nexit 3\n`,
    );
    chmodSync(fake, 0o755);
    const result = await launch({ ELECTRON_OVERRIDE_DIST_PATH: dir, ELECTRON_RUN_AS_NODE: '1' }, [
      '--hidden',
    ]);
    expect(result.code).toBe(3);
    // ELECTRON_RUN_AS_NODE would make Electron ignore the app.
    expect(result.stdout.trim().split('\n')).toEqual([
      `args: ${join(projectDir, '.')} --hidden`,
      'run as node: unset',
    ]);
  });
});
