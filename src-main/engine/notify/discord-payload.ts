import type {
  AlertNotice,
  DailySummary,
  MonitorDaySummary,
  NoticeKind,
  NoticeSeverity,
  Notification,
} from '../../api/notification-types.ts';
import { messageMoney as money } from '../../api/plain-words.ts';
import type { SampleValue } from '../../api/sample-values.ts';
import {
  DISCORD_COLORS,
  DISCORD_LIMITS,
  type DiscordMessage,
  EMPTY_VALUE,
  type Embed,
  type EmbedField,
  fitDiscordMessage,
} from './discord-limits.ts';
import { errorBreakdown } from './error-breakdown.ts';
import { percent } from './percent.ts';
import { pipelineEmbed, pipelineSummaryEmbed } from './pipeline-embeds.ts';

export { DISCORD_COLORS } from './discord-limits.ts';
export { errorBreakdown } from './error-breakdown.ts';

export const FOOTER_TEXT = 'Solvewatch';
export const BOT_NAME = 'Solvewatch';

export interface DiscordMessageOptions {
  /** `<@&ROLE_ID>` or `<@USER_ID>`; pinged only when a notice is critical. */
  mention?: string;
  /** Timestamp for an embed whose source time is not a valid date; defaults to the notification's `createdAt`. */
  now?: number;
}

const ELLIPSIS = '…';

const SEVERITY_COLOR: Record<NoticeSeverity, number> = {
  critical: DISCORD_COLORS.error,
  warning: DISCORD_COLORS.warning,
  ok: DISCORD_COLORS.success,
  info: DISCORD_COLORS.info,
};

const SEVERITY_RANK: Record<NoticeSeverity, number> = { critical: 0, warning: 1, info: 2, ok: 3 };

const KIND_TITLE: Record<NoticeKind, string> = {
  down: '🔴 Down',
  degraded: '🟠 Degraded',
  'balance-low': '💰 Balance low',
  'error-rate': '⚠️ Error rate spike',
  escalated: '🔺 Escalated to critical',
  deescalated: '🔻 Eased to warning',
  reminder: '🔁 Still firing',
  recovered: '✅ Recovered',
  offline: '📴 Offline',
  online: '📶 Back online',
  test: '🧪 Test notification',
};

/** The webhook body for one notification: one embed per notice (grouped beyond 10), within Discord's limits. */
export function buildDiscordMessage(
  notification: Notification,
  options: DiscordMessageOptions = {},
): DiscordMessage {
  const fallbackTime = options.now ?? notification.createdAt;
  const embeds =
    notification.type === 'summary'
      ? [summaryEmbed(notification.summary, notification.createdAt)]
      : alertEmbeds(notification.notices, notification.createdAt, fallbackTime);
  const critical =
    notification.type === 'alerts' && notification.notices.some((n) => n.severity === 'critical');
  const mention = critical ? parseMention(options.mention) : null;
  return fitDiscordMessage({
    ...(mention && { content: mention.text }),
    username: BOT_NAME,
    embeds,
    allowed_mentions: !mention
      ? { parse: [] }
      : mention.kind === 'roles'
        ? { parse: [], roles: [mention.id] }
        : { parse: [], users: [mention.id] },
  });
}

function parseMention(
  mention: string | undefined,
): { text: string; kind: 'roles' | 'users'; id: string } | null {
  const m = mention === undefined ? null : /^<@(&?)(\d{5,25})>$/.exec(mention.trim());
  if (!m?.[2]) return null;
  return { text: m[0], kind: m[1] ? 'roles' : 'users', id: m[2] };
}

function alertEmbeds(notices: readonly AlertNotice[], createdAt: number, fallbackTime: number): Embed[] {
  if (notices.length === 0) {
    return [
      {
        title: 'No alerts',
        color: DISCORD_COLORS.info,
        footer: { text: FOOTER_TEXT },
        timestamp: iso(createdAt, fallbackTime),
      },
    ];
  }
  if (notices.length <= DISCORD_LIMITS.embeds) return notices.map((n) => noticeEmbed(n, fallbackTime));
  // Beyond 10, the most severe notices keep a full embed and the rest are listed in one closing embed.
  const ordered = [...notices].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const shown = ordered.slice(0, DISCORD_LIMITS.embeds - 1);
  const rest = ordered.slice(DISCORD_LIMITS.embeds - 1);
  return [...shown.map((n) => noticeEmbed(n, fallbackTime)), overflowEmbed(rest, createdAt, fallbackTime)];
}

function overflowEmbed(rest: readonly AlertNotice[], createdAt: number, fallbackTime: number): Embed {
  const worst = rest.reduce(
    (w, n) => (SEVERITY_RANK[n.severity] < SEVERITY_RANK[w] ? n.severity : w),
    rest[0]?.severity ?? 'info',
  );
  return {
    title: `${ELLIPSIS} and ${rest.length} more`,
    description: rest.map((n) => `${KIND_TITLE[n.kind]}: ${n.monitorName}`).join('\n'),
    color: SEVERITY_COLOR[worst],
    footer: { text: FOOTER_TEXT },
    timestamp: iso(createdAt, fallbackTime),
  };
}

function noticeEmbed(notice: AlertNotice, fallbackTime: number): Embed {
  const pipeline = pipelineEmbed(notice, FOOTER_TEXT, iso(notice.time, fallbackTime));
  if (pipeline) return pipeline;
  const fields = noticeFields(notice);
  // Plain words lead; the resolved condition behind them is a code line for whoever wants the detail.
  const description = notice.words ?? notice.summary;
  if (notice.detail) fields.push({ name: 'Condition', value: codeLine(notice.detail) });
  if (notice.url) fields.push({ name: 'URL', value: notice.url });
  return {
    title: notice.monitorName ? `${KIND_TITLE[notice.kind]}: ${notice.monitorName}` : KIND_TITLE[notice.kind],
    ...(description && { description }),
    color: noticeColor(notice),
    ...(fields.length > 0 && { fields }),
    footer: { text: FOOTER_TEXT },
    timestamp: iso(notice.time, fallbackTime),
  };
}

/** Inline code that no backtick in the text can break out of. */
function codeLine(text: string): string {
  return `\`${text.replaceAll('`', "'")}\``;
}

function noticeColor(notice: AlertNotice): number {
  if (notice.kind === 'recovered') return DISCORD_COLORS.success;
  if (notice.kind === 'test' || notice.kind === 'online') return DISCORD_COLORS.info;
  return SEVERITY_COLOR[notice.severity];
}

function noticeFields(notice: AlertNotice): EmbedField[] {
  switch (notice.kind) {
    case 'balance-low':
      return balanceFields(notice);
    case 'error-rate':
      return errorRateFields(notice);
    case 'escalated':
    case 'deescalated':
    case 'reminder':
      // An update about a balance or error-rate alert shows the same figures as the alert did.
      if (notice.ruleId === 'balance-low' || notice.ruleId === 'balance-critical')
        return balanceFields(notice);
      if (notice.ruleId === 'error-rate') return errorRateFields(notice);
      return statusFields(notice);
    case 'down':
    case 'degraded':
      return statusFields(notice);
    case 'recovered':
      return ruleField(notice);
    case 'offline':
    case 'online':
    case 'test':
      return [];
  }
}

function severityField(notice: AlertNotice): EmbedField {
  return { name: 'Severity', value: notice.severity.toUpperCase(), inline: true };
}

function ruleField(notice: AlertNotice): EmbedField[] {
  const rule = notice.ruleName ?? notice.ruleId;
  return rule ? [{ name: 'Rule', value: rule, inline: true }] : [];
}

function statusFields(notice: AlertNotice): EmbedField[] {
  const fields = [severityField(notice), ...ruleField(notice)];
  if (notice.since < notice.time)
    fields.push({ name: 'Since', value: discordTime(notice.since, 'R'), inline: true });
  return fields;
}

function balanceFields(notice: AlertNotice): EmbedField[] {
  const { values } = notice;
  const currency = notice.currency ?? '$';
  const fields: EmbedField[] = [];
  const balance = numberValue(values, 'balance');
  if (balance !== null) fields.push({ name: 'Current', value: money(balance, currency), inline: true });
  if (notice.threshold !== null)
    fields.push({ name: 'Threshold', value: money(notice.threshold, currency), inline: true });
  fields.push(severityField(notice));
  const burn = numberValue(values, 'burn_per_hour', 'burnPerHour');
  if (burn !== null) fields.push({ name: 'Burn rate', value: `${money(burn, currency)}/h`, inline: true });
  const hours = numberValue(values, 'hours_to_empty', 'hoursToEmpty');
  if (hours !== null) fields.push({ name: 'Time to empty', value: formatHours(hours), inline: true });
  return fields;
}

function errorRateFields(notice: AlertNotice): EmbedField[] {
  const { values } = notice;
  const fields: EmbedField[] = [];
  const rate = numberValue(values, 'error_rate', 'errorRate');
  if (rate !== null) fields.push({ name: 'Error rate', value: percent(rate), inline: true });
  const received = numberValue(values, 'total_received', 'totalReceived');
  const errors = numberValue(values, 'total_errors', 'totalErrors');
  if (received !== null || errors !== null) {
    fields.push({ name: 'Errors / received', value: `${count(errors)} / ${count(received)}`, inline: true });
  }
  fields.push(severityField(notice));
  const top = errorBreakdown(values).slice(0, 5);
  if (top.length > 0) {
    fields.push({
      name: 'Top errors',
      value: top.map(([code, n]) => `• \`${code}\`: ${count(n)}`).join('\n'),
    });
  }
  return fields;
}

const SUMMARY_FIXED_FIELDS = 6;

function summaryEmbed(summary: DailySummary, createdAt: number): Embed {
  const pipeline = pipelineSummaryEmbed(summary, FOOTER_TEXT, iso(summary.to, createdAt));
  if (pipeline) return pipeline;
  const { currency } = summary;
  const fields: EmbedField[] = [
    { name: 'Checks', value: count(summary.checks), inline: true },
    {
      name: 'Success rate',
      value: summary.successRate === null ? EMPTY_VALUE : percent(summary.successRate),
      inline: true,
    },
    {
      name: 'Avg latency',
      value: summary.latencyAvgMs === null ? EMPTY_VALUE : ms(summary.latencyAvgMs),
      inline: true,
    },
    { name: 'Incidents', value: count(summary.incidents), inline: true },
    {
      name: 'Balance',
      value: summary.balance === null ? EMPTY_VALUE : money(summary.balance, currency),
      inline: true,
    },
    {
      name: 'Spend 24 h',
      value: summary.spend24h === null ? EMPTY_VALUE : money(summary.spend24h, currency),
      inline: true,
    },
  ];
  const room = DISCORD_LIMITS.fields - SUMMARY_FIXED_FIELDS;
  const monitors = summary.monitors;
  const shown = monitors.length <= room ? monitors : monitors.slice(0, room - 1);
  for (const m of shown) fields.push({ name: m.monitorName, value: monitorLine(m, currency) });
  const rest = monitors.slice(shown.length);
  if (rest.length > 0) {
    fields.push({
      name: `${ELLIPSIS} and ${rest.length} more`,
      value: rest.map((m) => m.monitorName).join(', '),
    });
  }
  const good = summary.successRate !== null && summary.successRate > 0.92;
  return {
    title: '📈 Daily summary',
    description: `${discordTime(summary.from, 'f')} – ${discordTime(summary.to, 'f')}`,
    color: good ? DISCORD_COLORS.success : DISCORD_COLORS.warning,
    fields,
    footer: { text: FOOTER_TEXT },
    timestamp: iso(summary.to, createdAt),
  };
}

function monitorLine(m: MonitorDaySummary, currency: string): string {
  const parts = [
    m.uptime === null ? 'no checks' : `${percent(m.uptime)} up`,
    `${count(m.checks)} ${m.checks === 1 ? 'check' : 'checks'}`,
  ];
  if (m.latencyAvgMs !== null) parts.push(`${ms(m.latencyAvgMs)} avg`);
  parts.push(`${count(m.incidents)} ${m.incidents === 1 ? 'incident' : 'incidents'}`);
  if (m.balance !== null) parts.push(`balance ${money(m.balance, currency)}`);
  if (m.spend24h !== null) parts.push(`spent ${money(m.spend24h, currency)}`);
  return parts.join(' · ');
}

function numberValue(values: Record<string, SampleValue>, ...keys: string[]): number | null {
  for (const key of keys) {
    const v = values[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

function iso(time: number, fallback: number): string {
  return new Date(Number.isFinite(time) ? time : Number.isFinite(fallback) ? fallback : 0).toISOString();
}

/** Discord renders `<t:seconds:style>` in the reader's own time zone. */
function discordTime(epochMs: number, style: 'R' | 'f'): string {
  return `<t:${Math.floor(epochMs / 1000)}:${style}>`;
}

function count(n: number | null): string {
  return n === null ? EMPTY_VALUE : n.toLocaleString('en-US');
}

function ms(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')} ms`;
}

function formatHours(hours: number): string {
  if (hours <= 0) return 'empty now';
  if (hours < 1 / 60) return '< 1 min';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) {
    const whole = Math.floor(hours);
    const minutes = Math.round((hours - whole) * 60);
    return minutes === 0 || minutes === 60
      ? `${whole + (minutes === 60 ? 1 : 0)} h`
      : `${whole} h ${minutes} min`;
  }
  return `${(hours / 24).toFixed(1)} days`;
}
