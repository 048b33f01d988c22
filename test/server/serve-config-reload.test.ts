import { renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostInfo, StateSnapshot } from '../../src-main/api/contract.ts';
import { cliProcesses } from '../support/cli-process.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
const cli = cliProcesses();
const TOKEN = 'reload-token-0123456789abcdef';

let target: Server;
let targetUrl = '';
beforeEach(async () => {
  target = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`;
});
afterEach(() => new Promise<void>((resolve) => target.close(() => resolve())));

const httpMonitor = (id: string) => ({ id, type: 'http', url: targetUrl, intervalSeconds: 1 });
const heartbeat = (id: string) => ({ id, type: 'heartbeat', periodSeconds: 60 });

/** Writes the file as editors do: a new file renamed over the old one. */
function edit(path: string, config: unknown): void {
  writeFileSync(`${path}.swp`, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  renameSync(`${path}.swp`, path);
}

async function startServe(monitors: unknown[]) {
  const dir = tempDir();
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ monitors }, null, 2));
  const run = cli(['serve', '--config', configPath, '--data-dir', dir, '--port', '0'], {
    HOME: dir,
    SOLVEWATCH_TOKEN: TOKEN,
  });
  const [, url] = await run.line(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    });
  const json = async <T>(path: string) => (await (await api(path)).json()) as T;
  const monitorIds = async () => (await json<StateSnapshot>('/api/state')).monitors.map((m) => m.id);
  return { run, configPath, api, json, monitorIds };
}

/** Resolves once the monitor has been checked after `after` (epoch ms). */
async function checkedAfter(json: <T>(path: string) => Promise<T>, id: string, after: number) {
  for (;;) {
    const state = await json<StateSnapshot>('/api/state');
    const last = state.monitors.find((m) => m.id === id)?.lastCheck ?? 0;
    if (last > after) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('serve reloads its config file', () => {
  it('applies a valid hand edit on SIGHUP', async () => {
    const serve = await startServe([httpMonitor('a')]);
    edit(serve.configPath, { monitors: [httpMonitor('a'), heartbeat('b')] });
    serve.run.child.kill('SIGHUP');
    await serve.run.line(/^reloaded .*config\.json \(.+\): 2 monitors$/m, 'stderr');
    expect(await serve.monitorIds()).toEqual(['a', 'b']);
    expect(serve.run.child.exitCode).toBeNull();
  });

  it('answers a SIGHUP with nothing changed by saying so, and keeps running', async () => {
    const serve = await startServe([httpMonitor('a')]);
    serve.run.child.kill('SIGHUP');
    await serve.run.line(/config\.json is unchanged \(SIGHUP\)$/m, 'stderr');
    expect((await serve.api('/healthz')).status).toBe(200);
  });

  it('sees an edit on disk without a signal', async () => {
    const serve = await startServe([httpMonitor('a')]);
    edit(serve.configPath, { monitors: [heartbeat('c')] });
    await serve.run.line(/^reloaded .*config\.json \(file changed\): 1 monitors$/m, 'stderr');
    expect(await serve.monitorIds()).toEqual(['c']);
  });

  it('does not reload its own saves', async () => {
    const serve = await startServe([httpMonitor('a')]);
    const config = await serve.json<Record<string, unknown>>('/api/config');
    const saved = await serve.api('/api/config', {
      method: 'PUT',
      body: JSON.stringify({ ...config, monitors: [heartbeat('d')] }),
    });
    expect(saved.status).toBe(200);
    // A SIGHUP after the save's own file event has been handled finds nothing new.
    await new Promise((resolve) => setTimeout(resolve, 500));
    serve.run.child.kill('SIGHUP');
    await serve.run.line(/config\.json is unchanged \(SIGHUP\)$/m, 'stderr');
    expect(serve.run.output().stderr).not.toMatch(/^reloaded /m);
    expect(await serve.monitorIds()).toEqual(['d']);
  });

  it('refuses an invalid edit: the old monitors keep running, the UI is told, a save is refused until it is fixed', async () => {
    const serve = await startServe([httpMonitor('a')]);
    edit(serve.configPath, { monitors: [httpMonitor('a'), { ...heartbeat('b'), periodSeconds: 0 }] });
    serve.run.child.kill('SIGHUP');
    await serve.run.line(
      /config\.json not reloaded, the last good config keeps running: monitors\[1\]\.periodSeconds: .+$/m,
      'stderr',
    );
    const refusedAt = Date.now();

    const host = await serve.json<HostInfo>('/api/host');
    expect(host.notices).toEqual([
      expect.objectContaining({
        id: 'config-file-refused',
        level: 'error',
        message: expect.stringContaining('monitors[1].periodSeconds'),
      }),
    ]);
    expect(await serve.monitorIds()).toEqual(['a']);
    await checkedAfter(serve.json, 'a', refusedAt);
    // The file watcher saw the same edit as the SIGHUP: it is not reported twice.
    expect(serve.run.output().stderr.match(/not reloaded/g)).toHaveLength(1);

    const config = await serve.json<Record<string, unknown>>('/api/config');
    const save = await serve.api('/api/config', { method: 'PUT', body: JSON.stringify(config) });
    expect(save.status).toBe(409);
    expect(((await save.json()) as { error: string }).error).toMatch(
      /config\.json holds an edit that was not loaded \(monitors\[1\]\.periodSeconds: .+\)/,
    );

    edit(serve.configPath, { monitors: [httpMonitor('a'), heartbeat('b')] });
    serve.run.child.kill('SIGHUP');
    await serve.run.line(/^reloaded .*config\.json \(.+\): 2 monitors$/m, 'stderr');
    expect((await serve.json<HostInfo>('/api/host')).notices).toEqual([]);
    expect(await serve.monitorIds()).toEqual(['a', 'b']);
  });
});
