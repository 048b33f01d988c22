import { describe, expect, it } from 'vitest';
import {
  formatDiscordTime,
  parseDiscordMarkup,
  type TimestampStyle,
} from '../../../../src-renderer/pages/demo/discord-markup.ts';

describe('Discord markup in the demo inbox', () => {
  it('turns a timestamp into a time with its style', () => {
    expect(parseDiscordMarkup('since <t:1795442663:R>')).toEqual([
      { kind: 'text', text: 'since ' },
      { kind: 'time', time: 1_795_442_663_000, style: 'R' },
    ]);
  });

  it('reads a timestamp without a style as a short date and time, as Discord does', () => {
    expect(parseDiscordMarkup('<t:60>')).toEqual([{ kind: 'time', time: 60_000, style: 'f' }]);
  });

  it('reads bold, code and mentions', () => {
    expect(parseDiscordMarkup('<@&42> **Down** at `[STATUS] == 503`, <@7>')).toEqual([
      { kind: 'mention', text: '@role', id: '42' },
      { kind: 'text', text: ' ' },
      { kind: 'bold', parts: [{ kind: 'text', text: 'Down' }] },
      { kind: 'text', text: ' at ' },
      { kind: 'code', text: '[STATUS] == 503' },
      { kind: 'text', text: ', ' },
      { kind: 'mention', text: '@user', id: '7' },
    ]);
  });

  it('reads markup inside bold, but none inside code', () => {
    expect(parseDiscordMarkup('**since <t:0:R>** `**x**`')).toEqual([
      {
        kind: 'bold',
        parts: [
          { kind: 'text', text: 'since ' },
          { kind: 'time', time: 0, style: 'R' },
        ],
      },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: '**x**' },
    ]);
  });

  it.each(['no markup', '<t:abc:R> and <t:1:Q>', 'a lone ** and a lone `', '[BALANCE] (9.9) < 10'])(
    'leaves "%s" as it is',
    (text) => {
      expect(parseDiscordMarkup(text)).toEqual([{ kind: 'text', text }]);
    },
  );

  it('leaves an empty text empty', () => {
    expect(parseDiscordMarkup('')).toEqual([]);
  });
});

describe('Discord timestamps', () => {
  const time = Date.UTC(2026, 10, 23, 14, 12, 5);
  const options = { locale: 'en-US', timeZone: 'UTC' };
  it.each<[TimestampStyle, number, string]>([
    ['R', time + 3 * 60_000, '3 min ago'],
    ['R', time - 30_000, 'in 30 s'],
    ['t', time, '2:12 PM'],
    ['T', time, '2:12:05 PM'],
    ['d', time, '11/23/26'],
    ['D', time, 'November 23, 2026'],
    ['f', time, 'November 23, 2026 at 2:12 PM'],
    ['F', time, 'Monday, November 23, 2026 at 2:12 PM'],
  ])('style %s (now %d) reads "%s"', (style, now, text) => {
    expect(formatDiscordTime(time, style, now, options).replace(/\u202f/g, ' ')).toBe(text);
  });
});
