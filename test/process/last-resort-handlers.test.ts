import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliProcesses } from '../support/cli-process.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
const cli = cliProcesses();
const PRELOAD = fileURLToPath(new URL('../support/throw-on-signal.mjs', import.meta.url));
const API_KEY = 'sk-live-4f9c2a77e1';

/** `serve` with a balance monitor whose API key is a secret, and the preload that throws on SIGUSR2. */
async function serveWithPreload(env: NodeJS.ProcessEnv) {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      monitors: [
        {
          id: 'bal',
          type: 'balance',
          provider: 'captchaai',
          apiKey: API_KEY,
          baseUrl: 'http://127.0.0.1:9',
          intervalSeconds: 3600,
        },
      ],
    }),
  );
  const run = cli(['serve', '--data-dir', dir, '--port', '0'], { HOME: dir, ...env }, ['--import', PRELOAD]);
  const [, url] = await run.line(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
  return { run, url, dir };
}

describe('last-resort error handlers of serve', () => {
  it('log a throwing timer and an unawaited rejection with secrets masked, and keep serving', async () => {
    const { run, url } = await serveWithPreload({
      THROW_MESSAGE: `solver refused ${API_KEY} at https://solver.test/res.php?key=${API_KEY}&action=getbalance`,
    });
    run.child.kill('SIGUSR2');
    await run.line(/^solvewatch: uncaught exception \(kept running\): Error: solver refused/m, 'stderr');
    await run.line(/^solvewatch: unhandled promise rejection \(kept running\): Error: rejected/m, 'stderr');
    const { stderr } = run.output();
    expect(stderr).toContain('solver refused *** at https://solver.test/res.php?key=***&action=getbalance');
    expect(stderr).not.toContain(API_KEY);

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('stop cleanly with status 1 when errors keep coming', async () => {
    const { run, dir } = await serveWithPreload({ THROWS: '5' });
    run.child.kill('SIGUSR2');
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toMatch(/\(10 errors within a minute, stopping\)/);
    // Stopped through the clean path: the history lock is released.
    expect(existsSync(join(dir, 'history.sqlite.lock'))).toBe(false);
  });
});
