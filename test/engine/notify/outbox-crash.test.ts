import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../../src-main/fakes/discord-server.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';

const CHILD = fileURLToPath(new URL('./outbox-crash-child.ts', import.meta.url));
const WAIT = { timeout: 15_000, interval: 10 };

const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Child {
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runChild(file: string, webhookUrl: string, mode: 'enqueue' | 'resume', retryMs: number): Child {
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--no-warnings', CHILD, file, webhookUrl, mode, String(retryMs)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    return exit;
  });
  return { process: child, stdout: () => stdout, stderr: () => stderr, exit };
}

async function kill(child: Child): Promise<void> {
  child.process.kill('SIGKILL');
  expect((await child.exit).signal).toBe('SIGKILL');
}

/** Runs a process that only starts the outbox, and returns the messages it left. */
async function resume(file: string, webhookUrl: string): Promise<Array<{ state: string; attempts: number }>> {
  const child = runChild(file, webhookUrl, 'resume', 100);
  const { code } = await child.exit;
  expect(code, child.stderr()).toBe(0);
  return JSON.parse(child.stdout());
}

function storedRows(file: string): { outbox: unknown[]; deliveries: unknown[] } {
  const db = new DatabaseSync(file);
  try {
    return {
      outbox: db
        .prepare('SELECT state, attempts FROM outbox')
        .all()
        .map((r) => ({ ...r })),
      deliveries: db
        .prepare('SELECT outcome, status FROM outbox_deliveries')
        .all()
        .map((r) => ({ ...r })),
    };
  } finally {
    db.close();
  }
}

/** The delivery log in the order it was written. */
function deliveryLog(file: string): unknown[] {
  const db = new DatabaseSync(file);
  try {
    return db
      .prepare('SELECT outcome, status, error FROM outbox_deliveries ORDER BY id')
      .all()
      .map((r) => ({ ...r }));
  } finally {
    db.close();
  }
}

async function fakeDiscord(): Promise<FakeDiscord> {
  const d = await startFakeDiscord();
  cleanups.push(() => d.close());
  return d;
}

/** After the crash, a restart delivers the message exactly once, and a further restart sends nothing. */
async function expectDeliveredOnceAfterRestarts(
  file: string,
  discord: FakeDiscord,
  url: string,
): Promise<void> {
  expect(await resume(file, url)).toMatchObject([{ state: 'delivered' }]);
  const titles = discord.received.map(
    (r) => (r.body as { embeds: Array<{ title: string }> }).embeds[0]?.title,
  );
  expect(titles).toEqual(['🔴 Down: Crash test']);
  const requests = discord.requests;

  expect(await resume(file, url)).toMatchObject([{ state: 'delivered' }]);
  expect(discord.received).toHaveLength(1);
  expect(discord.requests).toBe(requests);
}

describe('outbox crash safety', () => {
  it('delivers exactly once after the process is killed during the send', { timeout: 60_000 }, async () => {
    const discord = await fakeDiscord();
    const url = discord.webhookUrl();
    const file = join(tempDir(), 'history.sqlite');
    discord.setMode('hold');

    const crashing = runChild(file, url, 'enqueue', 60_000);
    await vi.waitFor(() => expect(discord.held, crashing.stderr()).toBe(1), WAIT);
    await kill(crashing);
    await vi.waitFor(() => expect(discord.held).toBe(0), WAIT);
    discord.release();
    discord.setMode('normal');
    expect(discord.received).toHaveLength(0);
    expect(storedRows(file)).toEqual({ outbox: [{ state: 'pending', attempts: 0 }], deliveries: [] });

    await expectDeliveredOnceAfterRestarts(file, discord, url);
    // Discord could have posted the first request before the kill: the log says the re-send may be a second copy.
    expect(deliveryLog(file)).toEqual([
      {
        outcome: 'interrupted',
        status: null,
        error: 'possibly a duplicate: the app stopped while this message was being sent',
      },
      { outcome: 'delivered', status: 200, error: null },
    ]);
  });

  it('delivers exactly once after the process is killed while the message waits to be retried', {
    timeout: 60_000,
  }, async () => {
    const discord = await fakeDiscord();
    const url = discord.webhookUrl();
    const file = join(tempDir(), 'history.sqlite');
    discord.failNext(1, 503);

    const crashing = runChild(file, url, 'enqueue', 2000);
    await vi.waitFor(() => expect(crashing.stderr()).toContain('will retry message 1'), WAIT);
    await kill(crashing);
    expect(discord.received).toHaveLength(0);
    expect(storedRows(file)).toEqual({
      outbox: [{ state: 'pending', attempts: 1 }],
      deliveries: [{ outcome: 'retry', status: 503 }],
    });

    await expectDeliveredOnceAfterRestarts(file, discord, url);
    expect(deliveryLog(file).map((d) => (d as { outcome: string }).outcome)).toEqual(['retry', 'delivered']);
  });
});
