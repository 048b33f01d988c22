import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../src-main/fakes/discord-server.ts';
import { type HttpTarget, startHttpTarget } from '../../src-main/fakes/http-target.ts';
import { serveOnLoopback } from '../support/serve-on-loopback.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(config: (urls: { target: string; discord: string }) => unknown) {
  const target: HttpTarget = await startHttpTarget();
  const discord: FakeDiscord = await startFakeDiscord();
  cleanups.push(
    () => target.close(),
    () => discord.close(),
  );
  const dataDir = tempDir();
  const { headless } = await serveOnLoopback(
    dataDir,
    config({ target: target.url, discord: discord.webhookUrl() }),
  );
  cleanups.push(() => headless.stop());
  const check = async (id: string) => {
    const res = await fetch(`${headless.server.url}/api/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${headless.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id }),
    });
    await res.text();
  };
  /** The texts Discord received, once at least `n` arrived (bounded wait: the outbox sends in the background). */
  const discordTexts = async (n: number) => {
    for (let i = 0; i < 200 && discord.received.length < n; i++) await new Promise((r) => setTimeout(r, 25));
    return discord.received.map((m) => JSON.stringify(m.body));
  };
  return { target, discord, check, discordTexts };
}

describe('serve: which alerts go where', () => {
  it('a warning never reaches a minSeverity: critical Discord channel; its recovery neither', async () => {
    const t = await start(({ target, discord }) => ({
      alerts: { failThreshold: 1, recoverThreshold: 1 },
      notifications: {
        groupWindowSeconds: 0,
        desktop: false,
        discord: { webhookUrl: discord, minSeverity: 'critical' },
      },
      monitors: [
        {
          id: 'slow-api',
          name: 'Slow API',
          type: 'http',
          url: `${target}slow`,
          intervalSeconds: 3600,
          expectStatus: [200, 404],
          rules: [{ when: '[STATUS] == 404', severity: 'warning' }],
        },
        { id: 'solver', name: 'Solver', type: 'http', url: `${target}solver`, intervalSeconds: 3600 },
      ],
    }));
    t.target.setResponse({ status: 404 }, '/slow');
    t.target.setResponse({ status: 500 }, '/solver');
    await t.check('slow-api');
    await t.check('solver');
    // One lane per channel sends in order: had the warning been queued, it would have arrived first.
    const texts = await t.discordTexts(1);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Solver');
    expect(texts[0]).not.toContain('Slow API');

    t.target.setResponse({ status: 200 }, '/slow');
    t.target.setResponse({ status: 200 }, '/solver');
    await t.check('slow-api');
    await t.check('solver');
    const after = await t.discordTexts(2);
    expect(after).toHaveLength(2);
    expect(after[1]).toContain('Solver');
    expect(after.join('\n')).not.toContain('Slow API');
  });

  it('a monitors list keeps the other monitors away from the channel', async () => {
    const t = await start(({ target, discord }) => ({
      alerts: { failThreshold: 1 },
      notifications: {
        groupWindowSeconds: 0,
        desktop: false,
        discord: { webhookUrl: discord, monitors: ['solver'] },
      },
      monitors: [
        { id: 'website', name: 'Website', type: 'http', url: `${target}site`, intervalSeconds: 3600 },
        { id: 'solver', name: 'Solver', type: 'http', url: `${target}solver`, intervalSeconds: 3600 },
      ],
    }));
    t.target.setResponse({ status: 500 });
    await t.check('website');
    await t.check('solver');
    const texts = await t.discordTexts(1);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Solver');
    expect(texts[0]).not.toContain('Website');
  });
});

describe('serve: monitor dependencies', () => {
  it('parent and three dependents down → one message naming the held ones', async () => {
    const t = await start(({ target, discord }) => ({
      alerts: { failThreshold: 2 },
      notifications: { groupWindowSeconds: 0, desktop: false, discord: { webhookUrl: discord } },
      monitors: [
        { id: 'api', name: 'API', type: 'http', url: `${target}api`, intervalSeconds: 3600 },
        ...['Orders', 'Callbacks', 'Queue'].map((name) => ({
          id: name.toLowerCase(),
          name,
          type: 'http',
          url: `${target}${name.toLowerCase()}`,
          intervalSeconds: 3600,
          dependsOn: ['api'],
        })),
      ],
    }));
    t.target.setResponse({ status: 503 });
    for (let round = 0; round < 3; round++)
      for (const id of ['orders', 'api', 'callbacks', 'queue']) await t.check(id);
    const texts = await t.discordTexts(1);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('3 dependent monitors held: Orders, Callbacks, Queue');
  });
});
