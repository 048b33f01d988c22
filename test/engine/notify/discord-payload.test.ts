import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../../src-main/api/notification-types.ts';
import {
  type DiscordMessage,
  type Embed,
  embedChars,
  fitDiscordMessage,
  truncateText,
} from '../../../src-main/engine/notify/discord-limits.ts';
import { buildDiscordMessage, errorBreakdown } from '../../../src-main/engine/notify/discord-payload.ts';
import { type FakeDiscord, startFakeDiscord } from '../../../src-main/fakes/discord-server.ts';
import { alerts, daySummary, notice, T } from './fixtures.ts';

const RED = 0xe74c3c;
const ORANGE = 0xf39c12;
const GREEN = 0x2ecc71;
const BLUE = 0x3498db;
const FOOTER = { text: 'Solvewatch' };
const AT = '2025-01-15T09:30:00.000Z';
const FIVE_MIN_AGO = T - 300_000; // <t:1736933100>

const one = (embed: Embed): DiscordMessage => ({
  username: 'Solvewatch',
  embeds: [embed],
  allowed_mentions: { parse: [] },
});

describe('buildDiscordMessage: one embed per kind', () => {
  it.each<[string, Notification, DiscordMessage]>([
    [
      'down',
      alerts([notice()]),
      one({
        title: '🔴 Down: Solver API',
        description: 'connection refused by 127.0.0.1:9',
        color: RED,
        fields: [
          { name: 'Severity', value: 'CRITICAL', inline: true },
          { name: 'Rule', value: 'Down', inline: true },
          { name: 'URL', value: 'https://api.example.com/health?key=***' },
        ],
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
    [
      'degraded (in that state for five minutes)',
      alerts([
        notice({
          kind: 'degraded',
          severity: 'warning',
          ruleId: 'latency',
          ruleName: 'Slow response',
          summary: '[RESPONSE_TIME] (812) > 500',
          since: FIVE_MIN_AGO,
        }),
      ]),
      one({
        title: '🟠 Degraded: Solver API',
        description: '[RESPONSE_TIME] (812) > 500',
        color: ORANGE,
        fields: [
          { name: 'Severity', value: 'WARNING', inline: true },
          { name: 'Rule', value: 'Slow response', inline: true },
          { name: 'Since', value: '<t:1736933100:R>', inline: true },
          { name: 'URL', value: 'https://api.example.com/health?key=***' },
        ],
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
    [
      'balance low with burn rate and time to empty',
      alerts([
        notice({
          kind: 'balance-low',
          severity: 'warning',
          monitorId: 'captchaai',
          monitorName: 'CaptchaAI',
          monitorType: 'balance',
          ruleId: 'balance-low',
          ruleName: 'Balance low',
          summary: '[BALANCE] (8.42) < 10',
          url: null,
          values: { balance: 8.42, burn_per_hour: 1.2, hours_to_empty: 7.25 },
          threshold: 10,
          currency: '$',
        }),
      ]),
      one({
        title: '💰 Balance low: CaptchaAI',
        description: '[BALANCE] (8.42) < 10',
        color: ORANGE,
        fields: [
          { name: 'Current', value: '$8.42', inline: true },
          { name: 'Threshold', value: '$10.00', inline: true },
          { name: 'Severity', value: 'WARNING', inline: true },
          { name: 'Burn rate', value: '$1.20/h', inline: true },
          { name: 'Time to empty', value: '7 h 15 min', inline: true },
        ],
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
    [
      'balance critically low, no burn rate yet, currency code',
      alerts([
        notice({
          kind: 'balance-low',
          severity: 'critical',
          monitorName: '2captcha',
          monitorType: 'balance',
          ruleId: 'balance-critical',
          ruleName: 'Balance critically low',
          summary: '[BALANCE] (1.5) < 2',
          url: 'https://2captcha.com/res.php?key=***&action=getbalance&json=1',
          values: { balance: 1.5 },
          threshold: 2,
          currency: 'EUR',
        }),
      ]),
      one({
        title: '💰 Balance low: 2captcha',
        description: '[BALANCE] (1.5) < 2',
        color: RED,
        fields: [
          { name: 'Current', value: '1.50 EUR', inline: true },
          { name: 'Threshold', value: '2.00 EUR', inline: true },
          { name: 'Severity', value: 'CRITICAL', inline: true },
          { name: 'URL', value: 'https://2captcha.com/res.php?key=***&action=getbalance&json=1' },
        ],
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
    [
      'error-rate spike with the top of the breakdown',
      alerts([
        notice({
          kind: 'error-rate',
          monitorName: 'Callback handler',
          monitorType: 'callback-health',
          ruleId: 'error-rate',
          ruleName: 'High callback error rate',
          summary: '[BODY].error_rate (0.225) > 0.05',
          url: 'http://127.0.0.1:3000/health/callbacks',
          values: {
            error_rate: 0.225,
            total_received: 200,
            total_errors: 45,
            error_breakdown: '{"TIMEOUT":15,"ERROR_CAPTCHA_UNSOLVABLE":30}',
          },
        }),
      ]),
      one({
        title: '⚠️ Error rate spike: Callback handler',
        description: '[BODY].error_rate (0.225) > 0.05',
        color: RED,
        fields: [
          { name: 'Error rate', value: '22.5%', inline: true },
          { name: 'Errors / received', value: '45 / 200', inline: true },
          { name: 'Severity', value: 'CRITICAL', inline: true },
          { name: 'Top errors', value: '• `ERROR_CAPTCHA_UNSOLVABLE`: 30\n• `TIMEOUT`: 15' },
          { name: 'URL', value: 'http://127.0.0.1:3000/health/callbacks' },
        ],
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
    [
      'escalated',
      alerts([notice({ kind: 'escalated', summary: '[BALANCE] (1.5) < 2', url: null, since: FIVE_MIN_AGO })]),
      one({
        title: '🔺 Escalated to critical: Solver API',
        description: '[BALANCE] (1.5) < 2',
        color: RED,
        fields: [
          { name: 'Severity', value: 'CRITICAL', inline: true },
          { name: 'Rule', value: 'Down', inline: true },
          { name: 'Since', value: '<t:1736933100:R>', inline: true },
        ],
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
    [
      'de-escalated',
      alerts([
        notice({
          kind: 'deescalated',
          severity: 'warning',
          ruleName: null,
          ruleId: 'p95-latency',
          url: null,
        }),
      ]),
      one({
        title: '🔻 Eased to warning: Solver API',
        description: 'connection refused by 127.0.0.1:9',
        color: ORANGE,
        fields: [
          { name: 'Severity', value: 'WARNING', inline: true },
          { name: 'Rule', value: 'p95-latency', inline: true },
        ],
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
    [
      'escalated balance alert, with the same figures as the balance alert',
      alerts([
        notice({
          kind: 'escalated',
          severity: 'critical',
          ruleId: 'balance-critical',
          ruleName: 'Balance critically low',
          summary: '[BALANCE] (1.5) < 2',
          values: { balance: 1.5 },
          threshold: 2,
          currency: '$',
          url: null,
        }),
      ]),
      one({
        title: '🔺 Escalated to critical: Solver API',
        description: '[BALANCE] (1.5) < 2',
        color: RED,
        fields: [
          { name: 'Current', value: '$1.50', inline: true },
          { name: 'Threshold', value: '$2.00', inline: true },
          { name: 'Severity', value: 'CRITICAL', inline: true },
        ],
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
    [
      'reminder',
      alerts([notice({ kind: 'reminder', ruleId: null, ruleName: null, url: null, since: FIVE_MIN_AGO })]),
      one({
        title: '🔁 Still firing: Solver API',
        description: 'connection refused by 127.0.0.1:9',
        color: RED,
        fields: [
          { name: 'Severity', value: 'CRITICAL', inline: true },
          { name: 'Since', value: '<t:1736933100:R>', inline: true },
        ],
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
    [
      'recovered',
      alerts([notice({ kind: 'recovered', severity: 'ok', summary: 'answering again (HTTP 200 in 84 ms)' })]),
      one({
        title: '✅ Recovered: Solver API',
        description: 'answering again (HTTP 200 in 84 ms)',
        color: GREEN,
        fields: [
          { name: 'Rule', value: 'Down', inline: true },
          { name: 'URL', value: 'https://api.example.com/health?key=***' },
        ],
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
    [
      'offline',
      alerts([
        notice({
          kind: 'offline',
          severity: 'warning',
          monitorId: '*',
          monitorName: 'this computer',
          monitorType: null,
          ruleId: null,
          ruleName: null,
          summary: 'No network: every check failed to connect. Monitors are unknown until it is back.',
          url: null,
        }),
      ]),
      one({
        title: '📴 Offline: this computer',
        description: 'No network: every check failed to connect. Monitors are unknown until it is back.',
        color: ORANGE,
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
    [
      'online',
      alerts([
        notice({
          kind: 'online',
          severity: 'info',
          monitorName: 'this computer',
          ruleId: null,
          ruleName: null,
          summary: 'Network is back; checking again.',
          url: null,
        }),
      ]),
      one({
        title: '📶 Back online: this computer',
        description: 'Network is back; checking again.',
        color: BLUE,
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
    [
      'test',
      alerts([
        notice({
          kind: 'test',
          severity: 'info',
          monitorName: 'Discord',
          ruleId: null,
          ruleName: null,
          summary: 'Discord notifications from Solvewatch work.',
          url: null,
        }),
      ]),
      one({
        title: '🧪 Test notification: Discord',
        description: 'Discord notifications from Solvewatch work.',
        color: BLUE,
        footer: FOOTER,
        timestamp: AT,
      }),
    ],
  ])('%s', (_name, notification, expected) => {
    expect(buildDiscordMessage(notification)).toEqual(expected);
  });

  const summaryFields = [
    { name: 'Checks', value: '12,450', inline: true },
    { name: 'Success rate', value: '95.2%', inline: true },
    { name: 'Avg latency', value: '212 ms', inline: true },
    { name: 'Incidents', value: '3', inline: true },
    { name: 'Balance', value: '$142.30', inline: true },
    { name: 'Spend 24 h', value: '$12.40', inline: true },
    { name: 'Solver API', value: '99.8% up · 1,440 checks · 212 ms avg · 1 incident' },
    {
      name: 'CaptchaAI balance',
      value: '100.0% up · 1 check · 0 incidents · balance $142.30 · spent $12.40',
    },
  ];

  it('daily summary, green above 92 % success', () => {
    expect(buildDiscordMessage({ type: 'summary', id: 's-1', createdAt: T, summary: daySummary() })).toEqual(
      one({
        title: '📈 Daily summary',
        description: '<t:1736847000:f> – <t:1736933400:f>',
        color: GREEN,
        fields: summaryFields,
        footer: FOOTER,
        timestamp: AT,
      }),
    );
  });

  it.each([
    ['at 92 %', 0.92, '92.0%'],
    ['without checks', null, '—'],
  ])('daily summary %s is a warning', (_name, successRate, shown) => {
    const message = buildDiscordMessage({
      type: 'summary',
      id: 's-1',
      createdAt: T,
      summary: daySummary({ successRate }),
    });
    expect(message.embeds[0]?.color).toBe(ORANGE);
    expect(message.embeds[0]?.fields?.[1]).toEqual({ name: 'Success rate', value: shown, inline: true });
  });

  it('daily summary with missing figures shows dashes, never empty values', () => {
    const summary = daySummary({
      checks: 0,
      successRate: null,
      latencyAvgMs: null,
      balance: null,
      spend24h: null,
      monitors: [],
    });
    expect(
      buildDiscordMessage({ type: 'summary', id: 's-1', createdAt: T, summary }).embeds[0]?.fields,
    ).toEqual([
      { name: 'Checks', value: '0', inline: true },
      { name: 'Success rate', value: '—', inline: true },
      { name: 'Avg latency', value: '—', inline: true },
      { name: 'Incidents', value: '3', inline: true },
      { name: 'Balance', value: '—', inline: true },
      { name: 'Spend 24 h', value: '—', inline: true },
    ]);
  });

  it('daily summary with 30 monitors lists 18 and names the other 12 in a last field', () => {
    const monitors = Array.from({ length: 30 }, (_, i) => ({
      monitorId: `m${i}`,
      monitorName: `M${i}`,
      monitorType: 'http' as const,
      checks: 10,
      uptime: 1,
      latencyAvgMs: 100,
      incidents: 0,
      balance: null,
      spend24h: null,
    }));
    const fields = buildDiscordMessage({
      type: 'summary',
      id: 's',
      createdAt: T,
      summary: daySummary({ monitors }),
    }).embeds[0]?.fields;
    expect(fields).toHaveLength(25);
    expect(fields?.[6]).toEqual({ name: 'M0', value: '100.0% up · 10 checks · 100 ms avg · 0 incidents' });
    expect(fields?.[24]).toEqual({
      name: '… and 12 more',
      value: 'M18, M19, M20, M21, M22, M23, M24, M25, M26, M27, M28, M29',
    });
  });
});

describe('time to empty on a balance alert', () => {
  it.each([
    [7.25, '7 h 15 min'],
    [0.5, '30 min'],
    [0.01, '< 1 min'],
    [0, 'empty now'],
    [-1, 'empty now'],
  ])('%s h reads "%s"', (hours, text) => {
    const message = buildDiscordMessage(
      alerts([
        notice({
          kind: 'balance-low',
          severity: 'critical',
          monitorType: 'balance',
          values: { balance: 1.5, burn_per_hour: 3, hours_to_empty: hours },
          threshold: 2,
          currency: '$',
        }),
      ]),
    );
    const field = message.embeds?.[0]?.fields?.find((f) => f.name === 'Time to empty');
    expect(field?.value).toBe(text);
  });
});

describe('errorBreakdown', () => {
  it.each([
    [
      'a JSON object in error_breakdown',
      { error_breakdown: '{"B":2,"A":5}' },
      [
        ['A', 5],
        ['B', 2],
      ],
    ],
    ['camelCase JSON', { errorBreakdown: '{"X":1}' }, [['X', 1]]],
    [
      'flattened keys',
      { 'error_breakdown.TIMEOUT': 15, 'error_breakdown.ERROR_X': 30, error_rate: 0.2 },
      [
        ['ERROR_X', 30],
        ['TIMEOUT', 15],
      ],
    ],
    [
      'equal counts by name',
      { error_breakdown: '{"b":1,"a":1}' },
      [
        ['a', 1],
        ['b', 1],
      ],
    ],
    ['malformed JSON', { error_breakdown: '{oops' }, []],
    ['nothing', {}, []],
  ])('reads %s', (_name, values, expected) => {
    expect(errorBreakdown(values)).toEqual(expected);
  });
});

describe('mentions', () => {
  const critical = notice();
  const warning = notice({ kind: 'degraded', severity: 'warning' });

  it('pings exactly the configured role on a critical notice', () => {
    const m = buildDiscordMessage(alerts([warning, critical]), { mention: '<@&123456789012345678>' });
    expect(m.content).toBe('<@&123456789012345678>');
    expect(m.allowed_mentions).toEqual({ parse: [], roles: ['123456789012345678'] });
  });

  it('pings exactly the configured user on a critical notice', () => {
    const m = buildDiscordMessage(alerts([critical]), { mention: '<@987654321098765432>' });
    expect(m.content).toBe('<@987654321098765432>');
    expect(m.allowed_mentions).toEqual({ parse: [], users: ['987654321098765432'] });
  });

  it.each([
    ['only warnings', alerts([warning, notice({ kind: 'recovered', severity: 'ok' })])],
    ['a daily summary', { type: 'summary', id: 's', createdAt: T, summary: daySummary() } as Notification],
  ])('pings nobody for %s', (_name, notification) => {
    const m = buildDiscordMessage(notification, { mention: '<@&123456789012345678>' });
    expect(m.content).toBeUndefined();
    expect(m.allowed_mentions).toEqual({ parse: [] });
  });

  it.each(['@everyone', '<@&12345678> @here', 'not a mention', ''])(
    'ignores an invalid mention setting %j',
    (mention) => {
      const m = buildDiscordMessage(alerts([critical]), { mention });
      expect(m.content).toBeUndefined();
      expect(m.allowed_mentions).toEqual({ parse: [] });
    },
  );
});

describe('grouping', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      notice({
        monitorId: `m${i + 1}`,
        monitorName: `M${i + 1}`,
        kind: i === 3 ? 'degraded' : 'down',
        severity: i === 3 ? 'warning' : 'critical',
        url: null,
      }),
    );

  it('sends up to 10 notices as one embed each', () => {
    const m = buildDiscordMessage(alerts(many(10)));
    expect(m.embeds.map((e) => e.title)).toEqual([
      '🔴 Down: M1',
      '🔴 Down: M2',
      '🔴 Down: M3',
      '🟠 Degraded: M4',
      '🔴 Down: M5',
      '🔴 Down: M6',
      '🔴 Down: M7',
      '🔴 Down: M8',
      '🔴 Down: M9',
      '🔴 Down: M10',
    ]);
  });

  it('beyond 10, gives the 9 most severe their own embed and lists the rest in a tenth', () => {
    const m = buildDiscordMessage(alerts(many(12)));
    expect(m.embeds).toHaveLength(10);
    expect(m.embeds.slice(0, 9).map((e) => e.title)).toEqual([
      '🔴 Down: M1',
      '🔴 Down: M2',
      '🔴 Down: M3',
      '🔴 Down: M5',
      '🔴 Down: M6',
      '🔴 Down: M7',
      '🔴 Down: M8',
      '🔴 Down: M9',
      '🔴 Down: M10',
    ]);
    expect(m.embeds[9]).toEqual({
      title: '… and 3 more',
      description: '🔴 Down: M11\n🔴 Down: M12\n🟠 Degraded: M4',
      color: RED,
      footer: FOOTER,
      timestamp: AT,
    });
  });

  it('a 100-monitor outage is one message of 10 embeds within 6000 characters', () => {
    const m = buildDiscordMessage(alerts(many(100)));
    expect(m.embeds).toHaveLength(10);
    expect(m.embeds[9]?.title).toBe('… and 91 more');
    expect(m.embeds[9]?.description?.startsWith('🔴 Down: M11\n🔴 Down: M12\n')).toBe(true);
    expect(embedChars(m.embeds)).toBeLessThanOrEqual(6000);
  });

  it('an empty alerts notification still makes a valid message', () => {
    expect(buildDiscordMessage(alerts([]))).toEqual(
      one({ title: 'No alerts', color: BLUE, footer: FOOTER, timestamp: AT }),
    );
  });

  it('uses the send time when a notice has no valid time', () => {
    const m = buildDiscordMessage(alerts([notice({ time: Number.NaN })]), { now: Date.UTC(2025, 0, 15, 10) });
    expect(m.embeds[0]?.timestamp).toBe('2025-01-15T10:00:00.000Z');
  });
});

describe('truncation', () => {
  const a = (n: number) => 'a'.repeat(n);
  const msg = (embed: Embed, content?: string): DiscordMessage => ({
    ...(content !== undefined && { content }),
    embeds: [embed],
    allowed_mentions: { parse: [] },
  });

  it.each<[string, DiscordMessage, DiscordMessage]>([
    ['title at 256', msg({ title: a(300) }), msg({ title: `${a(255)}…` })],
    ['description at 4096', msg({ description: a(5000) }), msg({ description: `${a(4095)}…` })],
    [
      'field name at 256',
      msg({ fields: [{ name: a(257), value: 'v' }] }),
      msg({ fields: [{ name: `${a(255)}…`, value: 'v' }] }),
    ],
    [
      'field value at 1024',
      msg({ fields: [{ name: 'n', value: a(1025) }] }),
      msg({ fields: [{ name: 'n', value: `${a(1023)}…` }] }),
    ],
    ['footer at 2048', msg({ footer: { text: a(3000) } }), msg({ footer: { text: `${a(2047)}…` } })],
    ['author name at 256', msg({ author: { name: a(256) } }), msg({ author: { name: a(256) } })],
    ['author name over 256', msg({ author: { name: a(400) } }), msg({ author: { name: `${a(255)}…` } })],
    ['content at 2000', msg({ title: 't' }, a(2001)), msg({ title: 't' }, `${a(1999)}…`)],
    [
      'empty field values and names',
      msg({
        fields: [
          { name: '', value: '' },
          { name: 'n', value: '  ' },
        ],
      }),
      msg({
        fields: [
          { name: '—', value: '—' },
          { name: 'n', value: '—' },
        ],
      }),
    ],
    [
      'a title of emoji without splitting a surrogate pair',
      msg({ title: '😀'.repeat(200) }),
      msg({ title: `${'😀'.repeat(127)}…` }),
    ],
  ])('%s', (_name, input, expected) => {
    expect(fitDiscordMessage(input)).toEqual(expected);
  });

  it('keeps 24 of 30 fields and says how many are hidden', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: String(i) }));
    const out = fitDiscordMessage(msg({ fields })).embeds[0]?.fields;
    expect(out).toHaveLength(25);
    expect(out?.[23]).toEqual({ name: 'f23', value: '23' });
    expect(out?.[24]).toEqual({ name: '…', value: '6 more not shown' });
  });

  it('keeps at most 10 embeds', () => {
    const embeds = Array.from({ length: 12 }, (_, i) => ({ title: `e${i}` }));
    expect(fitDiscordMessage({ embeds, allowed_mentions: { parse: [] } }).embeds.map((e) => e.title)).toEqual(
      ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9'],
    );
  });

  it('shrinks the longest texts until all embeds fit in 6000 characters', () => {
    const embeds = [
      { title: 'x', description: a(3000) },
      { title: 'y', description: a(3000) },
      { title: 'z', description: a(3000), fields: [{ name: 'n', value: 'short' }] },
    ];
    const out = fitDiscordMessage({ embeds, allowed_mentions: { parse: [] } });
    expect(out.embeds).toEqual([
      { title: 'x', description: `${a(1996)}…` },
      { title: 'y', description: `${a(1996)}…` },
      { title: 'z', description: `${a(1996)}…`, fields: [{ name: 'n', value: 'short' }] },
    ]);
    expect(embedChars(out.embeds)).toBe(6000);
  });

  it.each([
    ['ascii', 'abcdef', 4, 'abc…'],
    ['shorter than the limit', 'abc', 4, 'abc'],
    ['exactly the limit', 'abcd', 4, 'abcd'],
    ['a limit of one', 'abcd', 1, '…'],
  ])('truncateText: %s', (_name, text, max, expected) => {
    expect(truncateText(text, max)).toBe(expected);
  });
});

describe('messages built from oversized notices', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ rateLimit: false });
  });
  afterAll(() => fake.close());

  const long = (n: number) => 'x'.repeat(n);
  const cases: Array<[string, Notification, (m: DiscordMessage) => void]> = [
    [
      'a monitor name of 300 characters',
      alerts([notice({ monitorName: long(300) })]),
      (m) => expect(m.embeds[0]?.title).toBe(`🔴 Down: ${long(246)}…`),
    ],
    [
      'a summary of 5000 characters',
      alerts([notice({ summary: long(5000) })]),
      (m) => expect(m.embeds[0]?.description).toBe(`${long(4095)}…`),
    ],
    [
      'a rule name of 2000 characters',
      alerts([notice({ ruleName: long(2000) })]),
      (m) =>
        expect(m.embeds[0]?.fields?.[1]).toEqual({ name: 'Rule', value: `${long(1023)}…`, inline: true }),
    ],
    [
      'ten notices of 4000 characters each',
      alerts(Array.from({ length: 10 }, (_, i) => notice({ monitorName: `M${i}`, summary: long(4000) }))),
      (m) => {
        expect(m.embeds).toHaveLength(10);
        expect(embedChars(m.embeds)).toBeLessThanOrEqual(6000);
        expect(m.embeds[0]?.description?.endsWith('…')).toBe(true);
      },
    ],
    [
      '150 notices with long names',
      alerts(Array.from({ length: 150 }, (_, i) => notice({ monitorName: `${long(90)}${i}` }))),
      (m) => {
        expect(m.embeds).toHaveLength(10);
        expect(m.embeds[9]?.title).toBe('… and 141 more');
        expect(embedChars(m.embeds)).toBeLessThanOrEqual(6000);
      },
    ],
    [
      'a summary of 40 monitors with long names',
      {
        type: 'summary',
        id: 's',
        createdAt: T,
        summary: daySummary({
          monitors: Array.from({ length: 40 }, (_, i) => ({
            monitorId: `m${i}`,
            monitorName: `${long(300)}${i}`,
            monitorType: 'http' as const,
            checks: 1,
            uptime: 1,
            latencyAvgMs: 1,
            incidents: 0,
            balance: null,
            spend24h: null,
          })),
        }),
      },
      (m) => {
        expect(m.embeds[0]?.fields).toHaveLength(25);
        expect(m.embeds[0]?.fields?.[6]?.name).toBe(`${long(255)}…`);
        expect(embedChars(m.embeds)).toBeLessThanOrEqual(6000);
      },
    ],
  ];

  it.each(cases)('truncates %s, and the Discord fake accepts it', async (_name, notification, check) => {
    const message = buildDiscordMessage(notification, { mention: '<@&123456789012345678>' });
    check(message);
    const res = await fetch(`${fake.webhookUrl()}?wait=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
    expect(res.status).toBe(200);
  });
});
