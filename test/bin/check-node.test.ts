import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
const OLD_NODE = '/usr/bin/node';
const MINIMUM = [22, 13];

function nodeVersion(binary: string): number[] | null {
  if (!existsSync(binary)) return null;
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim().slice(1).split('.').map(Number) : null;
}

function tooOld(version: number[] | null): boolean {
  const [major = 0, minor = 0] = version ?? [];
  return (
    version !== null && (major < (MINIMUM[0] ?? 0) || (major === MINIMUM[0] && minor < (MINIMUM[1] ?? 0)))
  );
}

const oldVersion = nodeVersion(OLD_NODE);
const expectedLine = `Solvewatch needs Node 22.13 or newer (this is v${oldVersion?.join('.')}).`;

/** PATH with the old Node first, so `node` in the npm scripts (and npm itself) is the old one. */
function oldNodePath(): string {
  const dir = tempDir();
  symlinkSync(OLD_NODE, join(dir, 'node'));
  return [dir, process.env.PATH].join(delimiter);
}

describe('the Node version check', () => {
  it('says nothing and lets the command go on with this Node', () => {
    const run = spawnSync(process.execPath, ['bin/check-node.cjs'], { encoding: 'utf8' });
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('asks for the Node version package.json declares', () => {
    const engines = JSON.parse(readFileSync('package.json', 'utf8')).engines.node;
    expect(engines).toBe(`>=${MINIMUM.join('.')}`);
  });

  const oldNodeTitle = tooOld(oldVersion)
    ? `with Node v${oldVersion?.join('.')} at ${OLD_NODE}`
    : `with an old Node (skipped: ${OLD_NODE} is missing or not older than 22.13)`;
  describe.skipIf(!tooOld(oldVersion))(oldNodeTitle, () => {
    it.each([['bin/check-node.cjs'], ['bin/solvewatch.js', 'serve'], ['bin/desktop.js']])(
      '%s stops in one line',
      (...args) => {
        const run = spawnSync(OLD_NODE, args, { encoding: 'utf8' });
        expect(run.status).toBe(1);
        expect(run.stderr).toBe(`${expectedLine}\n`);
      },
    );

    it.each(['start', 'test', 'run demo', 'run serve', 'run bench'])(
      'npm %s stops in one line before building or testing anything',
      (command) => {
        const run = spawnSync('npm', command.split(' '), {
          encoding: 'utf8',
          env: { ...process.env, PATH: oldNodePath() },
          timeout: 60_000,
        });
        expect(run.status).toBe(1);
        expect(run.stderr).toBe(`${expectedLine}\n`);
      },
    );
  });
});
