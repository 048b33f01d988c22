import type { FiringAlert, RuleResult, SnoozeState, SnoozeUntil } from '../../api/alert-types.ts';
import { type Config, type MonitorConfig, monitorLabel, type RuleSeverity } from '../../api/config-schema.ts';
import type { AlertEvent } from '../../api/history-types.ts';
import type { MonitorState } from '../../api/monitor-state.ts';
import type { AlertNotice, NoticeKind } from '../../api/notification-types.ts';
import { outageLength, worstRule } from '../../api/plain-words.ts';
import type { SampleValue } from '../../api/sample-values.ts';
import type { Clock } from '../clock.ts';
import type { ConnectivityChange } from '../connectivity/connectivity.ts';
import { monitorUrl } from '../monitors/monitor-status.ts';
import type { Rule } from '../rules/default-rules.ts';
import type { Evaluation } from '../rules/evaluate-rules.ts';
import { evaluationWords } from '../rules/evaluation-words.ts';
import type { Sample } from '../sample.ts';
import {
  type AlertSettings,
  type AlertState,
  type AnnouncedSeverity,
  initialAlertState,
  stepAlert,
  type TransitionKind,
} from './alert-state.ts';
import { type DependencyView, failingDependents, heldSentence, holdingParent } from './dependency-hold.ts';
import { expireSnoozes, isMuted, isSnoozeState, resume, snooze } from './snooze.ts';

/** One finished check, as the alert layer sees it. */
export interface CheckResult {
  monitor: MonitorConfig;
  rules: readonly Rule[];
  sample: Sample;
  evaluation: Evaluation;
}

/** What one check changed in the alerts: a transition to record, and a notice to tell, if any. */
export interface AlertOutcome {
  event: AlertEvent | null;
  notice: AlertNotice | null;
}

export interface AlertingOptions {
  clock: Clock;
  config: () => Config;
  /** The recorded transitions of a monitor, newest first (from the history). */
  recordedEvents: (monitorId: string, from: number, to: number, limit: number) => AlertEvent[];
  /** Whether a maintenance window covers the monitor now: its transitions are recorded, not told. */
  inMaintenance?: (monitorId: string, now: number) => boolean;
}

interface Entry {
  alert: AlertState;
  monitor: MonitorConfig;
  worst: RuleResult | null;
  /** The last trouble in plain words, and the resolved condition behind it. */
  summary: string;
  detail: string;
  /** The state the last check was judged in (unknown before one). */
  observed: MonitorState;
  /** The sample's values when the alert fired, for the recovery message. */
  firedValues?: Record<string, SampleValue>;
}

const QUIET = '.quiet';
const rank: Record<RuleSeverity, number> = { warning: 1, critical: 2 };

/**
 * Keeps each monitor's alert state and turns check results into the transitions to record and the
 * notices to tell. Decisions are `stepAlert`'s; recording and sending are the effect writer's.
 */
export class Alerting {
  private readonly entries = new Map<string, Entry>();
  private snoozes: SnoozeState = { monitors: {} };
  private readonly options: AlertingOptions;

  constructor(options: AlertingOptions) {
    this.options = options;
  }

  /** Rebuilds alert states from the recorded transitions, so a restart neither repeats nor forgets alerts. */
  restore(monitors: readonly MonitorConfig[], snoozes?: unknown): void {
    const now = this.options.clock.now();
    if (isSnoozeState(snoozes)) this.snoozes = expireSnoozes(snoozes, now);
    for (const m of monitors) {
      const events = this.options.recordedEvents(m.id, now - 30 * 86_400_000, now, 50);
      const latest = events[0];
      if (!latest) continue;
      const toldEvent = events.find((e) => !e.kind.endsWith(QUIET));
      const told: AnnouncedSeverity =
        toldEvent && baseKind(toldEvent.kind) !== 'resolved'
          ? (toldEvent.severity as AnnouncedSeverity)
          : 'ok';
      const fired = events.find((e) => baseKind(e.kind) === 'fired');
      if (baseKind(latest.kind) === 'resolved') {
        // Recovered while snoozed: still owed a "recovered" once the snooze ends.
        if (told === 'ok') continue;
        this.entries.set(m.id, {
          monitor: m,
          worst: null,
          detail: '',
          observed: 'unknown',
          summary: (events.find((e) => baseKind(e.kind) !== 'resolved')?.message ?? '').replace(
            / \((snoozed|maintenance)\)$/,
            '',
          ),
          alert: {
            ...initialAlertState,
            told,
            toldAt: toldEvent?.time ?? null,
            breachedAt: fired?.time ?? null,
            recoveredAt: latest.time,
          },
        });
        continue;
      }
      this.entries.set(m.id, {
        monitor: m,
        worst: null,
        detail: '',
        observed: 'unknown',
        summary: latest.message,
        alert: {
          ...initialAlertState,
          phase: 'firing',
          severity: latest.severity === 'warning' ? 'warning' : 'critical',
          firedAt: fired?.time ?? latest.time,
          breachedAt: fired?.time ?? latest.time,
          told,
          toldAt: toldEvent?.time ?? null,
        },
      });
    }
  }

  handleCheck(result: CheckResult): AlertOutcome {
    const { monitor, evaluation } = result;
    const now = result.sample.time;
    this.snoozes = expireSnoozes(this.snoozes, now);
    const entry = this.entries.get(monitor.id) ?? {
      alert: initialAlertState,
      monitor,
      worst: null,
      summary: '',
      detail: '',
      observed: 'unknown',
    };
    const snoozed = isMuted(this.snoozes, monitor.id, now);
    const holder = holdingParent(monitor.dependsOn, this.view);
    const maintained = this.inMaintenance(monitor.id, now);
    const muted = snoozed || maintained || holder !== null;
    const before = entry.alert;
    const { state, transition } = stepAlert(before, evaluation.state, now, this.settings(monitor), muted);
    const ok = evaluation.state === 'ok';
    // A steady ok check changes nothing here: no words to build, the entry stays as it is.
    if (ok && !transition && state === before && entry.observed === 'ok' && entry.monitor === monitor) {
      return { event: null, notice: null };
    }
    const worst = worstRule(evaluation.results);
    const currency = monitor.type === 'balance' ? monitor.currency : null;
    const words = ok && !transition ? '' : evaluationWords(evaluation, result.sample, monitor);
    this.entries.set(monitor.id, {
      alert: state,
      monitor,
      worst: evaluation.state === 'ok' ? entry.worst : worst,
      summary: evaluation.state === 'ok' ? entry.summary : words,
      detail: evaluation.state === 'ok' ? entry.detail : conditionDetail(worst, result.sample.error),
      observed: evaluation.state,
      firedValues: transition?.kind === 'fired' ? result.sample.values : entry.firedValues,
    });
    if (!transition) return { event: null, notice: null };
    const ruleId = worst?.ruleId ?? entry.worst?.ruleId ?? 'down';
    const resolved = transition.kind === 'resolved';
    // From the first breaching check of the incident, not from when the alert fired.
    const lasted = resolved
      ? outageLength((state.recoveredAt ?? now) - (before.breachedAt ?? before.firedAt ?? now))
      : '';
    const message = resolved ? `Back to normal after ${lasted} (was: ${entry.summary})` : words;
    const event: AlertEvent = {
      monitorId: monitor.id,
      ruleId,
      time: now,
      kind: transition.notify ? transition.kind : `${transition.kind}${QUIET}`,
      severity: transition.severity,
      message: holder
        ? `held: ${holder.name} is down`
        : snoozed
          ? `${message} (snoozed)`
          : maintained
            ? `${message} (maintenance)`
            : message,
    };
    if (!transition.notify) return { event, notice: null };
    const shown = resolved ? entry.worst : worst;
    const detail = resolved ? entry.detail : conditionDetail(worst, result.sample.error);
    const held =
      transition.severity === 'critical'
        ? failingDependents(monitor.id, this.options.config().monitors, this.view)
        : [];
    const notice: AlertNotice = {
      kind: noticeKind(transition.kind, shown),
      severity: transition.severity === 'ok' ? 'ok' : transition.severity,
      monitorId: monitor.id,
      monitorName: monitorLabel(monitor),
      monitorType: monitor.type,
      ruleId: shown?.ruleId ?? null,
      ruleName: shown?.name ?? null,
      summary: resolved
        ? `back to normal after ${lasted} (was: ${detail || entry.summary})`
        : held.length > 0
          ? `${evaluation.summary} — ${heldSentence(held)}`
          : evaluation.summary,
      words: !resolved && held.length > 0 ? `${message} — ${heldSentence(held)}` : message,
      ...(detail && { detail }),
      // A heartbeat's push path means nothing to a reader elsewhere (the engine does not know the origin).
      url: monitor.type === 'heartbeat' ? null : monitorUrl(monitor),
      values: result.sample.values,
      ...(transition.kind === 'resolved' && entry.firedValues && { firedValues: entry.firedValues }),
      threshold: result.rules.find((r) => r.id === shown?.ruleId)?.threshold ?? null,
      currency,
      since: resolved ? now : (state.firedAt ?? now),
      time: now,
    };
    if (held.length > 0) notice.held = held;
    return { event, notice };
  }

  /** While this monitor fails, the name of the monitor whose critical state holds its alerts, if any. */
  heldBy(monitorId: string): string | null {
    const e = this.entries.get(monitorId);
    if (e === undefined || e.observed === 'ok' || e.observed === 'unknown') return null;
    return holdingParent(e.monitor.dependsOn, this.view)?.name ?? null;
  }

  private readonly view = (id: string): DependencyView | undefined => {
    const e = this.entries.get(id);
    return e && { name: monitorLabel(e.monitor), observed: e.observed, alert: e.alert };
  };

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
        muted: isMuted(this.snoozes, id, now) || this.inMaintenance(id, now),
        heldBy: holdingParent(e.monitor.dependsOn, this.view)?.name ?? null,
      });
    }
    return list.sort((a, b) => rank[b.severity] - rank[a.severity] || a.since - b.since);
  }

  /** Whether a maintenance window covers this monitor now. */
  inMaintenance(monitorId: string, now = this.options.clock.now()): boolean {
    return this.options.inMaintenance?.(monitorId, now) ?? false;
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

/** The resolved condition behind the words; none for a failed check, whose reason already says it all. */
function conditionDetail(worst: RuleResult | null, error: string | undefined): string {
  if (!worst || (worst.ruleId === 'down' && error)) return '';
  return worst.resolved;
}

function noticeKind(kind: TransitionKind, rule: RuleResult | null): NoticeKind {
  if (kind === 'resolved') return 'recovered';
  if (kind !== 'fired') return kind === 'reminder' ? 'reminder' : kind;
  if (rule?.ruleId === 'balance-low' || rule?.ruleId === 'balance-critical') return 'balance-low';
  if (rule?.ruleId === 'error-rate') return 'error-rate';
  return rule?.severity === 'warning' ? 'degraded' : 'down';
}

/** Offline and back online: one desktop notice each, never per monitor, never to Discord. */
export function connectivityNotice(change: ConnectivityChange, now: number): AlertNotice {
  return {
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
}
