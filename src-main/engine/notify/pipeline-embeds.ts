import type { AlertNotice, DailySummary } from '../../api/notification-types.ts';
import { messageMoney as money } from '../../api/plain-words.ts';
import type { SampleValue } from '../../api/sample-values.ts';
import { DISCORD_COLORS as COLOR, DISCORD_LIMITS, EMPTY_VALUE, type Embed } from './discord-limits.ts';
import { errorBreakdown } from './error-breakdown.ts';
import { percent } from './percent.ts';

/**
 * A pipeline monitor's alerts in the forms of seed 001 ("⚠️ Error Rate Spike", "📊 Queue Backup",
 * "✅ Pipeline Recovered"), plus the delivery-rate and forged-event alerts; null for any other notice,
 * which keeps the generic embed.
 */
export function pipelineEmbed(notice: AlertNotice, footer: string, timestamp: string): Embed | null {
  if (notice.monitorType !== 'pipeline') return null;
  const v = notice.values;
  const base = { author: { name: notice.monitorName }, footer: { text: footer }, timestamp };
  if (notice.kind === 'recovered') {
    if (notice.ruleId !== 'error-rate') return null;
    const before = num(notice.firedValues ?? {}, 'success_rate');
    const now = num(v, 'success_rate');
    return {
      title: '✅ Pipeline Recovered',
      description: `Solve rate recovered: ${rate(before)} → ${rate(now)}`,
      color: COLOR.success,
      ...base,
    };
  }
  switch (notice.ruleId) {
    case 'error-rate':
      return {
        title: '⚠️ Error Rate Spike',
        description: `Error rate: **${rate(num(v, 'error_rate'))}** (${count(v, 'failed')}/${count(v, 'tasks')})`,
        color: COLOR.error,
        fields: [
          { name: 'Error Breakdown', value: breakdownLines(v), inline: false },
          { name: 'Window', value: windowText(num(v, 'window_seconds')), inline: true },
        ],
        ...base,
      };
    case 'queue': {
      const drain = num(v, 'drain_minutes');
      return {
        title: '📊 Queue Backup',
        description: `Queue depth: **${count(v, 'queue_depth')}** pending tasks`,
        color: COLOR.warning,
        fields: [
          { name: 'Active Workers', value: count(v, 'workers'), inline: true },
          {
            name: 'Est. Drain Time',
            value: drain === null ? EMPTY_VALUE : `${Math.round(drain)} min`,
            inline: true,
          },
        ],
        ...base,
      };
    }
    case 'delivery-rate':
      return {
        title: '📭 Callback Delivery Rate Low',
        description: `Delivery rate: **${rate(num(v, 'delivery_rate'))}** of the tasks due in the window`,
        color: COLOR.error,
        fields: [
          { name: 'Missed', value: count(v, 'missed_count'), inline: true },
          { name: 'Pending', value: count(v, 'pending'), inline: true },
          { name: 'Missed Task IDs', value: missedIds(v), inline: false },
        ],
        ...base,
      };
    case 'forged':
      return {
        title: '🛑 Forged Events Refused',
        description: `**${count(v, 'invalid_signatures')}** requests refused: not signed with the secret and without the token`,
        color: COLOR.error,
        fields: [{ name: 'From', value: text(v, 'refused_from'), inline: true }],
        ...base,
      };
  }
  return null;
}

/** The daily summary when a pipeline reported results: seed 001's "📈 Daily CAPTCHA Summary". */
export function pipelineSummaryEmbed(summary: DailySummary, footer: string, timestamp: string): Embed | null {
  const day = summary.pipeline;
  if (!day) return null;
  const { currency } = summary;
  const cost = day.cost ?? summary.spend24h;
  const field = (name: string, value: string) => ({ name, value, inline: true });
  return {
    title: '📈 Daily CAPTCHA Summary',
    description: `**${day.tasks.toLocaleString('en-US')}** tasks processed`,
    color: day.successRate !== null && day.successRate > 0.92 ? COLOR.success : COLOR.warning,
    fields: [
      field('Success Rate', rate(day.successRate)),
      field('Avg Latency', day.solveAvgMs === null ? EMPTY_VALUE : `${(day.solveAvgMs / 1000).toFixed(1)}s`),
      field('Total Cost', cost === null ? EMPTY_VALUE : money(cost, currency)),
      field('Errors', day.failed.toLocaleString('en-US')),
      field('Balance', summary.balance === null ? EMPTY_VALUE : money(summary.balance, currency)),
      field('Peak Queue', day.peakQueue === null ? EMPTY_VALUE : day.peakQueue.toLocaleString('en-US')),
    ],
    footer: { text: footer },
    timestamp,
  };
}

/** The breakdown as `• \`CODE\`: n` lines, largest first, cut to fit one embed field. */
export function breakdownLines(values: Record<string, SampleValue>): string {
  const codes = errorBreakdown(values);
  if (codes.length === 0) return 'No details';
  const lines: string[] = [];
  let length = 0;
  for (const [i, [code, n]] of codes.entries()) {
    const line = `• \`${code}\`: ${n.toLocaleString('en-US')}`;
    const more = `• … and ${codes.length - i} more`;
    if (length + line.length + 1 + more.length > DISCORD_LIMITS.fieldValue) {
      lines.push(more);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

/** "Last 5 minutes" for a 300-second window (seed 001). */
export function windowText(seconds: number | null): string {
  if (seconds === null) return EMPTY_VALUE;
  if (seconds % 3600 === 0) return seconds === 3600 ? 'Last hour' : `Last ${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'Last minute' : `Last ${seconds / 60} minutes`;
  return `Last ${seconds} seconds`;
}

function missedIds(values: Record<string, SampleValue>): string {
  const raw = values.missed;
  let ids: unknown = [];
  try {
    ids = typeof raw === 'string' ? JSON.parse(raw) : [];
  } catch {}
  if (!Array.isArray(ids) || ids.length === 0) return EMPTY_VALUE;
  const shown = ids.map((id) => `\`${String(id).replaceAll('`', "'")}\``).join(', ');
  return shown.length > DISCORD_LIMITS.fieldValue
    ? `${shown.slice(0, DISCORD_LIMITS.fieldValue - 1)}…`
    : shown;
}

function num(values: Record<string, SampleValue>, key: string): number | null {
  const v = values[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function count(values: Record<string, SampleValue>, key: string): string {
  const n = num(values, key);
  return n === null ? EMPTY_VALUE : n.toLocaleString('en-US');
}

function text(values: Record<string, SampleValue>, key: string): string {
  const v = values[key];
  return typeof v === 'string' && v !== '' ? v : EMPTY_VALUE;
}

function rate(ratio: number | null): string {
  return ratio === null ? EMPTY_VALUE : percent(ratio);
}
