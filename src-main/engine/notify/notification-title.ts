import type { AlertNotice, NoticeKind, NoticeSeverity, Notification } from '../../api/notification-types.ts';

const KIND_LABEL: Record<NoticeKind, string> = {
  down: 'Down',
  degraded: 'Degraded',
  'balance-low': 'Balance low',
  'error-rate': 'Error rate spike',
  escalated: 'Escalated to critical',
  deescalated: 'Eased to warning',
  reminder: 'Still firing',
  recovered: 'Recovered',
  offline: 'Offline',
  online: 'Back online',
  test: 'Test notification',
};

const SEVERITY_RANK: Record<NoticeSeverity, number> = { critical: 0, warning: 1, info: 2, ok: 3 };
const SEVERITY_WORD: Record<NoticeSeverity, string> = {
  critical: 'critical',
  warning: 'warning',
  info: 'changed',
  ok: 'recovered',
};

const MAX_NAME = 32;
const MAX_NAMES = 60;

/** The notices about one monitor, with the most severe one first. */
export interface MonitorGroup {
  monitorId: string;
  name: string;
  worst: AlertNotice;
  notices: AlertNotice[];
}

/** Notices grouped by monitor, in the order the monitors first appear. */
export function monitorGroups(notices: readonly AlertNotice[]): MonitorGroup[] {
  const groups = new Map<string, MonitorGroup>();
  for (const n of notices) {
    const group = groups.get(n.monitorId);
    if (!group) {
      groups.set(n.monitorId, { monitorId: n.monitorId, name: n.monitorName, worst: n, notices: [n] });
      continue;
    }
    group.notices.push(n);
    if (SEVERITY_RANK[n.severity] < SEVERITY_RANK[group.worst.severity]) group.worst = n;
  }
  return [...groups.values()];
}

/**
 * One line for people: "Balance low: Solver", "3 monitors critical: A, B, C", "Daily summary". The
 * outbox stores it for the delivery log and the desktop notifier shows it.
 */
export function notificationTitle(notification: Notification): string {
  if (notification.type === 'summary') return 'Daily summary';
  const groups = monitorGroups(notification.notices);
  const [first] = groups;
  if (!first) return 'No alerts';
  if (groups.length === 1) return noticeTitle(first.worst);
  const counts = new Map<NoticeSeverity, number>();
  for (const g of groups) counts.set(g.worst.severity, (counts.get(g.worst.severity) ?? 0) + 1);
  if (counts.size === 1) {
    return `${groups.length} monitors ${SEVERITY_WORD[first.worst.severity]}: ${nameList(groups.map((g) => g.name))}`;
  }
  const parts = [...counts]
    .sort(([a], [b]) => SEVERITY_RANK[a] - SEVERITY_RANK[b])
    .map(([severity, n]) => `${n} ${SEVERITY_WORD[severity]}`);
  return `${groups.length} monitors: ${parts.join(', ')}`;
}

/** "Balance low: Solver"; notices about Solvewatch itself (offline, test) carry no monitor name. */
export function noticeTitle(notice: AlertNotice): string {
  const label = KIND_LABEL[notice.kind] ?? 'Alert';
  return notice.monitorId === '' ? label : `${label}: ${shorten(notice.monitorName, MAX_NAME)}`;
}

/** "A, B, C" or "A, B and 47 more", kept short enough for a notification title. */
function nameList(names: readonly string[]): string {
  const shown: string[] = [];
  let length = 0;
  for (const [i, raw] of names.entries()) {
    const name = shorten(raw, MAX_NAME);
    const rest = names.length - i - 1;
    const tail = rest > 0 ? ` and ${rest} more`.length : 0;
    if (shown.length > 0 && length + 2 + name.length + tail > MAX_NAMES) break;
    shown.push(name);
    length += (shown.length > 1 ? 2 : 0) + name.length;
  }
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
