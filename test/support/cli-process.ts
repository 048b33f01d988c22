import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const CLI = fileURLToPath(new URL('../../src-main/cli.ts', import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Resolves with the first match in stdout (or stderr); rejects if the process exits first. */
  line(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<RegExpExecArray>;
  output(): { stdout: string; stderr: string };
}

/**
 * Runs the `solvewatch` CLI from source in child processes with a minimal environment (HOME as given
 * in `env`), killed after each test. `nodeArgs` go before the script (`--import` of a test preload).
 */
export function cliProcesses(): (args: string[], env?: NodeJS.ProcessEnv, nodeArgs?: string[]) => CliProcess {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
  });
  return (args, env = {}, nodeArgs = []) => {
    const child = spawn(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', ...nodeArgs, CLI, ...args],
      { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    const text = { stdout: '', stderr: '' };
    child.stdout?.on('data', (d) => (text.stdout += d));
    child.stderr?.on('data', (d) => (text.stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const line = (pattern: RegExp, stream: 'stdout' | 'stderr' = 'stdout') =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(text[stream]);
          if (m) resolve(m);
        };
        child[stream]?.on('data', check);
        child.on('exit', () => reject(new Error(`exited before ${pattern}: ${text.stderr}`)));
        check();
      });
    return { child, exited, line, output: () => ({ ...text }) };
  };
}
