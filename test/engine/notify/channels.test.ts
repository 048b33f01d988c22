import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../src-main/api/config-schema.ts';
import { buildChannels, closeChannels } from '../../../src-main/engine/notify/channels.ts';
import type { ChannelEntry } from '../../../src-main/engine/notify/outbox.ts';
import { startFakeDiscord } from '../../../src-main/fakes/discord-server.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { alerts, notice, T } from './fixtures.ts';

const live = () => new AbortController().signal;
const desktop = { show() {} };
const plain = (s: unknown) => (typeof s === 'string' ? s : null);

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function channelsFor(notifications: object, clock: ManualClock): Map<string, ChannelEntry> {
  const config = ConfigSchema.parse({ notifications: { desktop: false, ...notifications } });
  const { channels, problems } = buildChannels(config, new Map(), plain, desktop, clock);
  expect(problems).toEqual([]);
  cleanups.push(() => closeChannels(channels));
  return channels;
}

describe("buildChannels: notifiers on the engine's clock", () => {
  it('stamps signed webhook deliveries with the engine clock, not wall time', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const clock = new ManualClock(T);
    const webhook = channelsFor({ webhook: { url, secret: 'shared-secret-value' } }, clock).get('webhook');
    expect(await webhook?.notifier.send(alerts([notice()]), live())).toEqual({
      outcome: 'delivered',
      status: 204,
    });
    expect(seen[0]?.['x-solvewatch-timestamp']).toBe(String(T / 1000));
  });

  it('stamps and paces Discord messages on the engine clock: the sixth within 2 s waits for that clock', async () => {
    const clock = new ManualClock(T);
    const discord = await startFakeDiscord({ now: () => clock.now() });
    cleanups.push(() => discord.close());
    const webhookUrl = discord.webhookUrl('112233445566778899', 'tok3n-abcdefghijklmnopqrstuvwxyz');
    const notifier = channelsFor({ discord: { webhookUrl } }, clock).get('discord')?.notifier;
    // A notice without a usable time is stamped with the notifier's clock.
    const undated = alerts([notice({ time: Number.NaN })], 'n-0');
    expect(await notifier?.send(undated, live())).toMatchObject({ outcome: 'delivered' });
    const first = discord.received[0]?.body as { embeds: Array<{ timestamp: string }> };
    expect(first.embeds[0]?.timestamp).toBe(new Date(T).toISOString());
    for (let i = 1; i < 5; i++) {
      expect(await notifier?.send(alerts([notice()], `n-${i}`), live())).toMatchObject({
        outcome: 'delivered',
      });
    }
    let sixth: unknown = null;
    const pending = notifier?.send(alerts([notice()], 'n-6'), live()).then((r) => {
      sixth = r;
    });
    await clock.advance(1000);
    expect(sixth).toBeNull();
    expect(discord.received).toHaveLength(5);
    await clock.advance(1000);
    await pending;
    expect(sixth).toMatchObject({ outcome: 'delivered' });
    expect(discord.received).toHaveLength(6);
  });
});
