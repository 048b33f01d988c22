import type { MonitorStatus, StateSnapshot } from '../api/contract.ts';
import type { MonitorState } from '../api/monitor-state.ts';
import { checkWords } from '../api/plain-words.ts';

/** The icon variants in assets/ (`tray-<name>.png`, `tray-<name>Template.png`, …). */
export type TrayIconName = 'ok' | 'warning' | 'critical' | 'unknown' | 'snoozed';

/** What a tray menu item does; the shell maps each to one engine or window call. */
export type TrayAction =
  | { kind: 'open-monitor'; monitorId: string }
  | { kind: 'check-all' }
  | { kind: 'snooze'; minutes: number | null }
  | { kind: 'resume' }
  | { kind: 'open-dashboard' }
  | { kind: 'open-settings' }
  | { kind: 'toggle-start-at-login' }
  | { kind: 'quit' };

/** Labels are ready for Electron: a literal `&` is already written `&&` (a single one is a mnemonic). */
export type TrayMenuItem =
  | {
      type: 'item';
      label: string;
      enabled: boolean;
      action: TrayAction | null;
      /** Monitor lines: the state to show as a small icon where the platform draws menu icons. */
      icon?: TrayIconName;
    }
  | { type: 'checkbox'; label: string; checked: boolean; action: TrayAction }
  | { type: 'submenu'; label: string; items: TrayMenuItem[] }
  | { type: 'separator' };

export interface TrayModel {
  icon: TrayIconName;
  tooltip: string;
  menu: TrayMenuItem[];
}

export interface TrayContext {
  /** null where the platform cannot start at login (the item is then left out). */
  startAtLogin: boolean | null;
  /** Formats currency / numbers / times; defaults to en-US. */
  locale?: string;
  /** IANA time zone for "Snoozed until 14:05"; defaults to the system's. */
  timeZone?: string;
}

/** Beyond this many monitors the menu gets too tall to scan; the rest are one line away in the dashboard. */
export const MAX_MONITOR_LINES = 15;
export const MAX_LABEL_LENGTH = 60;
/** Windows cuts tray tooltips at 127 characters (NOTIFYICONDATA.szTip holds 128 with the NUL). */
export const MAX_TOOLTIP_LENGTH = 127;

export const SNOOZE_CHOICES: readonly { minutes: number | null; label: string }[] = [
  { minutes: 15, label: 'For 15 minutes' },
  { minutes: 60, label: 'For 1 hour' },
  { minutes: 240, label: 'For 4 hours' },
  { minutes: null, label: 'Until resumed' },
];

const STATE_WORD: Record<MonitorState, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  unknown: 'Unknown',
};
const SEVERITY: Record<MonitorState, number> = { critical: 0, warning: 1, unknown: 2, ok: 3 };

/** Decides everything the tray shows from the engine's state: icon, tooltip and menu. Pure. */
export function trayModel(state: StateSnapshot, context: TrayContext): TrayModel {
  const format = formatters(context);
  const snoozedUntil = activeSnooze(state);
  return {
    icon: trayIcon(state, snoozedUntil),
    tooltip: tooltip(state, snoozedUntil, format),
    menu: menu(state, snoozedUntil, context, format),
  };
}

/**
 * Offline reads grey whatever else is true: no monitor can be trusted then. A critical stays red
 * while alerts are snoozed, because snoozing silences notifications but must not hide a broken
 * pipeline from the one glance the user still gives the tray; everything milder shows the paused
 * icon so the user sees that they will not be told.
 */
function trayIcon(state: StateSnapshot, snoozedUntil: number | null | undefined): TrayIconName {
  if (state.offline) return 'unknown';
  if (state.overall === 'critical') return 'critical';
  if (snoozedUntil !== undefined) return 'snoozed';
  return state.overall;
}

function activeSnooze(state: StateSnapshot): number | null | undefined {
  const until = state.alerts.snoozedUntil;
  if (until === undefined || (until !== null && until <= state.now)) return undefined;
  return until;
}

// ── tooltip ─────────────────────────────────────────────────────────────────

function tooltip(state: StateSnapshot, snoozedUntil: number | null | undefined, f: Formatters): string {
  const prefix = 'Solvewatch — ';
  if (state.monitors.length === 0) return `${prefix}No monitors yet — open Settings`;
  // Ordered as shown; when too long for Windows, the least important parts go first.
  const parts: { text: string; priority: number }[] = [];
  if (state.offline) parts.push({ text: 'offline', priority: 0 });
  const counts: [MonitorState, string][] = [
    ['ok', 'up'],
    ['warning', state.counts.warning === 1 ? 'warning' : 'warnings'],
    ['critical', 'critical'],
    ['unknown', 'unknown'],
  ];
  for (const [s, word] of counts) {
    if (state.counts[s] > 0) parts.push({ text: `${f.integer(state.counts[s])} ${word}`, priority: 1 });
  }
  const enabled = state.monitors.filter((m) => m.enabled).length;
  if (enabled === 0) parts.push({ text: 'all monitors paused', priority: 1 });
  const balance = lowestBalance(state.monitors);
  if (balance) parts.push({ text: `balance ${f.money(balance.amount, balance.currency)}`, priority: 4 });
  if (snoozedUntil !== undefined)
    parts.push({ text: snoozeText('alerts snoozed', snoozedUntil, state.now, f), priority: 2 });
  if (state.alerts.brokenChannels.length > 0) {
    parts.push({ text: `${state.alerts.brokenChannels.join(', ')} alerts failing`, priority: 3 });
  }
  const join = () => prefix + parts.map((p) => p.text).join(' · ');
  while (join().length > MAX_TOOLTIP_LENGTH && parts.length > 1) {
    const least = parts.reduce((a, b) => (b.priority >= a.priority ? b : a));
    parts.splice(parts.indexOf(least), 1);
  }
  return truncate(join(), MAX_TOOLTIP_LENGTH);
}

function lowestBalance(monitors: MonitorStatus[]): { amount: number; currency: string } | null {
  let lowest: { amount: number; currency: string } | null = null;
  for (const m of monitors) {
    if (!m.enabled || m.type !== 'balance') continue;
    const amount = m.values.balance;
    if (typeof amount !== 'number' || !Number.isFinite(amount)) continue;
    if (lowest === null || amount < lowest.amount) lowest = { amount, currency: currencyOf(m) };
  }
  return lowest;
}

// ── menu ────────────────────────────────────────────────────────────────────

function menu(
  state: StateSnapshot,
  snoozedUntil: number | null | undefined,
  context: TrayContext,
  f: Formatters,
): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  if (state.offline) items.push(info(`Offline: ${state.offline.reason}`));
  if (state.monitors.length === 0) items.push(info('No monitors yet — open Settings'));
  const ordered = [...state.monitors].sort(byUrgency);
  for (const m of ordered.slice(0, MAX_MONITOR_LINES)) items.push(monitorLine(m, state.now, f));
  if (ordered.length > MAX_MONITOR_LINES) {
    const more = ordered.length - MAX_MONITOR_LINES;
    items.push({
      type: 'item',
      label: `… and ${more} more`,
      enabled: true,
      action: { kind: 'open-dashboard' },
    });
  }
  for (const line of maintenanceLines(state, f)) items.push(info(bounded(line)));
  for (const channel of state.alerts.brokenChannels) {
    items.push(info(bounded(`⚠ ${channel} notifications are failing — see Settings`)));
  }
  items.push({ type: 'separator' });
  items.push({
    type: 'item',
    label: 'Check all now',
    enabled: state.monitors.some((m) => m.enabled),
    action: { kind: 'check-all' },
  });
  items.push(snoozeMenu(state.now, snoozedUntil, f));
  items.push({ type: 'separator' });
  items.push({ type: 'item', label: 'Open dashboard', enabled: true, action: { kind: 'open-dashboard' } });
  items.push({ type: 'item', label: 'Settings…', enabled: true, action: { kind: 'open-settings' } });
  if (context.startAtLogin !== null) {
    items.push({
      type: 'checkbox',
      label: 'Start at login',
      checked: context.startAtLogin,
      action: { kind: 'toggle-start-at-login' },
    });
  }
  items.push({ type: 'separator' });
  items.push({ type: 'item', label: 'Quit Solvewatch', enabled: true, action: { kind: 'quit' } });
  return items;
}

function info(label: string): TrayMenuItem {
  return { type: 'item', label: escapeMnemonics(label), enabled: false, action: null };
}

/** Worst first so a problem is never hidden below the cap; paused monitors last; then by name. */
function byUrgency(a: MonitorStatus, b: MonitorStatus): number {
  const rank = (m: MonitorStatus) => (m.enabled ? SEVERITY[m.state] : 4);
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

function monitorLine(m: MonitorStatus, now: number, f: Formatters): TrayMenuItem {
  const word = m.enabled ? STATE_WORD[m.state] : 'Paused';
  // A held monitor's own reading is expected to fail; what the user needs is why it stays quiet.
  const detail = !m.enabled
    ? null
    : m.heldBy
      ? `held: ${m.heldBy} is down`
      : m.maintenance
        ? 'Maintenance'
        : lastValue(m, now, f);
  const suffix = ` — ${word}${detail ? ` · ${truncate(detail, 28)}` : ''}`;
  const name = truncate(m.name, Math.max(12, MAX_LABEL_LENGTH - suffix.length));
  return {
    type: 'item',
    label: escapeMnemonics(bounded(name + suffix)),
    enabled: true,
    action: { kind: 'open-monitor', monitorId: m.id },
    icon: m.enabled ? m.state : 'snoozed',
  };
}

/**
 * The monitor's last reading in its own unit; the failure reason when the check failed. Readings are
 * coarse (latency in tens of ms, heartbeat age in minutes) so the menu is not rebuilt for jitter.
 */
function lastValue(m: MonitorStatus, now: number, f: Formatters): string | null {
  if (m.lastCheck === null) return null;
  if (m.sampleStatus === 'down' || m.sampleStatus === 'unknown') return m.error ?? checkWords(m, f.locale);
  const v = m.values;
  switch (m.type) {
    case 'http':
    case 'tcp':
      return m.latencyMs === null ? checkWords(m, f.locale) : f.latency(m.latencyMs);
    case 'balance':
      return typeof v.balance === 'number' ? f.money(v.balance, currencyOf(m)) : checkWords(m, f.locale);
    case 'callback-health': {
      const rate = v.error_rate;
      return typeof rate === 'number' ? `${f.percent(rate)} errors` : checkWords(m, f.locale);
    }
    case 'heartbeat': {
      const since = v.seconds_since_beat;
      if (typeof since !== 'number') return checkWords(m, f.locale);
      return `beat ${f.age(since + Math.max(0, now - m.lastCheck) / 1000)} ago`;
    }
    case 'pipeline': {
      const rate = v.success_rate;
      return typeof rate === 'number' ? `${f.percent(rate)} solved` : m.summary;
    }
  }
  // An OK summary carries no condition: it is the monitor's own reading.
  return m.state === 'ok' ? m.summary : checkWords(m, f.locale);
}

function snoozeMenu(now: number, snoozedUntil: number | null | undefined, f: Formatters): TrayMenuItem {
  const snoozed = snoozedUntil !== undefined;
  const items: TrayMenuItem[] = [];
  if (snoozed) items.push(info(snoozeText('Snoozed', snoozedUntil, now, f)));
  for (const choice of SNOOZE_CHOICES) {
    items.push({
      type: 'item',
      label: choice.label,
      enabled: true,
      action: { kind: 'snooze', minutes: choice.minutes },
    });
  }
  items.push({ type: 'separator' });
  items.push({ type: 'item', label: 'Resume alerts', enabled: snoozed, action: { kind: 'resume' } });
  return { type: 'submenu', label: snoozed ? 'Alerts snoozed' : 'Snooze alerts', items };
}

/** The windows under way (alerts recorded, not sent) and the next one. */
function maintenanceLines(state: StateSnapshot, f: Formatters): string[] {
  const m = state.maintenance;
  if (!m) return [];
  const lines = m.active.map((w) => `Maintenance: ${w.name} until ${f.time(w.end, state.now)}`);
  if (m.next) lines.push(`Next maintenance: ${m.next.name} at ${f.time(m.next.start, state.now)}`);
  return lines;
}

function snoozeText(lead: string, until: number | null, now: number, f: Formatters): string {
  return until === null ? `${lead} until resumed` : `${lead} until ${f.time(until, now)}`;
}

// ── text ────────────────────────────────────────────────────────────────────

function currencyOf(m: MonitorStatus): string {
  const c = m.values.currency;
  return typeof c === 'string' && c.trim() !== '' ? c.trim() : '$';
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

function bounded(label: string): string {
  return truncate(label, MAX_LABEL_LENGTH);
}

function escapeMnemonics(label: string): string {
  return label.replaceAll('&', '&&');
}

interface Formatters {
  locale: string;
  money(amount: number, currency: string): string;
  integer(value: number): string;
  /** Rounded to tens of ms. */
  latency(ms: number): string;
  percent(ratio: number): string;
  /** Whole minutes at least: "< 1 min", "4 min", "3 h". */
  age(seconds: number): string;
  /** A time of day, with the weekday when it is not today. */
  time(at: number, now: number): string;
}

function formatters(context: TrayContext): Formatters {
  const locale = context.locale ?? 'en-US';
  const timeZone = context.timeZone;
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const clock = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone });
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone });
  const date = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  });
  return {
    locale,
    money(amount, currency) {
      // An ISO code ("USD", "EUR") gets the locale's own symbol and placement; anything else ("$", "₽") is a prefix.
      if (/^[A-Z]{3}$/.test(currency)) {
        return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
      }
      return /^[A-Za-z]{2,}$/.test(currency)
        ? `${decimal.format(amount)} ${currency}`
        : `${currency}${decimal.format(amount)}`;
    },
    integer: (value) => integer.format(value),
    latency: (ms) => (ms < 10 ? '< 10 ms' : `${integer.format(Math.round(ms / 10) * 10)} ms`),
    percent: (ratio) => percent.format(ratio),
    age(seconds) {
      const s = Math.max(0, Math.round(seconds));
      if (s < 60) return '< 1 min';
      if (s < 7200) return `${Math.round(s / 60)} min`;
      if (s < 172_800) return `${Math.round(s / 3600)} h`;
      return `${Math.round(s / 86_400)} days`;
    },
    time(at, now) {
      const sameDay = date.format(at) === date.format(now);
      return sameDay ? clock.format(at) : `${day.format(at)} ${clock.format(at)}`;
    },
  };
}
