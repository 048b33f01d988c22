import { z } from 'zod';
import { conditionError } from './condition-syntax.ts';
import { dependencyIssues } from './dependency-graph.ts';
import { validateDiscordWebhookUrl } from './discord-webhook-url.ts';
import { MaintenanceWindowSchema } from './maintenance-schema.ts';

/**
 * The one config schema: the headless config file, the desktop settings store, the API's
 * save/validate calls and the settings form all validate with it.
 */

/** A secret is given inline, read from an environment variable, or (in API round-trips) kept as stored. */
export const SecretSchema = z.union(
  [
    z.string().min(1, 'must not be empty'),
    z.strictObject({
      env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'),
    }),
    z.strictObject({ stored: z.literal(true) }),
  ],
  {
    error: (iss) =>
      iss.input === undefined ? 'is required' : 'must be a non-empty string or { "env": "VARIABLE_NAME" }',
  },
);
export type Secret = z.infer<typeof SecretSchema>;

const isHttpUrl = (s: string) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol);

const httpUrl = z.string().refine(isHttpUrl, 'must be an http:// or https:// URL');

/** A webhook URL is a secret; typed in, it is checked at once rather than on the first alert. */
const SecretUrlSchema = SecretSchema.refine(
  (s) => typeof s !== 'string' || isHttpUrl(s),
  'must be an http:// or https:// URL',
);

const Severity = z.enum(['warning', 'critical']);
export type RuleSeverity = z.infer<typeof Severity>;

/** A user rule: when the condition is true, the monitor is in `severity`. */
export const RuleSchema = z.strictObject({
  name: z.string().min(1).max(80).optional(),
  when: z
    .string()
    .min(3, 'must be a condition such as "[RESPONSE_TIME] > 800"')
    .superRefine((when, ctx) => {
      const error = conditionError(when);
      if (error) ctx.addIssue({ code: 'custom', message: error });
    }),
  severity: Severity,
});

const AlertOverrides = {
  failThreshold: z.number().int('must be a whole number').min(1, 'must be ≥ 1').max(100).optional(),
  recoverThreshold: z.number().int('must be a whole number').min(1, 'must be ≥ 1').max(100).optional(),
  cooldownSeconds: z
    .number()
    .min(0, 'must be ≥ 0')
    .max(86_400 * 7)
    .optional(),
};

const Common = {
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1–64 letters, digits, "-", "_" or "." (no spaces)'),
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
  enabled: z.boolean().default(true),
  intervalSeconds: z.number().min(1, 'must be ≥ 1').max(86_400, 'must be ≤ 86400 (one day)').default(60),
  timeoutMs: z.number().int('must be a whole number').min(100, 'must be ≥ 100').max(120_000).default(10_000),
  /** Extra conditions on top of the type's default rules. */
  rules: z.array(RuleSchema).max(50).default([]),
  /** Ids of default rules to switch off (e.g. "latency"). */
  disableRules: z.array(z.string()).default([]),
  /** Ids of monitors this one needs: while one of them is critical, this monitor's alerts are held. */
  dependsOn: z.array(z.string().min(1)).max(50).optional(),
  /** Set by the built-in demo on its own monitors, so Stop demo removes them and nothing else. */
  demo: z.literal(true).optional(),
  ...AlertOverrides,
};

const Headers = z.record(z.string().min(1), z.string()).default({});
const Method = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const StatusCode = z
  .number()
  .int()
  .min(100, 'must be an HTTP status (100–599)')
  .max(599, 'must be an HTTP status (100–599)');
const Ms = z.number().min(1, 'must be ≥ 1');
const Fraction = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const MaxBodyBytes = z
  .number()
  .int()
  .min(1024, 'must be ≥ 1024')
  .max(64 * 1_048_576)
  .default(1_048_576);

/** A monitor's own TLS trust: a private CA (PEM text or a path to a PEM file), or no verification. */
const TlsSchema = z.strictObject({
  ca: z.string().min(1, 'must be PEM text or the path of a PEM file').optional(),
  insecure: z.boolean().optional(),
});

/** Certificate expiry thresholds of every TLS check, in days before `valid_to` (null switches one off). */
const CertificateThresholds = {
  certWarnDays: z.number().min(0, 'must be ≥ 0').nullable().default(14),
  certCriticalDays: z.number().min(0, 'must be ≥ 0').nullable().default(3),
};

export const HttpMonitorSchema = z.strictObject({
  ...Common,
  type: z.literal('http'),
  url: httpUrl,
  method: Method.default('GET'),
  headers: Headers,
  body: z.string().max(1_048_576).optional(),
  /** Accepted statuses; absent means any 2xx. */
  expectStatus: z.array(StatusCode).min(1, 'must list at least one status').optional(),
  latencyWarnMs: Ms.nullable().default(500),
  latencyCriticalMs: Ms.nullable().default(null),
  keyword: z.string().min(1).optional(),
  keywordAbsent: z.string().min(1).optional(),
  maxRedirects: z.number().int().min(0).max(20).default(5),
  maxBodyBytes: MaxBodyBytes,
  tls: TlsSchema.optional(),
  ...CertificateThresholds,
});

export const CallbackHealthMonitorSchema = z.strictObject({
  ...Common,
  type: z.literal('callback-health'),
  url: httpUrl,
  headers: Headers,
  staleWarnSeconds: z.number().positive('must be > 0').nullable().default(300),
  errorRateCritical: Fraction.nullable().default(0.05),
  errorRateMinReceived: z.number().int().min(0).default(100),
  p95WarnMs: Ms.nullable().default(1000),
  deliveryRateCritical: Fraction.nullable().default(0.9),
  maxBodyBytes: MaxBodyBytes,
  tls: TlsSchema.optional(),
  ...CertificateThresholds,
});

export const BALANCE_PROVIDERS = ['captchaai', '2captcha', 'anti-captcha', 'capmonster'] as const;
export type BalanceProvider = (typeof BALANCE_PROVIDERS)[number];

export const BalanceMonitorSchema = z
  .strictObject({
    ...Common,
    type: z.literal('balance'),
    provider: z.enum(BALANCE_PROVIDERS, `must be one of ${BALANCE_PROVIDERS.join(', ')}`),
    /** Defaults to the provider's public API; point it at a mirror or a local fake. */
    baseUrl: httpUrl.optional(),
    apiKey: SecretSchema,
    intervalSeconds: Common.intervalSeconds.unwrap().default(300),
    warnBelow: z.number().min(0, 'must be ≥ 0').nullable().default(10),
    criticalBelow: z.number().min(0, 'must be ≥ 0').nullable().default(2),
    currency: z.string().max(5).default('$'),
  })
  .superRefine((m, ctx) => {
    if (m.warnBelow != null && m.criticalBelow != null && m.criticalBelow > m.warnBelow) {
      ctx.addIssue({ code: 'custom', path: ['criticalBelow'], message: 'must be ≤ warnBelow' });
    }
  });

export const HeartbeatMonitorSchema = z.strictObject({
  ...Common,
  type: z.literal('heartbeat'),
  periodSeconds: z.number().min(1, 'must be ≥ 1'),
  graceSeconds: z.number().min(0, 'must be ≥ 0').default(30),
  /** Also go stale after 5× the recent average gap between beats (seed 000). */
  adaptive: z.boolean().default(false),
  /** When set, pushes must carry ?token=… */
  token: z.string().min(8, 'must be at least 8 characters').optional(),
  /** How often staleness is evaluated; defaults to a fraction of the period. */
  intervalSeconds: Common.intervalSeconds.unwrap().optional(),
  /** A run announced by /push/:id/start that has not finished within this is critical. */
  maxRunSeconds: z.number().positive('must be > 0').optional(),
});

/** A port reached over TCP (the database or Redis a callback handler depends on), optionally with TLS. */
export const TcpMonitorSchema = z.strictObject({
  ...Common,
  type: z.literal('tcp'),
  host: z
    .string()
    .trim()
    .min(1, 'must be a host name or an IP address')
    .max(253)
    .regex(/^[^\s/]+$/, 'must be a host name or an IP address, without a scheme or path'),
  port: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be a port (1–65535)')
    .max(65_535, 'must be a port (1–65535)'),
  /** `true` for a TLS handshake after connecting; `{ ca, insecure }` also sets whom to trust. */
  tls: z.union([z.boolean(), TlsSchema]).default(false),
  ...CertificateThresholds,
});

/** An HTTP header name, as a signature header is given (`X-Webhook-Signature`). */
const HeaderName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'must be an HTTP header name');
const Seconds = z.number().positive('must be > 0').max(86_400, 'must be ≤ 86400 (one day)');

/** Events pushed in (`POST /events/:id`): the provider's signed webhooks and the user's own task events. */
export const PipelineMonitorSchema = z
  .strictObject({
    ...Common,
    type: z.literal('pipeline'),
    /** Events signed with it (hex HMAC-SHA256 of the raw body in `signatureHeader`) are accepted. */
    signingSecret: SecretSchema.optional(),
    /** Events carrying it (`Authorization: Bearer …` or `?token=…`) are accepted unsigned. */
    token: z.string().min(8, 'must be at least 8 characters').optional(),
    signatureHeader: HeaderName.default('X-Webhook-Signature'),
    windowSeconds: z.number().min(10, 'must be ≥ 10').max(86_400, 'must be ≤ 86400 (one day)').default(300),
    deliveryTimeoutSeconds: Seconds.default(300),
    errorRateCritical: Fraction.nullable().default(0.15),
    errorRateMinTasks: z.number().int('must be a whole number').min(0, 'must be ≥ 0').default(10),
    queueWarn: z.number().min(0, 'must be ≥ 0').nullable().default(500),
    staleSeconds: Seconds.nullable().default(300),
  })
  .superRefine((m, ctx) => {
    if (m.signingSecret === undefined && m.token === undefined) {
      ctx.addIssue({ code: 'custom', path: ['signingSecret'], message: 'needs a signingSecret or a token' });
    }
  });

/** The user's own webhook endpoint, tested from outside: a signed test event accepted, a forged one refused. */
export const WebhookReceiverMonitorSchema = z.strictObject({
  ...Common,
  type: z.literal('webhook-receiver'),
  url: httpUrl,
  signingSecret: SecretSchema,
  signatureHeader: HeaderName.default('X-Webhook-Signature'),
});

export const MonitorSchema = z.discriminatedUnion(
  'type',
  [
    HttpMonitorSchema,
    CallbackHealthMonitorSchema,
    BalanceMonitorSchema,
    HeartbeatMonitorSchema,
    TcpMonitorSchema,
    PipelineMonitorSchema,
    WebhookReceiverMonitorSchema,
  ],
  {
    error: (iss) =>
      iss.input === undefined
        ? 'is required'
        : 'must be one of http, callback-health, balance, heartbeat, tcp',
  },
);
export type MonitorConfig = z.infer<typeof MonitorSchema>;
export type MonitorInput = z.input<typeof MonitorSchema>;
export type MonitorType = MonitorConfig['type'];
export type HttpMonitor = z.infer<typeof HttpMonitorSchema>;
export type CallbackHealthMonitor = z.infer<typeof CallbackHealthMonitorSchema>;
export type BalanceMonitor = z.infer<typeof BalanceMonitorSchema>;
export type HeartbeatMonitor = z.infer<typeof HeartbeatMonitorSchema>;
export type TcpMonitor = z.infer<typeof TcpMonitorSchema>;
export type PipelineMonitor = z.infer<typeof PipelineMonitorSchema>;
export type WebhookReceiverMonitor = z.infer<typeof WebhookReceiverMonitorSchema>;

export const AlertsSchema = z.strictObject({
  failThreshold: z.number().int('must be a whole number').min(1, 'must be ≥ 1').max(100).default(2),
  recoverThreshold: z.number().int('must be a whole number').min(1, 'must be ≥ 1').max(100).default(2),
  cooldownSeconds: z
    .number()
    .min(0, 'must be ≥ 0')
    .max(86_400 * 7)
    .default(300),
});

/** Which alerts a channel hears: from this severity up (warning when absent), of these monitors only (all when absent). */
const ChannelRoute = {
  minSeverity: Severity.optional(),
  monitors: z.array(z.string().min(1)).min(1, 'must list at least one monitor id, or be left out').optional(),
};
export type ChannelRouteConfig = { minSeverity?: RuleSeverity; monitors?: string[] };

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as "09:00"');

export const NotificationsSchema = z.strictObject({
  desktop: z.boolean().default(true),
  /** `minSeverity` and `monitors` of the desktop channel. */
  desktopRouting: z.strictObject(ChannelRoute).optional(),
  /** Transitions within this window go out as one message per channel. */
  groupWindowSeconds: z.number().min(0, 'must be ≥ 0').max(60, 'must be ≤ 60').default(2),
  /** Local time of the daily summary, or null for none. */
  dailySummaryAt: TimeOfDay.nullable().default('09:00'),
  webhook: z
    .strictObject({
      url: SecretUrlSchema,
      /** Signs each body: X-Solvewatch-Signature = hex HMAC-SHA256(secret, raw body). */
      secret: SecretSchema.optional(),
      ...ChannelRoute,
    })
    .optional(),
  discord: z
    .strictObject({
      webhookUrl: SecretUrlSchema.superRefine((s, ctx) => {
        const problem = typeof s === 'string' && isHttpUrl(s) ? validateDiscordWebhookUrl(s) : null;
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
      mention: z
        .string()
        .regex(/^<@&?\d{5,25}>$/, 'must be a role or user mention such as <@&123456789012345678>')
        .optional(),
      ...ChannelRoute,
    })
    .optional(),
});

export const HistorySchema = z.strictObject({
  rawDays: z.number().min(1, 'must be ≥ 1').max(400).default(7),
  minuteRollupDays: z.number().min(1, 'must be ≥ 1').max(400).default(30),
  hourRollupDays: z.number().min(1, 'must be ≥ 1').max(3650).default(400),
});

export const EngineSchema = z.strictObject({
  /** Checks in flight at once, across all monitors. */
  maxConcurrentChecks: z.number().int().min(1, 'must be ≥ 1').max(10_000).default(64),
  /** Fetched when every network monitor fails at once, to tell "offline" from "all down". */
  connectivityUrl: httpUrl.nullable().default(null),
});

export const ConfigSchema = z
  .strictObject({
    version: z.literal(1).default(1),
    monitors: z.array(MonitorSchema).max(10_000).default([]),
    alerts: AlertsSchema.prefault({}),
    notifications: NotificationsSchema.prefault({}),
    history: HistorySchema.prefault({}),
    engine: EngineSchema.prefault({}),
    maintenance: z.array(MaintenanceWindowSchema).max(1000).default([]),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.monitors.forEach((m, i) => {
      const first = seen.get(m.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['monitors', i, 'id'],
          message: `duplicates monitors[${first}].id "${m.id}"`,
        });
      } else seen.set(m.id, i);
    });
    const n = config.notifications;
    const routed: Array<[string, ChannelRouteConfig | undefined]> = [
      ['desktopRouting', n.desktopRouting],
      ['discord', n.discord],
      ['webhook', n.webhook],
    ];
    for (const [channel, route] of routed) {
      route?.monitors?.forEach((id, i) => {
        if (!seen.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['notifications', channel, 'monitors', i],
            message: `unknown monitor "${id}"`,
          });
      });
    }
    const windows = new Set<string>();
    config.maintenance.forEach((w, i) => {
      if (windows.has(w.id))
        ctx.addIssue({ code: 'custom', path: ['maintenance', i, 'id'], message: `duplicates "${w.id}"` });
      windows.add(w.id);
      w.monitors?.forEach((id, j) => {
        if (!seen.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['maintenance', i, 'monitors', j],
            message: `unknown monitor "${id}"`,
          });
      });
    });
    for (const issue of dependencyIssues(config.monitors)) {
      ctx.addIssue({
        code: 'custom',
        path: ['monitors', issue.monitorIndex, 'dependsOn', issue.dependencyIndex],
        message: issue.message,
      });
    }
  });
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
/** The sections of the config besides its monitors, as one settings page saves them (`PATCH /api/config`). */
export type SettingsInput = Partial<Omit<ConfigInput, 'version' | 'monitors'>>;

/** One of the built-in demo's monitors (never recognised by its id: a user may name a monitor "Demo API"). */
export const isDemoMonitor = (m: Pick<MonitorConfig, 'demo'>): boolean => m.demo === true;

export const monitorLabel = (m: Pick<MonitorConfig, 'id' | 'name'>): string => m.name ?? m.id;

/** Seconds between checks; heartbeats are re-evaluated often enough to notice staleness promptly. */
export function checkIntervalSeconds(m: MonitorConfig): number {
  if (m.type === 'heartbeat') return m.intervalSeconds ?? Math.min(30, Math.max(1, m.periodSeconds / 4));
  return m.intervalSeconds;
}
