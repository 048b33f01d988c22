import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeDiscord,
  type FakeDiscordOptions,
  pingsOf,
  startFakeDiscord,
} from '../../src-main/fakes/discord-server.ts';

const fakes: FakeDiscord[] = [];
afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

async function fake(options?: FakeDiscordOptions) {
  const f = await startFakeDiscord(options);
  fakes.push(f);
  return f;
}

async function post(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: text ? (JSON.parse(text) as unknown) : null,
  };
}

const embed = {
  title: 'Down: api',
  color: 0xe74c3c,
  footer: { text: 'Solvewatch' },
  timestamp: '2025-01-15T09:30:00.000Z',
};

describe('fake Discord webhook', () => {
  it('answers 204 without ?wait and keeps the message', async () => {
    const clock = { t: 1_000_000 };
    const d = await fake({ now: () => clock.t });
    const res = await post(d.webhookUrl('111111111111111111'), { embeds: [embed] });
    expect(res.status).toBe(204);
    expect(d.received).toEqual([
      {
        webhook: '111111111111111111',
        body: { embeds: [embed] },
        at: 1_000_000,
        query: {},
        pings: { everyone: false, roles: [], users: [] },
      },
    ]);
    expect(d.requests).toBe(1);
  });

  it('answers 200 with a message object with ?wait=true, in the thread when asked', async () => {
    const d = await fake({ now: () => Date.UTC(2025, 0, 15, 9, 30) });
    const res = await post(`${d.webhookUrl('111111111111111111')}?wait=true&thread_id=555555555555555555`, {
      content: 'hi',
      username: 'Solvewatch',
      embeds: [embed],
      allowed_mentions: { parse: [] },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      id: '1300000000000000001',
      type: 0,
      content: 'hi',
      channel_id: '555555555555555555',
      webhook_id: '111111111111111111',
      author: { id: '111111111111111111', username: 'Solvewatch', bot: true, discriminator: '0000' },
      embeds: [{ type: 'rich', ...embed }],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: 0,
      components: [],
      timestamp: '2025-01-15T09:30:00.000Z',
    });
    expect(d.received[0]?.query).toEqual({ wait: 'true', thread_id: '555555555555555555' });
  });

  it('sends rate-limit headers and answers the sixth request within 2 s with 429', async () => {
    const clock = { t: 1_000_000 };
    const d = await fake({ now: () => clock.t });
    const url = d.webhookUrl();
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 5; i++) {
      const res = await post(url, { content: `m${i}` });
      expect(res.status).toBe(204);
      remaining.push(res.headers.get('x-ratelimit-remaining'));
      clock.t += 100;
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = await post(url, { content: 'too many' });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ message: 'You are being rate limited.', retry_after: 1.5, global: false });
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset-after')).toBe('1.500');
    expect(d.received).toHaveLength(5);

    clock.t += 1500;
    expect((await post(url, { content: 'later' })).status).toBe(204);
  });

  it('rate-limits each webhook on its own', async () => {
    const clock = { t: 0 };
    const d = await fake({ now: () => clock.t, rateLimit: { limit: 1, windowMs: 1000 } });
    expect((await post(d.webhookUrl('1'), { content: 'a' })).status).toBe(204);
    expect((await post(d.webhookUrl('2'), { content: 'b' })).status).toBe(204);
    expect((await post(d.webhookUrl('1'), { content: 'c' })).status).toBe(429);
  });

  it.each([
    [
      'an unknown webhook',
      (d: FakeDiscord) => `${d.url}/api/webhooks/999/nope`,
      404,
      { message: 'Unknown Webhook', code: 10015 },
    ],
    [
      'a deleted webhook',
      (d: FakeDiscord) => {
        const url = d.webhookUrl('222');
        d.deleteWebhook('222');
        return url;
      },
      404,
      { message: 'Unknown Webhook', code: 10015 },
    ],
    [
      'a wrong token',
      (d: FakeDiscord) => `${d.webhookUrl('333', 'right-token').replace('right-token', 'wrong-token')}`,
      401,
      { message: 'Invalid Webhook Token', code: 50027 },
    ],
  ])('answers %s like Discord', async (_name, urlOf, status, body) => {
    const d = await fake();
    const res = await post(urlOf(d), { content: 'x' });
    expect(res.status).toBe(status);
    expect(res.json).toEqual(body);
    expect(d.received).toEqual([]);
  });

  it.each([
    ['fail-500', 500, { message: '500: Internal Server Error', code: 0 }],
    ['unknown-webhook', 404, { message: 'Unknown Webhook', code: 10015 }],
    ['unauthorized', 401, { message: 'Invalid Webhook Token', code: 50027 }],
  ] as const)('in mode %s answers %i', async (mode, status, body) => {
    const d = await fake();
    const url = d.webhookUrl();
    d.setMode(mode);
    const res = await post(url, { content: 'x' });
    expect([res.status, res.json]).toEqual([status, body]);
    d.setMode('normal');
    expect((await post(url, { content: 'x' })).status).toBe(204);
  });

  it('fails the next n requests with the given status and answer', async () => {
    const d = await fake();
    const url = d.webhookUrl();
    d.failNext(2, 502);
    d.failNext(1, 429, { body: { message: 'slow down' }, headers: { 'retry-after': '3' } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await post(url, { content: 'x' }));
    expect(statuses.map((r) => r.status)).toEqual([502, 502, 429, 204]);
    expect(statuses[0]?.json).toEqual({ message: '502: Internal Server Error', code: 0 });
    expect(statuses[2]?.json).toEqual({ message: 'slow down' });
    expect(statuses[2]?.headers.get('retry-after')).toBe('3');
    expect(d.received).toHaveLength(1);
  });

  const a = (n: number) => 'a'.repeat(n);
  const tooLong = (max: number) => [
    { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` },
  ];
  const required = [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];

  it.each<[string, unknown, unknown]>([
    ['content over 2000', { content: a(2001) }, { content: { _errors: tooLong(2000) } }],
    [
      'more than 10 embeds',
      { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) },
      { embeds: { _errors: tooLong(10) } },
    ],
    [
      'a title over 256',
      { embeds: [{ title: a(257) }] },
      { embeds: { 0: { title: { _errors: tooLong(256) } } } },
    ],
    [
      'a description over 4096',
      { embeds: [{ title: 't' }, { description: a(4097) }] },
      { embeds: { 1: { description: { _errors: tooLong(4096) } } } },
    ],
    [
      'more than 25 fields',
      { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
      { embeds: { 0: { fields: { _errors: tooLong(25) } } } },
    ],
    [
      'a field name over 256',
      { embeds: [{ fields: [{ name: a(257), value: 'v' }] }] },
      { embeds: { 0: { fields: { 0: { name: { _errors: tooLong(256) } } } } } },
    ],
    [
      'a field value over 1024',
      {
        embeds: [
          {
            fields: [
              { name: 'n', value: 'v' },
              { name: 'n', value: a(1025) },
            ],
          },
        ],
      },
      { embeds: { 0: { fields: { 1: { value: { _errors: tooLong(1024) } } } } } },
    ],
    [
      'an empty field value',
      { embeds: [{ fields: [{ name: 'n', value: '' }] }] },
      { embeds: { 0: { fields: { 0: { value: { _errors: required } } } } } },
    ],
    [
      'a missing field name',
      { embeds: [{ fields: [{ value: 'v' }] }] },
      { embeds: { 0: { fields: { 0: { name: { _errors: required } } } } } },
    ],
    [
      'a footer over 2048',
      { embeds: [{ footer: { text: a(2049) } }] },
      { embeds: { 0: { footer: { text: { _errors: tooLong(2048) } } } } },
    ],
    [
      'an author name over 256',
      { embeds: [{ author: { name: a(257) } }] },
      { embeds: { 0: { author: { name: { _errors: tooLong(256) } } } } },
    ],
    [
      'more than 6000 characters across embeds',
      { embeds: [{ description: a(3000) }, { description: a(3000) }, { title: 'x' }] },
      {
        embeds: {
          _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }],
        },
      },
    ],
    [
      'a colour out of range',
      { embeds: [{ color: 0x1000000 }] },
      {
        embeds: {
          0: {
            color: {
              _errors: [
                { code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 16777215.' },
              ],
            },
          },
        },
      },
    ],
    [
      'a timestamp that is not ISO 8601',
      { embeds: [{ title: 't', timestamp: 'yesterday' }] },
      {
        embeds: {
          0: {
            timestamp: {
              _errors: [
                { code: 'DATE_TIME_TYPE_PARSE', message: 'Could not parse yesterday. Should be ISO8601.' },
              ],
            },
          },
        },
      },
    ],
  ])('rejects %s with 400 Invalid Form Body', async (_name, body, errors) => {
    const d = await fake({ rateLimit: false });
    const res = await post(d.webhookUrl(), body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ code: 50035, errors, message: 'Invalid Form Body' });
    expect(d.received).toEqual([]);
  });

  it('counts characters, not UTF-16 units, like Discord', async () => {
    const d = await fake({ rateLimit: false });
    expect((await post(d.webhookUrl(), { embeds: [{ title: '😀'.repeat(256) }] })).status).toBe(204);
  });

  it('accepts exactly 6000 characters', async () => {
    const d = await fake({ rateLimit: false });
    const body = { embeds: [{ description: a(3000) }, { description: a(2990), footer: { text: a(10) } }] };
    expect((await post(d.webhookUrl(), body)).status).toBe(204);
  });

  it.each([
    ['no content and no embeds', {}, { message: 'Cannot send an empty message', code: 50006 }],
    [
      'empty content and embeds',
      { content: '', embeds: [] },
      { message: 'Cannot send an empty message', code: 50006 },
    ],
    ['invalid JSON', '{"content":', { message: 'The request body contains invalid JSON.', code: 50109 }],
  ])('rejects %s', async (_name, body, expected) => {
    const d = await fake({ rateLimit: false });
    const res = await post(d.webhookUrl(), body);
    expect([res.status, res.json]).toEqual([400, expected]);
  });
});

describe('pingsOf', () => {
  it.each<[string, Record<string, unknown>, unknown]>([
    [
      'no allowed_mentions: everything in content pings',
      { content: '@everyone <@&1> <@2> <@!3>' },
      { everyone: true, roles: ['1'], users: ['2', '3'] },
    ],
    [
      'parse [] pings nobody',
      { content: '@everyone <@&1> <@2>', allowed_mentions: { parse: [] } },
      { everyone: false, roles: [], users: [] },
    ],
    [
      'an allowed role pings only when it is in content',
      { content: '<@&1> <@&4> @here', allowed_mentions: { parse: [], roles: ['1', '9'] } },
      { everyone: false, roles: ['1'], users: [] },
    ],
    [
      'mentions in embeds never ping',
      { embeds: [{ title: '@everyone <@&1>' }] },
      { everyone: false, roles: [], users: [] },
    ],
  ])('%s', (_name, message, expected) => {
    expect(pingsOf(message)).toEqual(expected);
  });
});
