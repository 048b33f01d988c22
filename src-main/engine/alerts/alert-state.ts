import type { RuleSeverity } from '../../api/config-schema.ts';
import type { MonitorState } from '../../api/monitor-state.ts';

export interface AlertSettings {
  failThreshold: number;
  recoverThreshold: number;
  cooldownMs: number;
}

/** What the user was last told about a monitor: nothing wrong, or an alert of some severity. */
export type AnnouncedSeverity = 'ok' | RuleSeverity;

export interface AlertState {
  phase: 'ok' | 'pending' | 'firing';
  /** Current alert severity while firing. */
  severity: RuleSeverity | null;
  badStreak: number;
  goodStreak: number;
  firedAt: number | null;
  /** The first breaching check of the current (or last) incident: recoveries say how long it lasted. */
  breachedAt: number | null;
  /** When the last incident recovered; null while one is open. */
  recoveredAt: number | null;
  /** When a reminder was last recorded but not told (snoozed): such rows are kept to one per cooldown. */
  mutedReminderAt: number | null;
  told: AnnouncedSeverity;
  toldAt: number | null;
}

export const initialAlertState: AlertState = {
  phase: 'ok',
  severity: null,
  badStreak: 0,
  goodStreak: 0,
  firedAt: null,
  breachedAt: null,
  recoveredAt: null,
  mutedReminderAt: null,
  told: 'ok',
  toldAt: null,
};

export type TransitionKind = 'fired' | 'escalated' | 'deescalated' | 'reminder' | 'resolved';

export interface AlertTransition {
  kind: TransitionKind;
  severity: AnnouncedSeverity;
  /** False when the transition is only recorded: muted (snoozed), or held back by the cooldown. */
  notify: boolean;
}

const rank: Record<AnnouncedSeverity, number> = { ok: 0, warning: 1, critical: 2 };

/**
 * One check's effect on a monitor's alert: pure, so every path is table-tested.
 *
 * The user is told about a change of what they were last told (`told`): a new alert after
 * `failThreshold` breaching checks, an escalation at once, a recovery after `recoverThreshold` good
 * checks. Everything else — reminders, de-escalations, a re-fire right after a recovery (flapping) —
 * waits for the cooldown since the last message, so a flapping monitor cannot out-talk it. Muted
 * transitions are recorded but not told; once unmuted, whatever differs from `told` is told once.
 */
export function stepAlert(
  state: AlertState,
  observed: MonitorState,
  now: number,
  settings: AlertSettings,
  muted = false,
): { state: AlertState; transition: AlertTransition | null } {
  // Unknown (offline, waiting for a first heartbeat) says nothing either way: hold everything.
  if (observed === 'unknown') return { state, transition: null };
  const cooled = state.toldAt === null || now - state.toldAt >= settings.cooldownMs;
  const tell = (s: AlertState, kind: TransitionKind, severity: AnnouncedSeverity, allowed: boolean) => {
    const notify = allowed && !muted;
    return {
      state: notify ? { ...s, told: severity, toldAt: now } : s,
      transition: { kind, severity, notify },
    };
  };

  if (observed === 'ok') {
    if (state.phase === 'pending')
      return { state: { ...state, phase: 'ok', badStreak: 0 }, transition: null };
    if (state.phase === 'ok') {
      // A recovery that happened while muted is told once the mute ends.
      if (state.told !== 'ok' && !muted) return tell(state, 'resolved', 'ok', true);
      return { state: state.badStreak ? { ...state, badStreak: 0 } : state, transition: null };
    }
    const goodStreak = state.goodStreak + 1;
    if (goodStreak < settings.recoverThreshold) return { state: { ...state, goodStreak }, transition: null };
    const resolved: AlertState = {
      ...state,
      phase: 'ok',
      severity: null,
      badStreak: 0,
      goodStreak: 0,
      firedAt: null,
      recoveredAt: now,
    };
    // Say "recovered" only to someone who heard about the alert.
    return tell(resolved, 'resolved', 'ok', state.told !== 'ok');
  }

  const severity: RuleSeverity = observed;
  if (state.phase !== 'firing') {
    const badStreak = state.badStreak + 1;
    const opened = state.badStreak === 0 ? { breachedAt: now, recoveredAt: null } : {};
    if (badStreak < settings.failThreshold) {
      return { state: { ...state, ...opened, phase: 'pending', badStreak, goodStreak: 0 }, transition: null };
    }
    const firing: AlertState = {
      ...state,
      ...opened,
      phase: 'firing',
      severity,
      badStreak,
      goodStreak: 0,
      firedAt: now,
    };
    return tell(firing, 'fired', severity, cooled);
  }

  const current: AlertState = { ...state, badStreak: state.badStreak + 1, goodStreak: 0, severity };
  const changed = state.severity !== severity;
  const changeKind: TransitionKind =
    rank[severity] > rank[state.severity ?? 'ok'] ? 'escalated' : 'deescalated';
  const record = (kind: TransitionKind) => ({
    state: current,
    transition: { kind, severity, notify: false },
  });
  // Firing but never told (muted, or held back right after a recovery): tell it once the cooldown allows.
  if (state.told === 'ok') {
    if (cooled && !muted) return tell(current, 'fired', severity, true);
    return changed ? record(changeKind) : { state: current, transition: null };
  }
  if (rank[severity] > rank[state.told]) return tell(current, 'escalated', severity, true);
  if (severity !== state.told) {
    return changed || cooled
      ? tell(current, 'deescalated', severity, cooled)
      : { state: current, transition: null };
  }
  if (changed) return record(changeKind);
  if (settings.cooldownMs > 0 && cooled) {
    if (!muted) return tell({ ...current, mutedReminderAt: null }, 'reminder', severity, true);
    // Snoozed: the last message stays as it was (so the reminder is due once the snooze ends), but one
    // recorded "not notified" row per cooldown is enough to show the alert is still on.
    const quietDue = state.mutedReminderAt === null || now - state.mutedReminderAt >= settings.cooldownMs;
    return quietDue
      ? tell({ ...current, mutedReminderAt: now }, 'reminder', severity, true)
      : { state: current, transition: null };
  }
  return { state: current, transition: null };
}
