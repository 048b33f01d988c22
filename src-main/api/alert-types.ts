import type { RuleSeverity } from './config-schema.ts';

export interface FiringAlert {
  monitorId: string;
  monitorName: string;
  severity: RuleSeverity;
  since: number;
  summary: string;
  ruleId: string | null;
  ruleName: string | null;
  /** False while the alert was not (yet) told: snoozed, or held back by the cooldown. */
  notified: boolean;
  muted: boolean;
  /** The monitor it depends on whose critical state holds this alert back, if any. */
  heldBy?: string | null;
}

/** A snooze ends at a time, or (null) only when the user resumes. */
export type SnoozeUntil = number | null;

export interface SnoozeState {
  global?: SnoozeUntil;
  monitors: Record<string, SnoozeUntil>;
}

export interface RuleResult {
  ruleId: string;
  name: string;
  severity: RuleSeverity;
  /** null = not applicable (a value the rule needs is missing). */
  breached: boolean | null;
  resolved: string;
  /** The configured number the rule compares with (plain words show it); absent for fixed and custom rules. */
  threshold?: number;
}
