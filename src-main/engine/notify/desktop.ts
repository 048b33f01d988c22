import type { DailySummary, DeliveryResult, Notification } from '../../api/notification-types.ts';
import { messageMoney as money } from '../../api/plain-words.ts';
import { monitorGroups, notificationTitle, shorten } from './notification-title.ts';
import type { Notifier } from './notifier.ts';
import { percent } from './percent.ts';
import { pipelineLine } from './pipeline-lines.ts';

export interface DesktopMessage {
  title: string;
  body: string;
  urgency: 'low' | 'normal' | 'critical';
  /** Clicking the notification opens the dashboard on this monitor (null: the overview). */
  monitorId: string | null;
}

/** Native notifications: the Electron shell implements it; headless mode logs them. */
export interface DesktopPort {
  show(message: DesktopMessage): Promise<void> | void;
}

const MAX_LINES = 5;
const MAX_LINE = 100;

/** One desktop notification per notification, however many notices it groups. */
export function desktopMessage(notification: Notification): DesktopMessage {
  const title = notificationTitle(notification);
  if (notification.type === 'summary') {
    return { title, body: summaryLine(notification.summary), urgency: 'low', monitorId: null };
  }
  const notices = notification.notices;
  const groups = monitorGroups(notices);
  const urgency = notices.some((n) => n.severity === 'critical')
    ? 'critical'
    : notices.length > 0 && notices.every((n) => n.severity === 'ok')
      ? 'low'
      : 'normal';
  const [only] = groups;
  if (groups.length === 1 && only) {
    const body = only.notices
      .map((n) => shorten(pipelineLine(n) ?? n.words ?? n.summary, MAX_LINE * 2))
      .join('\n');
    return { title, body, urgency, monitorId: only.monitorId === '' ? null : only.monitorId };
  }
  const lines = groups
    .slice(0, MAX_LINES)
    .map((g) => shorten(pipelineLine(g.worst) ?? `${g.name}: ${g.worst.words ?? g.worst.summary}`, MAX_LINE));
  if (groups.length > MAX_LINES) lines.push(`…and ${groups.length - MAX_LINES} more`);
  return { title, body: lines.join('\n'), urgency, monitorId: null };
}

function summaryLine(s: DailySummary): string {
  const day = s.pipeline;
  if (day) {
    const parts = [`${day.tasks.toLocaleString('en-US')} tasks`];
    if (day.successRate !== null) parts.push(`${percent(day.successRate)} success`);
    parts.push(`${day.failed.toLocaleString('en-US')} errors`);
    if (s.balance !== null) parts.push(`balance ${money(s.balance, s.currency)}`);
    return parts.join(' · ');
  }
  const parts = [`${s.checks.toLocaleString('en-US')} checks`];
  if (s.successRate !== null)
    parts.push(`${(Math.floor(s.successRate * 1000 + 1e-9) / 10).toFixed(1)}% success`);
  if (s.latencyAvgMs !== null) parts.push(`${Math.round(s.latencyAvgMs).toLocaleString('en-US')} ms avg`);
  parts.push(`${s.incidents} ${s.incidents === 1 ? 'incident' : 'incidents'}`);
  if (s.balance !== null) parts.push(`balance ${money(s.balance, s.currency)}`);
  if (s.spend24h !== null) parts.push(`spent ${money(s.spend24h, s.currency)}`);
  return parts.join(' · ');
}

/** Shows notifications through a DesktopPort; a port that fails is retried by the outbox. */
export class DesktopNotifier implements Notifier {
  readonly channel = 'desktop';
  private readonly port: DesktopPort;

  constructor(port: DesktopPort) {
    this.port = port;
  }

  async send(notification: Notification, signal: AbortSignal): Promise<DeliveryResult> {
    if (signal.aborted) return { outcome: 'retry', status: null, error: 'aborted', retryAfterMs: null };
    try {
      await this.port.show(desktopMessage(notification));
      return { outcome: 'delivered', status: 0 };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return {
        outcome: 'retry',
        status: null,
        error: `desktop notification failed: ${reason}`,
        retryAfterMs: null,
      };
    }
  }
}

/** Headless mode: the notification becomes one log line. */
export function loggingDesktopPort(log: (line: string) => void): DesktopPort {
  return {
    show(message) {
      log(`desktop notification: ${message.title} — ${message.body.replace(/\s*\n\s*/g, ' / ')}`);
    },
  };
}
