import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryResult, Notification } from '../../../src-main/api/notification-types.ts';
import type { History } from '../../../src-main/engine/history/history.ts';
import { DiscordNotifier } from '../../../src-main/engine/notify/discord.ts';
import type { Notifier } from '../../../src-main/engine/notify/notifier.ts';
import { type ChannelEntry, Outbox, type OutboxOptions } from '../../../src-main/engine/notify/outbox.ts';
import type { NotifierClock } from '../../../src-main/engine/notify/rate-limit.ts';
import { DEFAULT_RETRY_SCHEDULE_MS } from '../../../src-main/engine/notify/retry-schedule.ts';
import { type FakeDiscord, startFakeDiscord } from '../../../src-main/fakes/discord-server.ts';
import { openHistoryDatabase } from '../../support/history-database.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { temporaryDirs } from '../../support/temp-dir.ts';
import { alerts, notice } from './fixtures.ts';

const DAY = 86_400_000;
const DELIVERED: DeliveryResult = { outcome: 'delivered', status: 200 };
const retry = (status: number | null, retryAfterMs: number | null = null): DeliveryResult => ({
  outcome: 'retry',
  status,
  error: status === null ? 'network error: ECONNREFUSED' : `answered ${status}`,
  retryAfterMs,
});

const tempDir = temporaryDirs();
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Step = DeliveryResult | 'hang' | 'throw';

/** A channel that answers from a script (then `delivered`), and records what it was asked to send. */
class ScriptedNotifier implements Notifier {
  readonly channel: string;
  readonly sent: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  onSend: (n: Notification) => void = () => {};
  private readonly script: Step[];

  constructor(channel: string, script: Step[] = []) {
    this.channel = channel;
    this.script = [...script];
  }

  async send(notification: Notification, signal: AbortSignal): Promise<DeliveryResult> {
    this.sent.push(notification.id);
    this.onSend(notification);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (!signal.aborted) await new Promise((resolve) => setImmediate(resolve));
      const step = this.script.shift() ?? DELIVERED;
      if (step === 'throw') throw new Error('notifier bug at https://hooks.example.com/secret-path');
      if (step === 'hang') {
        if (!signal.aborted) await new Promise((r) => signal.addEventListener('abort', r, { once: true }));
        return { outcome: 'retry', status: null, error: 'aborted', retryAfterMs: null };
      }
      return step;
    } finally {
      this.inFlight--;
    }
  }
}

/** The notifier's pacing waits run on the test's manual clock too. */
function notifierClock(clock: ManualClock): NotifierClock {
  return {
    now: () => clock.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        const timer = clock.setTimeout(resolve, ms);
        signal.addEventListener(
          'abort',
          () => {
            clock.clearTimeout(timer);
            reject(signal.reason);
          },
          { once: true },
        );
      }),
  };
}

function channelMap(...entries: Array<[Notifier, string?]>): Map<string, ChannelEntry> {
  return new Map(
    entries.map(([notifier, fingerprint = 'v1']) => [notifier.channel, { notifier, fingerprint }]),
  );
}

interface Setup {
  file: string;
  clock: ManualClock;
  history: History;
  /** The connection the history and the outbox share. */
  db: DatabaseSync;
  outbox: Outbox;
  logs: string[];
  /** A new History and Outbox on the same file, as after a restart (the old ones are stopped first). */
  restart(channels: Map<string, ChannelEntry>): Promise<Outbox>;
}

async function setup(
  channels: Map<string, ChannelEntry>,
  options: Partial<OutboxOptions> = {},
  clock = new ManualClock(),
): Promise<Setup> {
  const file = join(tempDir(), 'history.sqlite');
  const logs: string[] = [];
  const open = (ch: Map<string, ChannelEntry>) => {
    const { history, db, close } = openHistoryDatabase(file);
    const outbox = new Outbox({
      db,
      clock,
      channels: ch,
      random: () => 0.5,
      log: (line) => logs.push(line),
      isFiring: () => true,
      ...options,
    });
    cleanups.push(close, () => outbox.stop());
    return { history, db, close, outbox };
  };
  let current = open(channels);
  const s: Setup = {
    file,
    clock,
    logs,
    get history() {
      return current.history;
    },
    get db() {
      return current.db;
    },
    get outbox() {
      return current.outbox;
    },
    async restart(ch) {
      await current.outbox.stop();
      current.close();
      current = open(ch);
      return current.outbox;
    },
  };
  return s;
}

async function fakeDiscord(clock: ManualClock): Promise<FakeDiscord> {
  const d = await startFakeDiscord({ now: () => clock.now() });
  cleanups.push(() => d.close());
  return d;
}

function discordNotifier(clock: ManualClock, webhookUrl: string): DiscordNotifier {
  const n = new DiscordNotifier({ webhookUrl, clock: notifierClock(clock) });
  cleanups.push(() => n.close());
  return n;
}

const message = (id: string, monitorName = id) => alerts([notice({ monitorId: id, monitorName })], id);
const titlesOf = (d: FakeDiscord) =>
  d.received.map((r) => (r.body as { embeds: Array<{ title: string }> }).embeds[0]?.title);

describe('Outbox', () => {
  it('commits the message before the first attempt, so it exists even if the channel never answers', async () => {
    const channel = new ScriptedNotifier('discord', ['hang']);
    const s = await setup(channelMap([channel]));
    const seenByAnotherConnection: unknown[] = [];
    channel.onSend = () => {
      const reader = new DatabaseSync(s.file, { readOnly: true });
      seenByAnotherConnection.push(
        reader
          .prepare('SELECT id, state FROM outbox')
          .all()
          .map((r) => ({ ...r })),
      );
      reader.close();
    };
    s.outbox.start();
    const id = s.outbox.enqueue('discord', message('a'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(channel.sent).toEqual(['a']);
    expect(seenByAnotherConnection).toEqual([[{ id, state: 'pending' }]]);

    await s.outbox.stop();
    expect(s.outbox.messages()).toMatchObject([{ id, state: 'pending', attempts: 0, deliveredAt: null }]);
  });

  it('sends strictly in order and one at a time per channel; a message in backoff holds up only its own channel', async () => {
    const slow = new ScriptedNotifier('discord', [retry(503)]);
    const fast = new ScriptedNotifier('webhook');
    const s = await setup(channelMap([slow], [fast]));
    s.outbox.start();
    for (const id of ['d1', 'd2', 'd3', 'd4']) s.outbox.enqueue('discord', message(id));
    for (const id of ['w1', 'w2']) s.outbox.enqueue('webhook', message(id));
    await s.outbox.idle();
    expect(slow.sent).toEqual(['d1']);
    expect(fast.sent).toEqual(['w1', 'w2']);
    expect(s.outbox.channels()).toMatchObject([
      { channel: 'discord', pending: 4, broken: null, lastDeliveredAt: null },
      { channel: 'webhook', pending: 0, broken: null, lastDeliveredAt: s.clock.now() },
    ]);

    await s.clock.advance(DEFAULT_RETRY_SCHEDULE_MS[0] ?? 0);
    await s.outbox.idle();
    expect(slow.sent).toEqual(['d1', 'd1', 'd2', 'd3', 'd4']);
    expect(slow.maxInFlight).toBe(1);
    expect(s.outbox.messages({ channel: 'discord' }).map((m) => [m.title, m.state])).toEqual([
      ['Down: d4', 'delivered'],
      ['Down: d3', 'delivered'],
      ['Down: d2', 'delivered'],
      ['Down: d1', 'delivered'],
    ]);
  });

  it('on a 429 waits exactly retry_after, then delivers once', async () => {
    const clock = new ManualClock();
    const discord = await fakeDiscord(clock);
    const notifier = discordNotifier(clock, discord.webhookUrl());
    const s = await setup(channelMap([notifier]), {}, clock);
    discord.failNext(1, 429, {
      body: { message: 'You are being rate limited.', retry_after: 2.5, global: false },
    });
    s.outbox.start();
    s.outbox.enqueue('discord', message('a'));
    await s.outbox.idle();
    expect(s.outbox.messages()).toMatchObject([{ state: 'pending', nextAttemptAt: clock.now() + 2500 }]);

    await clock.advance(2499);
    await s.outbox.idle();
    expect(discord.requests).toBe(1);
    await clock.advance(1);
    await s.outbox.idle();
    expect(discord.received).toHaveLength(1);
    expect(s.outbox.messages()).toMatchObject([{ state: 'delivered', attempts: 2 }]);
    expect(s.outbox.deliveries().map((d) => [d.outcome, d.status])).toEqual([
      ['delivered', 200],
      ['retry', 429],
    ]);
  });

  it('lets server-given waits cost no backoff try, up to 50 of them per message', async () => {
    const channel = new ScriptedNotifier('discord', [retry(429, 10), retry(429, 10), retry(503), DELIVERED]);
    const s = await setup(channelMap([channel]), { retryScheduleMs: [1000] });
    s.outbox.start();
    s.outbox.enqueue('discord', message('a'));
    await s.outbox.idle();
    for (const ms of [10, 10, 1000]) {
      await s.clock.advance(ms);
      await s.outbox.idle();
    }
    expect(s.outbox.messages()).toMatchObject([{ state: 'delivered', attempts: 4 }]);

    const endless = new ScriptedNotifier(
      'webhook',
      Array.from({ length: 60 }, () => retry(429, 10)),
    );
    await s.outbox.stop();
    const again = await s.restart(channelMap([endless]));
    const id = again.enqueue('webhook', message('b'));
    again.start();
    for (let i = 0; i < 50; i++) {
      await s.clock.advance(10);
      await again.idle();
    }
    const [backingOff] = again.messages({ channel: 'webhook' });
    expect(backingOff).toMatchObject({
      id,
      state: 'pending',
      attempts: 51,
      nextAttemptAt: s.clock.now() + 1000,
    });
    await s.clock.advance(1000);
    await again.idle();
    expect(again.messages({ channel: 'webhook' })).toMatchObject([{ id, state: 'failed', attempts: 52 }]);
  });

  it('retries 5xx with backoff: two 503s then 200 is one delivery after 3 attempts, 3 rows in the log', async () => {
    const clock = new ManualClock();
    const discord = await fakeDiscord(clock);
    const s = await setup(channelMap([discordNotifier(clock, discord.webhookUrl())]), {}, clock);
    discord.failNext(2, 503);
    s.outbox.start();
    s.outbox.enqueue('discord', message('a'));
    await s.outbox.idle();
    expect(s.outbox.messages()[0]?.nextAttemptAt).toBe(clock.now() + 10_000);
    await clock.advance(10_000);
    await s.outbox.idle();
    expect(s.outbox.messages()[0]?.nextAttemptAt).toBe(clock.now() + 30_000);
    await clock.advance(30_000);
    await s.outbox.idle();

    expect(discord.received).toHaveLength(1);
    expect(s.outbox.messages()).toMatchObject([{ state: 'delivered', attempts: 3, lastError: null }]);
    expect(s.outbox.deliveries().map((d) => [d.outcome, d.status, d.title])).toEqual([
      ['delivered', 200, 'Down: a'],
      ['retry', 503, 'Down: a'],
      ['retry', 503, 'Down: a'],
    ]);
    await clock.advance(DAY);
    await s.outbox.idle();
    expect(discord.requests).toBe(3);
  });

  it('gives up after the backoff schedule with a gave-up record, then sends what waited behind it', async () => {
    const clock = new ManualClock();
    const discord = await fakeDiscord(clock);
    const s = await setup(channelMap([discordNotifier(clock, discord.webhookUrl())]), {}, clock);
    discord.setMode('fail-500');
    s.outbox.start();
    const first = s.outbox.enqueue('discord', message('first'));
    s.outbox.enqueue('discord', message('second'));
    await s.outbox.idle();
    for (const delay of DEFAULT_RETRY_SCHEDULE_MS.slice(0, -1)) {
      await clock.advance(delay);
      await s.outbox.idle();
    }
    discord.setMode('normal');
    discord.failNext(1, 502);
    await clock.advance(DEFAULT_RETRY_SCHEDULE_MS.at(-1) ?? 0);
    await s.outbox.idle();

    expect(discord.requests).toBe(8);
    expect(s.outbox.messages({ state: 'failed' })).toMatchObject([
      { id: first, attempts: 7, lastError: expect.stringContaining('502') },
    ]);
    const log = s.outbox.deliveries({ limit: 10 });
    expect(log.map((d) => d.outcome)).toEqual(['delivered', 'gave-up', ...Array(6).fill('retry')]);
    expect(log[1]).toMatchObject({ outboxId: first, status: 502 });
    expect(titlesOf(discord)).toEqual(['🔴 Down: second']);
    expect(s.logs.some((l) => l.includes('gave up on message'))).toBe(true);
  });

  it("does not retry a 400 and keeps Discord's error body in detail", async () => {
    const clock = new ManualClock();
    const discord = await fakeDiscord(clock);
    const s = await setup(channelMap([discordNotifier(clock, discord.webhookUrl())]), {}, clock);
    discord.failNext(1, 400);
    s.outbox.start();
    const id = s.outbox.enqueue('discord', message('a'));
    s.outbox.enqueue('discord', message('b'));
    await s.outbox.idle();
    await clock.advance(DAY);
    await s.outbox.idle();

    expect(discord.requests).toBe(2);
    expect(s.outbox.messages({ state: 'rejected' })).toMatchObject([{ id, attempts: 1 }]);
    const [rejected] = s.outbox.deliveries({ channel: 'discord' }).filter((d) => d.outcome === 'rejected');
    expect(rejected?.status).toBe(400);
    expect(JSON.parse(rejected?.detail ?? '')).toEqual({
      message: 'Invalid Form Body',
      code: 50035,
      errors: {},
    });
    expect(titlesOf(discord)).toEqual(['🔴 Down: b']);
  });

  it('marks the channel broken on 404 Unknown Webhook, sends nothing more, and after a config change sends the backlog in order', async () => {
    const clock = new ManualClock();
    const discord = await fakeDiscord(clock);
    const oldUrl = discord.webhookUrl('111', 'old-token-abcdefghijklmnopqrstuvwxyz');
    discord.deleteWebhook('111');
    const s = await setup(channelMap([discordNotifier(clock, oldUrl), 'v1']), {}, clock);
    s.outbox.start();
    s.outbox.enqueue('discord', message('first'));
    await s.outbox.idle();
    s.outbox.enqueue('discord', message('second'));
    await clock.advance(DAY);
    await s.outbox.idle();
    expect(discord.requests).toBe(1);
    const [status] = s.outbox.channels();
    expect(status).toMatchObject({ channel: 'discord', pending: 2, broken: { status: 404 } });
    expect(status?.broken?.detail).toContain('10015');
    expect(s.outbox.messages().map((m) => m.state)).toEqual(['broken', 'broken']);

    // Still broken after a restart with the same settings.
    const outbox = await s.restart(channelMap([discordNotifier(clock, oldUrl), 'v1']));
    outbox.start();
    await outbox.idle();
    expect(discord.requests).toBe(1);
    expect(outbox.channels()[0]?.broken?.status).toBe(404);

    const newUrl = discord.webhookUrl('222', 'new-token-abcdefghijklmnopqrstuvwxyz');
    outbox.setChannels(channelMap([discordNotifier(clock, newUrl), 'v2']));
    await outbox.idle();
    expect(titlesOf(discord)).toEqual(['🔴 Down: first', '🔴 Down: second']);
    expect(outbox.channels()).toMatchObject([{ channel: 'discord', pending: 0, broken: null }]);
    expect(outbox.messages().map((m) => [m.state, m.attempts])).toEqual([
      ['delivered', 1],
      ['delivered', 2],
    ]);

    const stored = new DatabaseSync(s.file, { readOnly: true });
    const everything = JSON.stringify(
      ['outbox', 'outbox_deliveries', 'outbox_broken_channels'].map((t) =>
        stored.prepare(`SELECT * FROM ${t}`).all(),
      ),
    );
    stored.close();
    for (const secret of ['old-token', 'new-token']) {
      expect(everything).not.toContain(secret);
      expect(s.logs.join('\n')).not.toContain(secret);
    }
  });

  it('drops an expired message with the reason instead of sending it', async () => {
    const channel = new ScriptedNotifier('discord');
    const s = await setup(channelMap([channel]), { isFiring: () => false });
    const reminder = alerts([notice({ kind: 'reminder', monitorName: 'Solver' })], 'reminder');
    const id = s.outbox.enqueue('discord', reminder);
    s.outbox.enqueue('discord', message('down'));
    s.outbox.start();
    await s.outbox.idle();

    expect(channel.sent).toEqual(['down']);
    expect(s.outbox.messages({ state: 'expired' })).toMatchObject([
      { id, attempts: 0, lastError: 'the alert resolved before this reminder could be sent' },
    ]);
    expect(s.outbox.deliveries().find((d) => d.outboxId === id)).toMatchObject({
      outcome: 'expired',
      error: 'the alert resolved before this reminder could be sent',
      title: 'Still firing: Solver',
    });
  });

  it('after a restart sends what was pending (keeping its retry time) and never what was delivered', async () => {
    const before = new ScriptedNotifier('discord', [DELIVERED, retry(503)]);
    const s = await setup(channelMap([before]));
    s.outbox.start();
    s.outbox.enqueue('discord', message('delivered'));
    s.outbox.enqueue('discord', message('in-backoff'));
    await s.outbox.idle();
    s.outbox.enqueue('discord', message('queued'));
    expect(before.sent).toEqual(['delivered', 'in-backoff']);

    const after = new ScriptedNotifier('discord');
    const outbox = await s.restart(channelMap([after]));
    outbox.start();
    await outbox.idle();
    expect(after.sent).toEqual([]);
    await s.clock.advance(10_000);
    await outbox.idle();
    expect(after.sent).toEqual(['in-backoff', 'queued']);
    expect(outbox.messages().map((m) => m.state)).toEqual(['delivered', 'delivered', 'delivered']);

    const third = new ScriptedNotifier('discord');
    (await s.restart(channelMap([third]))).start();
    await s.outbox.idle();
    expect(third.sent).toEqual([]);
  });

  it('marks a row with unreadable JSON failed with a readable error and sends the others', async () => {
    const channel = new ScriptedNotifier('discord');
    const s = await setup(channelMap([channel]));
    s.outbox.enqueue('discord', message('one'));
    const bad = s.outbox.enqueue('discord', message('two'));
    s.outbox.enqueue('discord', message('three'));
    s.db.prepare('UPDATE outbox SET payload = \'{"type": "alerts", "notic\' WHERE id = ?').run(bad);
    s.outbox.start();
    await s.outbox.idle();

    expect(channel.sent).toEqual(['one', 'three']);
    expect(s.outbox.messages({ state: 'failed' })).toMatchObject([
      {
        id: bad,
        attempts: 0,
        lastError: expect.stringMatching(/^the stored notification is not valid JSON/),
      },
    ]);
    expect(s.outbox.deliveries().find((d) => d.outboxId === bad)?.outcome).toBe('gave-up');
  });

  it('treats a notifier that throws like a network error, without the thrown URL, and keeps going', async () => {
    const channel = new ScriptedNotifier('discord', ['throw']);
    const s = await setup(channelMap([channel]));
    s.outbox.start();
    s.outbox.enqueue('discord', message('a'));
    await s.outbox.idle();
    await s.clock.advance(10_000);
    await s.outbox.idle();
    expect(s.outbox.messages()).toMatchObject([{ state: 'delivered', attempts: 2 }]);
    const failure = s.outbox.deliveries()[1];
    expect(failure).toMatchObject({ outcome: 'retry', status: null });
    expect(failure?.error).toContain('notifier bug');
    expect(JSON.stringify([s.outbox.deliveries(), s.logs])).not.toContain('secret-path');
  });

  it("keeps a removed channel's messages pending until the channel returns", async () => {
    const channel = new ScriptedNotifier('webhook');
    const s = await setup(new Map());
    s.outbox.start();
    s.outbox.enqueue('webhook', message('a'));
    await s.outbox.idle();
    expect(s.outbox.channels()).toMatchObject([{ channel: 'webhook', pending: 1 }]);
    s.outbox.setChannels(channelMap([channel]));
    await s.outbox.idle();
    expect(channel.sent).toEqual(['a']);
    expect(s.outbox.channels()).toMatchObject([{ channel: 'webhook', pending: 0 }]);
  });

  it('stops without losing an in-flight message: it stays pending and goes out on the next start', async () => {
    const hanging = new ScriptedNotifier('discord', ['hang']);
    const s = await setup(channelMap([hanging]));
    s.outbox.start();
    s.outbox.enqueue('discord', message('a'));
    await new Promise((resolve) => setImmediate(resolve));
    await s.outbox.stop();
    expect(s.outbox.messages()).toMatchObject([{ state: 'pending', attempts: 0 }]);
    expect(s.clock.pendingTimers).toBe(0);

    s.outbox.start();
    await s.outbox.idle();
    expect(hanging.sent).toEqual(['a', 'a']);
    expect(s.outbox.messages()).toMatchObject([{ state: 'delivered', attempts: 1 }]);
  });

  it('logs an attempt that a stop cut short as interrupted, possibly a duplicate, and sends the message again', async () => {
    const hanging = new ScriptedNotifier('discord', ['hang']);
    const s = await setup(channelMap([hanging]));
    s.outbox.start();
    s.outbox.enqueue('discord', message('a'));
    await new Promise((resolve) => setImmediate(resolve));
    const startedAt = s.clock.now();
    await s.outbox.stop();
    expect(s.outbox.deliveries()).toEqual([]);

    s.clock.jump(5000);
    s.outbox.start();
    await s.outbox.idle();
    expect(hanging.sent).toEqual(['a', 'a']);
    expect(s.outbox.deliveries()).toMatchObject([
      { outcome: 'delivered', status: 200, at: startedAt + 5000 },
      {
        outcome: 'interrupted',
        status: null,
        at: startedAt,
        error: 'possibly a duplicate: the app stopped while this message was being sent',
        title: 'Down: a',
      },
    ]);
  });

  it('logs a failed SQLite write while settling, pauses the channel and keeps the message queued', async () => {
    const channel = new ScriptedNotifier('discord');
    const s = await setup(channelMap([channel]));
    s.db.exec('PRAGMA busy_timeout = 0');
    const locker = new DatabaseSync(s.file);
    cleanups.push(() => locker.close());
    channel.onSend = () => locker.exec('BEGIN IMMEDIATE');
    s.outbox.start();
    s.outbox.enqueue('discord', message('a'));
    await s.outbox.idle();
    expect(channel.sent).toEqual(['a']);
    expect(s.logs.join('\n')).toMatch(/sending on discord failed: .*locked.*; the message stays queued/);

    channel.onSend = () => {};
    locker.exec('COMMIT');
    expect(s.outbox.messages()).toMatchObject([{ state: 'pending', attempts: 0 }]);
    await s.clock.advance(29_999);
    await s.outbox.idle();
    expect(channel.sent).toEqual(['a']);
    await s.clock.advance(1);
    await s.outbox.idle();
    expect(channel.sent).toEqual(['a', 'a']);
    expect(s.outbox.messages()).toMatchObject([{ state: 'delivered', attempts: 1 }]);
    expect(s.outbox.deliveries().map((d) => d.outcome)).toEqual(['delivered', 'interrupted']);
  });

  it('sends a reminder anyway when the firing check throws', async () => {
    const channel = new ScriptedNotifier('discord');
    const s = await setup(channelMap([channel]), {
      isFiring: () => {
        throw new Error('alert state unavailable');
      },
    });
    s.outbox.enqueue('discord', alerts([notice({ kind: 'reminder' })], 'reminder'));
    s.outbox.start();
    await s.outbox.idle();
    expect(channel.sent).toEqual(['reminder']);
    expect(s.logs.some((l) => l.includes('expiry check failed, sending anyway'))).toBe(true);
  });

  it('prunes finished messages older than 30 days when enqueuing, keeping pending ones', async () => {
    const channel = new ScriptedNotifier('discord');
    const changes: number[] = [];
    const s = await setup(channelMap([channel]), { onChange: () => changes.push(1) });
    s.outbox.start();
    const old = s.outbox.enqueue('discord', message('old'));
    const waiting = s.outbox.enqueue('webhook', message('waiting'));
    await s.outbox.idle();
    expect(changes.length).toBeGreaterThanOrEqual(3);
    s.clock.jump(31 * DAY);
    const fresh = s.outbox.enqueue('discord', message('fresh'));
    await s.outbox.idle();
    expect(s.outbox.messages().map((m) => m.id)).toEqual([fresh, waiting]);
    expect(s.outbox.deliveries().map((d) => d.outboxId)).toEqual([fresh]);
    expect(old).toBeLessThan(fresh);
  });
});
