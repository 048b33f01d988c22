import { describe, expect, it } from 'vitest';
import { desktopMessage } from '../../../src-main/engine/notify/desktop.ts';
import { buildDiscordMessage } from '../../../src-main/engine/notify/discord-payload.ts';
import { breakdownLines, windowText } from '../../../src-main/engine/notify/pipeline-embeds.ts';
import { alerts, daySummary, notice, T } from './fixtures.ts';

/** The values of seed 001's example spike: 45 of 200 failed in the last 5 minutes. */
const spikeValues = {
  window_seconds: 300,
  tasks: 200,
  completed: 155,
  failed: 45,
  success_rate: 0.775,
  error_rate: 0.225,
  error_breakdown: '{"ERROR_CAPTCHA_UNSOLVABLE":30,"TIMEOUT":15}',
};

const pipelineNotice = (overrides: Parameters<typeof notice>[0]) =>
  notice({
    monitorId: 'solver',
    monitorName: 'Solver pipeline',
    monitorType: 'pipeline',
    url: '/events/solver',
    ...overrides,
  });

describe('pipeline embeds (seed 001)', () => {
  it('sends the error-rate spike as seed 001 lays it out', () => {
    const message = buildDiscordMessage(
      alerts([
        pipelineNotice({
          kind: 'error-rate',
          ruleId: 'error-rate',
          ruleName: 'Solve error rate spike',
          summary: '[VALUE].error_rate (0.225) > 0.15 && [VALUE].tasks (200) > 10',
          values: spikeValues,
          threshold: 0.15,
        }),
      ]),
    );
    expect(message).toEqual({
      username: 'Solvewatch',
      embeds: [
        {
          title: '⚠️ Error Rate Spike',
          description: 'Error rate: **22.5%** (45/200)',
          color: 0xe74c3c,
          fields: [
            {
              name: 'Error Breakdown',
              value: '• `ERROR_CAPTCHA_UNSOLVABLE`: 30\n• `TIMEOUT`: 15',
              inline: false,
            },
            { name: 'Window', value: 'Last 5 minutes', inline: true },
          ],
          author: { name: 'Solver pipeline' },
          footer: { text: 'Solvewatch' },
          timestamp: new Date(T).toISOString(),
        },
      ],
      allowed_mentions: { parse: [] },
    });
  });

  it('sends a queue backup with workers and the drain time', () => {
    const [embed] = buildDiscordMessage(
      alerts([
        pipelineNotice({
          kind: 'degraded',
          severity: 'warning',
          ruleId: 'queue',
          values: { queue_depth: 750, workers: 3, drain_minutes: 150 },
        }),
      ]),
    ).embeds;
    expect(embed).toMatchObject({
      title: '📊 Queue Backup',
      description: 'Queue depth: **750** pending tasks',
      color: 0xf39c12,
      fields: [
        { name: 'Active Workers', value: '3', inline: true },
        { name: 'Est. Drain Time', value: '150 min', inline: true },
      ],
    });
  });

  it('tells the recovery with the success rate when it fired and now', () => {
    const [embed] = buildDiscordMessage(
      alerts([
        pipelineNotice({
          kind: 'recovered',
          severity: 'ok',
          ruleId: 'error-rate',
          values: { ...spikeValues, success_rate: 0.96 },
          firedValues: spikeValues,
        }),
      ]),
    ).embeds;
    expect(embed).toMatchObject({
      title: '✅ Pipeline Recovered',
      description: 'Solve rate recovered: 77.5% → 96.0%',
      color: 0x2ecc71,
    });
  });

  it('lists the missed task ids of a delivery-rate alert, and where forged events came from', () => {
    const embeds = buildDiscordMessage(
      alerts([
        pipelineNotice({
          ruleId: 'delivery-rate',
          values: { delivery_rate: 0.8, missed_count: 2, pending: 3, missed: '["task_8","task_9"]' },
        }),
        pipelineNotice({
          monitorId: 'other',
          ruleId: 'forged',
          values: { invalid_signatures: 4, refused_from: '203.0.113.7' },
        }),
      ]),
    ).embeds;
    expect(embeds[0]).toMatchObject({
      title: '📭 Callback Delivery Rate Low',
      description: 'Delivery rate: **80.0%** of the tasks due in the window',
      fields: [
        { name: 'Missed', value: '2' },
        { name: 'Pending', value: '3' },
        { name: 'Missed Task IDs', value: '`task_8`, `task_9`' },
      ],
    });
    expect(embeds[1]).toMatchObject({
      title: '🛑 Forged Events Refused',
      fields: [{ name: 'From', value: '203.0.113.7' }],
    });
    expect(embeds[1]?.description).toContain('**4** requests refused');
  });

  it('keeps the generic embed for the other pipeline rules', () => {
    const [embed] = buildDiscordMessage(
      alerts([
        pipelineNotice({ kind: 'degraded', severity: 'warning', ruleId: 'stale', summary: 'no results' }),
      ]),
    ).embeds;
    expect(embed?.title).toBe('🟠 Degraded: Solver pipeline');
  });

  it('cuts a long breakdown to one field, saying how many codes are left out', () => {
    const codes = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`ERROR_CODE_${i}`, 1000 - i]));
    const text = breakdownLines({ error_breakdown: JSON.stringify(codes) });
    expect(text.length).toBeLessThanOrEqual(1024);
    expect(text).toMatch(/• … and \d+ more$/);
    expect(text.startsWith('• `ERROR_CODE_0`: 1,000')).toBe(true);
  });

  it.each([
    [300, 'Last 5 minutes'],
    [60, 'Last minute'],
    [3600, 'Last hour'],
    [90, 'Last 90 seconds'],
  ])('names a %i-second window "%s"', (seconds, text) => {
    expect(windowText(seconds)).toBe(text);
  });
});

describe('pipeline desktop lines', () => {
  it('says the spike in one plain line', () => {
    const message = desktopMessage(
      alerts([pipelineNotice({ kind: 'error-rate', ruleId: 'error-rate', values: spikeValues })]),
    );
    expect(message.body).toBe(
      'Solver pipeline: 22.5 % of 200 solves failed in 5 min — mostly ERROR_CAPTCHA_UNSOLVABLE',
    );
  });

  it('says the queue, the delivery rate and the recovery in one line each', () => {
    const line = (n: Parameters<typeof notice>[0]) => desktopMessage(alerts([pipelineNotice(n)])).body;
    expect(line({ ruleId: 'queue', values: { queue_depth: 750, workers: 3, drain_minutes: 150 } })).toBe(
      'Solver pipeline: 750 tasks queued, 3 workers, about 150 min to drain',
    );
    expect(
      line({
        ruleId: 'delivery-rate',
        values: { delivery_rate: 0.8, deliveries_due: 20, missed_count: 4, pending: 3 },
      }),
    ).toBe('Solver pipeline: 80.0 % of 20 callbacks arrived in time — 4 missed, 3 pending');
    expect(
      line({
        kind: 'recovered',
        ruleId: 'error-rate',
        values: { success_rate: 0.96 },
        firedValues: { success_rate: 0.775 },
      }),
    ).toBe('Solver pipeline: solve rate recovered 77.5 % → 96.0 %');
  });
});

describe('pipeline daily summary', () => {
  it("gives seed 001's summary when a pipeline reported the day, green above 92 %", () => {
    const summary = daySummary({
      balance: 142.3,
      spend24h: 12.4,
      pipeline: {
        tasks: 12450,
        completed: 11852,
        failed: 598,
        successRate: 0.952,
        solveAvgMs: 22_400,
        cost: null,
        peakQueue: 320,
      },
    });
    const [embed] = buildDiscordMessage({ type: 'summary', id: 's', createdAt: T, summary }).embeds;
    expect(embed).toEqual({
      title: '📈 Daily CAPTCHA Summary',
      description: '**12,450** tasks processed',
      color: 0x2ecc71,
      fields: [
        { name: 'Success Rate', value: '95.2%', inline: true },
        { name: 'Avg Latency', value: '22.4s', inline: true },
        { name: 'Total Cost', value: '$12.40', inline: true },
        { name: 'Errors', value: '598', inline: true },
        { name: 'Balance', value: '$142.30', inline: true },
        { name: 'Peak Queue', value: '320', inline: true },
      ],
      footer: { text: 'Solvewatch' },
      timestamp: new Date(T).toISOString(),
    });
    expect(desktopMessage({ type: 'summary', id: 's', createdAt: T, summary }).body).toBe(
      '12,450 tasks · 95.2% success · 598 errors · balance $142.30',
    );
  });

  it('keeps the check-based summary without a pipeline, and turns amber at 92 % or below', () => {
    const [plain] = buildDiscordMessage({
      type: 'summary',
      id: 's',
      createdAt: T,
      summary: daySummary(),
    }).embeds;
    expect(plain?.title).toBe('📈 Daily summary');
    const low = daySummary({
      pipeline: {
        tasks: 100,
        completed: 92,
        failed: 8,
        successRate: 0.92,
        solveAvgMs: null,
        cost: 1.5,
        peakQueue: null,
      },
    });
    const [embed] = buildDiscordMessage({ type: 'summary', id: 's', createdAt: T, summary: low }).embeds;
    expect(embed?.color).toBe(0xf39c12);
    expect(embed?.fields).toContainEqual({ name: 'Total Cost', value: '$1.50', inline: true });
  });
});
