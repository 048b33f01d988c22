import type { MonitorType } from './config-schema.ts';
import type { SampleValue } from './sample-values.ts';

/** Colours of a notice: alert severities, recovery (`ok`) and neutral information. */
export type NoticeSeverity = 'critical' | 'warning' | 'ok' | 'info';

export type NoticeKind =
  | 'down' // monitor critical (unreachable, unhealthy, key rejected…)
  | 'degraded' // monitor warning
  | 'balance-low'
  | 'error-rate'
  | 'escalated' // warning → critical
  | 'deescalated' // critical → warning (an update, not a new alert)
  | 'reminder' // still firing after the cooldown
  | 'recovered'
  | 'offline'
  | 'online'
  | 'test';

/** One alert transition, already rendered into words (the notifiers only lay it out). */
export interface AlertNotice {
  kind: NoticeKind;
  severity: NoticeSeverity;
  monitorId: string;
  monitorName: string;
  monitorType: MonitorType | null;
  ruleId: string | null;
  ruleName: string | null;
  /** The resolved condition or reason: "[BALANCE] (8.42) < 10", "connection refused by 127.0.0.1:9". */
  summary: string;
  /** The same in plain words ("Balance $8.42 — below the $10.00 warning"); surfaces lead with it, the summary is its detail. */
  words?: string;
  /** The resolved condition behind the words (`[BALANCE] (8.42) < 10`), shown as a detail; absent when there is none. */
  detail?: string;
  /** Redacted target URL, when the monitor has one. */
  url: string | null;
  /** The measurements of the sample that caused it (balance, error_rate, error_breakdown…). */
  values: Record<string, SampleValue>;
  /** On a recovery: the measurements when the alert fired ("Solve rate recovered: 77.5% → 96.0%"). */
  firedValues?: Record<string, SampleValue>;
  /** The configured threshold of the breached rule, when it has one (balance alerts show it). */
  threshold: number | null;
  currency: string | null;
  /** When the monitor entered this state (epoch ms). */
  since: number;
  time: number;
  /** Names of the dependent monitors whose alerts this one holds (a parent's critical alert). */
  held?: string[];
}

export interface MonitorDaySummary {
  monitorId: string;
  monitorName: string;
  monitorType: MonitorType;
  checks: number;
  uptime: number | null;
  latencyAvgMs: number | null;
  incidents: number;
  balance: number | null;
  spend24h: number | null;
}

/** The day of the pipeline monitors, from their events (seed 001's daily summary). */
export interface PipelineDaySummary {
  tasks: number;
  completed: number;
  failed: number;
  successRate: number | null;
  solveAvgMs: number | null;
  /** The sum of reported costs; null when none were reported. */
  cost: number | null;
  peakQueue: number | null;
}

export interface DailySummary {
  from: number;
  to: number;
  checks: number;
  /** Share of checks that passed, 0..1 (null without checks). */
  successRate: number | null;
  latencyAvgMs: number | null;
  incidents: number;
  balance: number | null;
  spend24h: number | null;
  currency: string;
  monitors: MonitorDaySummary[];
  /** Present when a pipeline monitor reported results in the day. */
  pipeline?: PipelineDaySummary;
}

/** What goes through the outbox: grouped notices of one moment, or a daily summary. */
export type Notification =
  | { type: 'alerts'; id: string; createdAt: number; notices: AlertNotice[] }
  | { type: 'summary'; id: string; createdAt: number; summary: DailySummary };

/** How a channel answered one attempt; the outbox decides what happens next. */
export type DeliveryResult =
  | { outcome: 'delivered'; status: number }
  /** Try again later: after `retryAfterMs` when the server said so (429), else with backoff. */
  | { outcome: 'retry'; status: number | null; error: string; retryAfterMs: number | null }
  /** Never retry this message (e.g. 400); `detail` keeps the server's error body. */
  | { outcome: 'rejected'; status: number; error: string; detail: string | null }
  /** The channel itself is gone or unauthorised (401/403/404): stop until its config changes. */
  | { outcome: 'broken'; status: number; error: string; detail: string | null };
