import { describe, expect, it } from 'vitest';
import { demoInbox, toDemoMessage } from '../../src-main/demo/demo-inbox.ts';
import type { ReceivedMessage } from '../../src-main/fakes/discord-server.ts';

const received = (body: unknown, at = 1000): ReceivedMessage => ({
  webhook: '112233445566778899',
  body,
  at,
  query: {},
  pings: { everyone: false, roles: [], users: [] },
});

describe('the demo inbox', () => {
  it('lists the newest message first and keeps only the latest ones', () => {
    const messages = Array.from({ length: 8 }, (_, i) => received({ content: `#${i}` }, i));
    expect(demoInbox(messages, 3).map((m) => m.content)).toEqual(['#7', '#6', '#5']);
    expect(demoInbox(messages).length).toBe(8);
  });

  it('keeps the parts of an embed the UI shows', () => {
    const message = toDemoMessage(
      received({
        content: '<@&123456789012345678>',
        username: 'Solvewatch',
        embeds: [
          {
            title: 'Solver balance (demo) is critical',
            description: '[BALANCE] (1.6) < 2',
            color: 0xe74c3c,
            fields: [{ name: 'Balance', value: '$1.60', inline: true }, { name: 'Burn rate' }],
            footer: { text: 'Solvewatch', icon_url: 'http://127.0.0.1/x.png' },
            timestamp: '2025-01-01T00:00:00.000Z',
            thumbnail: { url: 'http://127.0.0.1/t.png' },
          },
        ],
      }),
    );
    expect(message).toEqual({
      receivedAt: 1000,
      content: '<@&123456789012345678>',
      embeds: [
        {
          title: 'Solver balance (demo) is critical',
          description: '[BALANCE] (1.6) < 2',
          color: 0xe74c3c,
          fields: [{ name: 'Balance', value: '$1.60', inline: true }],
          footer: { text: 'Solvewatch' },
          timestamp: '2025-01-01T00:00:00.000Z',
        },
      ],
    });
  });

  it.each([
    { body: null, content: null, embeds: [] },
    { body: { content: '' }, content: null, embeds: [] },
    { body: { content: 'hi', embeds: 'nope' }, content: 'hi', embeds: [] },
    { body: { embeds: [42, { title: 7 }] }, content: null, embeds: [{}] },
  ])('reads a message of odd shape without failing: $body', ({ body, content, embeds }) => {
    expect(toDemoMessage(received(body))).toEqual({ receivedAt: 1000, content, embeds });
  });
});
