import { randomUUID } from 'node:crypto';
import type { FiringAlert, RuleResult, SnoozeState, SnoozeUntil } from '../../api/alert-types.ts';
import { type Config, type MonitorConfig, monitorLabel, type RuleSeverity } from '../../api/config-schema.ts';
import type { AlertNotice, NoticeKind, Notification } from '../../api/notification-types.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import type { CheckResult, ConnectivityChange } from '../engine.ts';
import type { History } from '../history/history.ts';
import { monitorUrl } from '../monitor-status.ts';
import {
  type AlertSettings,
  type AlertState,
  initialAlertState,
  stepAlert,
  type Told,
  type TransitionKind,
} from './alert-state.ts';
import { expireSnoozes, isMuted, isSnoozeState, resume, snooze } from './snooze.ts';

export interface AlertingOptions {
  clock: Clock;
  history: History;
  config: () => Config;
  /** Hands a grouped notification to the outbox for these channels. */
  deliver: (notification: Notification, channels: 'all' | 'desktop') => void;
  log?: (line: string) => void;
}

interface Entry {
  alert: AlertState;
  monitor: MonitorConfig;
  worst: RuleResult | null;
  summary: string;
}

const QUIET = '.quiet';
const rank: Record<RuleSeverity, number> = { warning: 1, critical: 2 };

/**
 * Turns the engine's check results into alert transitions, records every one, and groups the ones a
 * user should hear about into one notification per short window. Decisions are `stepAlert`'s.
 */
export class Alerting {
  private readonly entries = new Map<string, Entry>();
  private snoozes: SnoozeState = { monitors: {} };
  private buffer: AlertNotice[] = [];
  private flushTimer: TimerHandle | null = null;
  private readonly options: AlertingOptions;

  constructor(options: AlertingOptions) {
    this.options = options;
  }

  /** Rebuilds alert states from the recorded transitions, so a restart neither repeats nor forgets alerts. */
  restore(monitors: readonly MonitorConfig[], snoozes?: unknown): void {
    const now = this.options.clock.now();
    if (isSnoozeState(snoozes)) this.snoozes = expireSnoozes(snoozes, now);
    for (const m of monitors) {
      const events = this.options.history.alertEvents(m.id, now - 30 * 86_400_000, now, 50);
      const latest = events[0];
      if (!latest || baseKind(latest.kind) === 'resolved') continue;
      const toldEvent = events.find((e) => !e.kind.endsWith(QUIET));
      const told: Told =
        toldEvent && baseKind(toldEvent.kind) !== 'resolved' ? (toldEvent.severity as Told) : 'ok';
      const fired = events.find((e) => baseKind(e.kind) === 'fired');
      this.entries.set(m.id, {
        monitor: m,
        worst: null,
        summary: latest.message,
        alert: {
          ...initialAlertState,
          phase: 'firing',
          severity: latest.severity === 'warning' ? 'warning' : 'critical',
          firedAt: fired?.time ?? latest.time,
          told,
          toldAt: toldEvent?.time ?? null,
        },
      });
    }
  }

  handleCheck(result: CheckResult): void {
    const { monitor, evaluation } = result;
    const now = result.sample.time;
    this.snoozes = expireSnoozes(this.snoozes, now);
    const entry = this.entries.get(monitor.id) ?? {
      alert: initialAlertState,
      monitor,
      worst: null,
      summary: '',
    };
    const muted = isMuted(this.snoozes, monitor.id, now);
    const before = entry.alert;
    const { state, transition } = stepAlert(before, evaluation.state, now, this.settings(monitor), muted);
    const worst = worstBreached(evaluation.results);
    this.entries.set(monitor.id, {
      alert: state,
      monitor,
      worst: evaluation.state === 'ok' ? entry.worst : worst,
      summary: evaluation.state === 'ok' ? entry.summary : evaluation.summary,
    });
    if (!transition) return;
    const ruleId = worst?.ruleId ?? entry.worst?.ruleId ?? 'down';
    const message = transition.kind === 'resolved' ? `recovered: ${evaluation.summary}` : evaluation.summary;
    this.options.history.addAlertEvent({
      monitorId: monitor.id,
      ruleId,
      time: now,
      kind: transition.notify ? transition.kind : `${transition.kind}${QUIET}`,
      severity: transition.severity,
      message: muted ? `${message} (snoozed)` : message,
    });
    if (!transition.notify) return;
    const shown = transition.kind === 'resolved' ? entry.worst : worst;
    this.push({
      kind: noticeKind(transition.kind, shown),
      severity: transition.severity === 'ok' ? 'ok' : transition.severity,
      monitorId: monitor.id,
      monitorName: monitorLabel(monitor),
      monitorType: monitor.type,
      ruleId: shown?.ruleId ?? null,
      ruleName: shown?.name ?? null,
      summary:
        transition.kind === 'resolved'
          ? `back to normal after ${duration(now - (before.firedAt ?? now))} (was: ${entry.summary})`
          : evaluation.summary,
      url: monitorUrl(monitor),
      values: result.sample.values,
      threshold: shown ? thresholdOf(monitor, shown.ruleId) : null,
      currency: monitor.type === 'balance' ? monitor.currency : null,
      since: transition.kind === 'resolved' ? now : (state.firedAt ?? now),
      time: now,
    });
  }

  /** Offline and back online: one desktop notice each, never per monitor, never to Discord. */
  handleConnectivity(change: ConnectivityChange): void {
    const now = this.options.clock.now();
    const notice: AlertNotice = {
      kind: change.offline ? 'offline' : 'online',
      severity: change.offline ? 'warning' : 'info',
      monitorId: '',
      monitorName: 'Solvewatch',
      monitorType: null,
      ruleId: null,
      ruleName: null,
      summary: change.offline
        ? `This computer seems to be offline: ${change.reason}. Monitors show "unknown" until it is back.`
        : 'The network is back; checking every monitor now.',
      url: null,
      values: {},
      threshold: null,
      currency: null,
      since: change.since,
      time: now,
    };
    this.options.deliver({ type: 'alerts', id: randomUUID(), createdAt: now, notices: [notice] }, 'desktop');
  }

  /** After sleep, a half-counted breach or recovery streak is stale: start counting afresh. */
  handleClockJump(): void {
    for (const e of this.entries.values()) {
      e.alert = {
        ...e.alert,
        phase: e.alert.phase === 'pending' ? 'ok' : e.alert.phase,
        badStreak: 0,
        goodStreak: 0,
      };
    }
  }

  /** Drops alert state of monitors that are gone from the config. */
  retain(monitorIds: ReadonlySet<string>): void {
    // Disabled monitors are passed in as absent: their alerts end with them.
    for (const id of this.entries.keys()) if (!monitorIds.has(id)) this.entries.delete(id);
    for (const id of Object.keys(this.snoozes.monitors))
      if (!monitorIds.has(id)) this.snoozes = resume(this.snoozes, id);
  }

  firing(): FiringAlert[] {
    const now = this.options.clock.now();
    const list: FiringAlert[] = [];
    for (const [id, e] of this.entries) {
      if (e.alert.phase !== 'firing' || !e.alert.severity) continue;
      list.push({
        monitorId: id,
        monitorName: monitorLabel(e.monitor),
        severity: e.alert.severity,
        since: e.alert.firedAt ?? now,
        summary: e.summary,
        ruleId: e.worst?.ruleId ?? null,
        ruleName: e.worst?.name ?? null,
        notified: e.alert.told !== 'ok',
        muted: isMuted(this.snoozes, id, now),
      });
    }
    return list.sort((a, b) => rank[b.severity] - rank[a.severity] || a.since - b.since);
  }

  /** Whether an alert is still firing: reminders for resolved alerts are dropped, not sent late. */
  isFiring(monitorId: string): boolean {
    return this.entries.get(monitorId)?.alert.phase === 'firing';
  }

  snoozeState(): SnoozeState {
    this.snoozes = expireSnoozes(this.snoozes, this.options.clock.now());
    return this.snoozes;
  }

  snooze(monitorId: string | null, until: SnoozeUntil): SnoozeState {
    this.snoozes = snooze(this.snoozes, monitorId, until);
    return this.snoozes;
  }

  resume(monitorId: string | null): SnoozeState {
    this.snoozes = resume(this.snoozes, monitorId);
    return this.snoozes;
  }

  /** Sends whatever is buffered now (used at shutdown). */
  flush(): void {
    if (this.flushTimer) this.options.clock.clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.buffer.length === 0) return;
    const notices = this.buffer;
    this.buffer = [];
    const now = this.options.clock.now();
    // Transitions reach the disk before their message is queued, so a crash can't make a restart re-fire them.
    this.options.history.flush();
    this.options.deliver({ type: 'alerts', id: randomUUID(), createdAt: now, notices }, 'all');
  }

  private push(notice: AlertNotice): void {
    this.buffer.push(notice);
    const windowMs = this.options.config().notifications.groupWindowSeconds * 1000;
    if (windowMs === 0) {
      this.flush();
      return;
    }
    this.flushTimer ??= this.options.clock.setTimeout(() => this.flush(), windowMs);
  }

  private settings(m: MonitorConfig): AlertSettings {
    const a = this.options.config().alerts;
    return {
      failThreshold: m.failThreshold ?? a.failThreshold,
      recoverThreshold: m.recoverThreshold ?? a.recoverThreshold,
      cooldownMs: (m.cooldownSeconds ?? a.cooldownSeconds) * 1000,
    };
  }
}

const baseKind = (kind: string) =>
  (kind.endsWith(QUIET) ? kind.slice(0, -QUIET.length) : kind) as TransitionKind;

function worstBreached(results: readonly RuleResult[]): RuleResult | null {
  let worst: RuleResult | null = null;
  for (const r of results) if (r.breached && (!worst || rank[r.severity] > rank[worst.severity])) worst = r;
  return worst;
}

function noticeKind(kind: TransitionKind, rule: RuleResult | null): NoticeKind {
  if (kind === 'resolved') return 'recovered';
  if (kind !== 'fired') return kind === 'reminder' ? 'reminder' : kind;
  if (rule?.ruleId === 'balance-low' || rule?.ruleId === 'balance-critical') return 'balance-low';
  if (rule?.ruleId === 'error-rate') return 'error-rate';
  return rule?.severity === 'warning' ? 'degraded' : 'down';
}

function thresholdOf(m: MonitorConfig, ruleId: string): number | null {
  switch (m.type) {
    case 'balance':
      return ruleId === 'balance-low' ? m.warnBelow : ruleId === 'balance-critical' ? m.criticalBelow : null;
    case 'http':
      return ruleId === 'latency'
        ? m.latencyWarnMs
        : ruleId === 'latency-critical'
          ? m.latencyCriticalMs
          : null;
    case 'callback-health':
      if (ruleId === 'error-rate') return m.errorRateCritical;
      if (ruleId === 'p95-latency') return m.p95WarnMs;
      if (ruleId === 'stale') return m.staleWarnSeconds;
      return ruleId === 'delivery-rate' ? m.deliveryRateCritical : null;
    default:
      return null;
  }
}

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}
