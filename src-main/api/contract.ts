import { z } from 'zod';
import type { FiringAlert, RuleResult, SnoozeState } from './alert-types.ts';
import type { ConfigInput } from './config-schema.ts';
import type { ChannelStatus, DeliveryRecord } from './delivery-types.ts';
import type { FieldIssue } from './field-issues.ts';
import type {
  AlertEvent,
  HistoryWindow,
  PipelineHistory,
  Series,
  StateChange,
  WindowSummary,
} from './history-types.ts';
import type { MaintenanceWindow } from './maintenance-schema.ts';
import type { MonitorState } from './monitor-state.ts';
import type { DailySummary, DeliveryResult } from './notification-types.ts';
import type { SampleStatus, SampleValue } from './sample-values.ts';

/**
 * The one API contract. The engine implements `SolvewatchApi`; the HTTP server and the IPC
 * bridge are generated from `endpoints` and only carry requests. Every input is validated
 * with the schema listed here before it reaches the engine.
 */

const MonitorId = z.string().min(1).max(64);
const Window = z.enum(['1h', '24h', '7d', '30d']);

export const endpoints = {
  getState: { method: 'GET', path: '/api/state', input: z.strictObject({}) },
  getHistory: {
    method: 'GET',
    path: '/api/monitors/:id/history',
    input: z.strictObject({ id: MonitorId, window: Window.default('24h') }),
  },
  checkNow: { method: 'POST', path: '/api/check', input: z.strictObject({ id: MonitorId.optional() }) },
  getConfig: { method: 'GET', path: '/api/config', input: z.strictObject({}) },
  /** The config with its secrets' values, for an export file; only a host that allows it answers (the desktop app). */
  exportConfigWithSecrets: {
    method: 'POST',
    path: '/api/config/export-with-secrets',
    input: z.strictObject({
      /** The user confirmed that the file will hold their secrets in plain text. */
      confirmed: z.literal(true, 'must be true: the user confirms a file holding secrets in plain text'),
    }),
  },
  validateConfig: {
    method: 'POST',
    path: '/api/config/validate',
    input: z.strictObject({ config: z.unknown() }),
    bodyField: 'config',
  },
  saveConfig: {
    method: 'PUT',
    path: '/api/config',
    input: z.strictObject({ config: z.unknown() }),
    bodyField: 'config',
  },
  /** Some of the config's sections, each replaced whole; the monitors and the sections not sent stay as they are. */
  saveSettings: {
    method: 'PATCH',
    path: '/api/config',
    input: z.strictObject({
      settings: z.strictObject({
        alerts: z.unknown().optional(),
        notifications: z.unknown().optional(),
        history: z.unknown().optional(),
        engine: z.unknown().optional(),
        maintenance: z.unknown().optional(),
      }),
    }),
    bodyField: 'settings',
  },
  saveMonitor: {
    method: 'PUT',
    path: '/api/monitors/:id',
    input: z.strictObject({ id: MonitorId, monitor: z.unknown() }),
    bodyField: 'monitor',
  },
  removeMonitor: { method: 'DELETE', path: '/api/monitors/:id', input: z.strictObject({ id: MonitorId }) },
  testMonitor: {
    method: 'POST',
    path: '/api/monitors/test',
    input: z.strictObject({ monitor: z.unknown() }),
    bodyField: 'monitor',
  },
  getAlerts: {
    method: 'GET',
    path: '/api/alerts',
    input: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
  },
  snooze: {
    method: 'POST',
    path: '/api/snooze',
    input: z.strictObject({
      monitorId: MonitorId.optional(),
      /** Minutes from now; null snoozes until resumed. */
      minutes: z
        .number()
        .positive('must be > 0')
        .max(7 * 24 * 60, 'must be at most a week')
        .nullable(),
    }),
  },
  resumeAlerts: {
    method: 'POST',
    path: '/api/snooze/resume',
    input: z.strictObject({ monitorId: MonitorId.optional() }),
  },
  sendTestNotification: {
    method: 'POST',
    path: '/api/notifications/test',
    input: z.strictObject({
      channel: z.enum(['desktop', 'discord', 'webhook']),
      /** The notifications settings as typed, not yet saved; absent: the saved channel. */
      notifications: z.unknown().optional(),
    }),
  },
  getDailySummary: { method: 'GET', path: '/api/summary', input: z.strictObject({}) },
  getHost: { method: 'GET', path: '/api/host', input: z.strictObject({}) },
  setHostPreferences: {
    method: 'PUT',
    path: '/api/host',
    input: z.strictObject({
      startAtLogin: z.boolean().optional(),
      /** The user's answer when the OS cannot encrypt secrets: keep them in plain text or not at all. */
      allowPlainTextSecrets: z.boolean().optional(),
      dismissNotice: z.string().min(1).max(64).optional(),
      /** The desktop listener for heartbeats and pipeline events (127.0.0.1:7420 by default). */
      listenerPort: z.number().int().min(1024, 'must be ≥ 1024').max(65_535, 'must be ≤ 65535').optional(),
      /** Accept heartbeats and events from the local network, not only this computer. */
      listenerLan: z.boolean().optional(),
      /** The desktop app's colour scheme, for its window and the system's dialogs (`system` follows the OS). */
      colorScheme: z.enum(['system', 'light', 'dark']).optional(),
    }),
  },
  startMaintenance: {
    method: 'POST',
    path: '/api/maintenance',
    input: z.strictObject({
      name: z.string().trim().min(1).max(100).optional(),
      /** The monitors it covers; all when absent. */
      monitors: z.array(MonitorId).min(1).optional(),
      minutes: z
        .number()
        .positive('must be > 0')
        .max(7 * 24 * 60, 'must be at most a week'),
    }),
  },
  endMaintenance: {
    method: 'DELETE',
    path: '/api/maintenance/:id',
    input: z.strictObject({ id: z.string().min(1).max(64) }),
  },
  getDemo: { method: 'GET', path: '/api/demo', input: z.strictObject({}) },
  startDemo: { method: 'POST', path: '/api/demo', input: z.strictObject({}) },
  stopDemo: { method: 'POST', path: '/api/demo/stop', input: z.strictObject({}) },
} as const satisfies Record<string, Endpoint>;

export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  input: z.ZodType;
  /** When set, the whole request body is this input field (e.g. PUT /api/config takes the config itself). */
  bodyField?: string;
}

export type EndpointName = keyof typeof endpoints;
export type ApiInput<K extends EndpointName> = z.input<(typeof endpoints)[K]['input']>;

export interface MonitorStatus {
  id: string;
  name: string;
  type: string;
  enabled: boolean;
  state: MonitorState;
  /** When the current state began (epoch ms), null before the first check. */
  since: number | null;
  lastCheck: number | null;
  intervalSeconds: number;
  sampleStatus: SampleStatus | null;
  latencyMs: number | null;
  httpStatus: number | null;
  /** The headline number of the monitor type: balance, callback error rate, seconds since beat. */
  value: number | null;
  values: Record<string, SampleValue>;
  /** One readable line: "OK", "[BALANCE] (8.42) < 10", "connection refused by 127.0.0.1:9"… */
  summary: string;
  error: string | null;
  breached: RuleResult[];
  url: string | null;
  /** The last checks' states, oldest first, with the first and last check's time (the card's strip). */
  recentChecks?: { states: string; from: number; to: number };
  /** Set while a monitor this one depends on is critical: its alerts are held ("held: API is down"). */
  heldBy?: string;
  /** Set while a maintenance window covers the monitor: transitions are recorded but not told. */
  maintenance?: true;
  /** Set when the monitor skips TLS verification (`tls.insecure`): shown as a warning. */
  tlsInsecure?: true;
}

export interface StateSnapshot {
  overall: MonitorState;
  counts: Record<MonitorState, number>;
  monitors: MonitorStatus[];
  /** Set while the engine believes this computer is offline (monitors then read "unknown"). */
  offline: { since: number; reason: string } | null;
  alerts: {
    firing: number;
    /** Global snooze: until when (epoch ms), null = until resumed; absent when not snoozed. */
    snoozedUntil?: number | null;
    /** Monitors snoozed on their own: until when (epoch ms), null = until resumed; absent when none is. */
    snoozedMonitors?: Record<string, number | null>;
    brokenChannels: string[];
  };
  /** Maintenance windows under way and the next one; absent when none is configured. */
  maintenance?: { active: MaintenanceSpan[]; next: MaintenanceSpan | null };
  startedAt: number;
  now: number;
}

/** One occurrence of a maintenance window (epoch ms); `monitors` absent = all monitors. */
export interface MaintenanceSpan {
  id: string;
  name: string;
  monitors?: string[];
  start: number;
  end: number;
}

export interface MonitorHistory {
  id: string;
  window: HistoryWindow;
  summary: WindowSummary;
  series: Series;
  stateChanges: StateChange[];
  /** Pipeline monitors only: their results per bucket, not their checks. */
  pipeline?: PipelineHistory;
}

export type ValidationResult = { ok: true } | { ok: false; issues: FieldIssue[] };

export interface TestResult {
  ok: boolean;
  issues: FieldIssue[];
  monitor?: MonitorStatus;
}

export interface AlertsOverview {
  firing: FiringAlert[];
  transitions: AlertEvent[];
  deliveries: DeliveryRecord[];
  channels: ChannelStatus[];
  snooze: SnoozeState;
}

/** What the app hosting the engine can do and wants the user to know (desktop shell or headless server). */
export interface HostInfo {
  kind: 'desktop' | 'headless';
  /** null where the host cannot start at login (the headless server). */
  startAtLogin: boolean | null;
  notifications: { supported: boolean };
  /**
   * How secrets typed in the UI are kept: encrypted by the OS keychain, as written in the config file
   * (headless), in plain text because the user allowed it, or not at all (no encryption, not allowed).
   */
  secrets: { storage: 'encrypted' | 'config-file' | 'plain-text' | 'unavailable'; backend: string | null };
  /**
   * Set where an export may hold the secrets' values (the desktop app, whose secrets are the user's own);
   * absent in the headless server, which never hands them out.
   */
  secretExport?: true;
  /** Things the user must hear about once: a corrupt settings file that was backed up, no keychain… */
  notices: HostNotice[];
  paths: { settings: string; data: string };
  /** The desktop app's chosen colour scheme; absent in the headless server (a browser follows its system). */
  colorScheme?: ColorScheme;
  /** The desktop app's listener for `/push/:id` and `/events/:id`; absent in the headless server. */
  listener?: ListenerInfo;
}

export type ColorScheme = 'system' | 'light' | 'dark';

export interface ListenerInfo {
  port: number;
  lan: boolean;
  /** Where it listens now; null while no heartbeat or pipeline monitor needs it, or it could not start. */
  url: string | null;
  /** Why it is not listening (the port is taken), or null. */
  error: string | null;
}

export interface HostNotice {
  id: string;
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** One message the demo's local Discord-compatible sink received. */
export interface DemoMessage {
  receivedAt: number;
  content: string | null;
  embeds: {
    title?: string;
    description?: string;
    color?: number;
    fields?: { name: string; value: string; inline?: boolean }[];
    footer?: { text: string };
    timestamp?: string;
  }[];
}

export interface DemoStatus {
  available: boolean;
  running: boolean;
  monitorIds: string[];
  inbox: DemoMessage[];
}

export interface ApiOutputs {
  getState: StateSnapshot;
  getHistory: MonitorHistory;
  checkNow: { checked: string[] };
  getConfig: ConfigInput;
  exportConfigWithSecrets: ConfigInput;
  validateConfig: ValidationResult;
  saveConfig: ValidationResult;
  saveSettings: ValidationResult;
  saveMonitor: ValidationResult;
  removeMonitor: { ok: true };
  testMonitor: TestResult;
  getAlerts: AlertsOverview;
  snooze: SnoozeState;
  resumeAlerts: SnoozeState;
  sendTestNotification: DeliveryResult;
  getDailySummary: DailySummary;
  getHost: HostInfo;
  setHostPreferences: HostInfo;
  startMaintenance: MaintenanceWindow;
  endMaintenance: { ok: true };
  getDemo: DemoStatus;
  startDemo: DemoStatus;
  stopDemo: DemoStatus;
}

export type EngineEvent =
  | { type: 'snapshot'; state: StateSnapshot }
  | { type: 'monitor'; monitor: MonitorStatus; overall: MonitorState };

/** What the renderer sees as `window.solvewatch` and what the HTTP client implements. */
export type SolvewatchApi = {
  [K in EndpointName]: (input: ApiInput<K>) => Promise<ApiOutputs[K]>;
} & {
  /** Live events; returns the unsubscribe function. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
};

/** An error the transports turn into a status code (400 bad input, 404 unknown monitor, 401 from the server…). */
export class ApiError extends Error {
  readonly status: number;
  readonly issues: FieldIssue[];
  constructor(status: number, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.status = status;
    this.issues = issues;
  }
}
