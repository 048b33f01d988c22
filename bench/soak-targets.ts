import { fork } from 'node:child_process';
import { startFakeDiscord } from '../src-main/fakes/discord-server.ts';
import { startEndlessBodyServer } from '../src-main/fakes/endless-body-server.ts';
import { startHangingServer } from '../src-main/fakes/hanging-server.ts';
import { startHttpTarget } from '../src-main/fakes/http-target.ts';
import { listenLoopback } from '../src-main/fakes/loopback-server.ts';

export interface SoakTargetUrls {
  healthy: string;
  hanging: string;
  endless: string;
  refused: string;
  discordWebhook: string;
}

export interface SoakSinkReport {
  /** JSON of each received message's embeds, in arrival order. */
  received: string[];
  requests: number;
}

export interface SoakTargets {
  urls: SoakTargetUrls;
  /** What the Discord sink received so far. */
  report(): Promise<SoakSinkReport>;
  stop(): void;
}

const FAIL_EVERY_OTHER_MS = 60_000;

/**
 * The soak's misbehaving world in a child process (its CPU and descriptors are not the engine's): a
 * healthy endpoint, one that accepts and never answers, one with an endless body, a refused port, and
 * a Discord-compatible sink that answers 500 every other minute.
 */
export async function startSoakTargets(): Promise<SoakTargets> {
  const child = fork(new URL(import.meta.url), ['--serve'], {
    execArgv: ['--experimental-strip-types', '--no-warnings'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const urls = await new Promise<SoakTargetUrls>((resolve, reject) => {
    child.once('message', (m) => resolve(m as SoakTargetUrls));
    child.once('exit', (code) => reject(new Error(`soak targets exited with ${code}`)));
  });
  return {
    urls,
    report: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as SoakSinkReport));
        child.send('report');
      }),
    stop: () => child.kill(),
  };
}

if (process.argv.includes('--serve')) {
  const healthy = await startHttpTarget({ body: { status: 'healthy' } });
  const hanging = await startHangingServer();
  const endless = await startEndlessBodyServer();
  // A port that was just free: nothing listens there, so connecting is refused.
  const gone = await listenLoopback(() => {});
  await gone.close();
  const discord = await startFakeDiscord();
  let minute = 0;
  setInterval(() => {
    minute++;
    discord.setMode(minute % 2 === 1 ? 'fail-500' : 'normal');
  }, FAIL_EVERY_OTHER_MS);
  process.send?.({
    healthy: healthy.url,
    hanging: hanging.url,
    endless: endless.url,
    refused: `${gone.origin}/`,
    discordWebhook: discord.webhookUrl(),
  } satisfies SoakTargetUrls);
  process.on('message', () => {
    const received = discord.received.map((m) => JSON.stringify((m.body as { embeds?: unknown }).embeds));
    process.send?.({ received, requests: discord.requests } satisfies SoakSinkReport);
  });
  process.on('disconnect', () => process.exit(0));
}
