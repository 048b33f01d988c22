import type {
  BalanceProvider,
  MonitorInput,
  MonitorType,
  RuleSeverity,
} from '../../../src-main/api/config-schema.ts';
import type { FieldIssue } from '../../../src-main/api/field-issues.ts';
import { emptySecret, type SecretDraft, secretDraft, secretFromDraft } from './secret-draft.ts';

export interface RuleDraft {
  name: string;
  when: string;
  severity: RuleSeverity;
}

/** A monitor as the form edits it: text for every number so a half-typed value is kept as typed. */
export interface MonitorDraft {
  id: string;
  name: string;
  type: MonitorType;
  enabled: boolean;
  intervalSeconds: string;
  timeoutMs: string;
  // http + callback-health
  url: string;
  headers: string;
  // http
  method: string;
  body: string;
  expectStatus: string;
  latencyWarnMs: string;
  latencyCriticalMs: string;
  keyword: string;
  keywordAbsent: string;
  // callback-health
  staleWarnSeconds: string;
  errorRateCritical: string;
  errorRateMinReceived: string;
  p95WarnMs: string;
  deliveryRateCritical: string;
  // balance
  provider: BalanceProvider;
  baseUrl: string;
  apiKey: SecretDraft;
  currency: string;
  warnBelow: string;
  criticalBelow: string;
  // heartbeat
  periodSeconds: string;
  graceSeconds: string;
  adaptive: boolean;
  token: string;
  maxRunSeconds: string;
  // tcp
  host: string;
  port: string;
  /** Whether a tcp monitor does a TLS handshake. */
  tcpTls: boolean;
  // TLS: http, callback-health, and tcp with tcpTls
  tlsCa: string;
  tlsInsecure: boolean;
  certWarnDays: string;
  certCriticalDays: string;
  /** Ids of the monitors this one depends on. */
  dependsOn: string[];
  // pipeline + webhook-receiver
  signingSecret: SecretDraft;
  signatureHeader: string;
  // pipeline
  windowSeconds: string;
  deliveryTimeoutSeconds: string;
  errorRateMinTasks: string;
  queueWarn: string;
  staleSeconds: string;
  // rules and alerting
  rules: RuleDraft[];
  disableRules: string[];
  failThreshold: string;
  recoverThreshold: string;
  cooldownSeconds: string;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Field defaults of a new monitor of each type, as the schema would fill them. */
export function newDraft(type: MonitorType = 'http'): MonitorDraft {
  return {
    id: '',
    name: '',
    type,
    enabled: true,
    intervalSeconds: type === 'balance' ? '300' : type === 'heartbeat' ? '' : '60',
    timeoutMs: '10000',
    url: '',
    headers: '',
    method: 'GET',
    body: '',
    expectStatus: '',
    latencyWarnMs: '500',
    latencyCriticalMs: '',
    keyword: '',
    keywordAbsent: '',
    staleWarnSeconds: '300',
    errorRateCritical: type === 'pipeline' ? '0.15' : '0.05',
    errorRateMinReceived: '100',
    p95WarnMs: '1000',
    deliveryRateCritical: '0.9',
    provider: 'captchaai',
    baseUrl: '',
    apiKey: emptySecret,
    currency: '$',
    warnBelow: '10',
    criticalBelow: '2',
    periodSeconds: '60',
    graceSeconds: '30',
    adaptive: false,
    token: '',
    maxRunSeconds: '',
    host: '',
    port: '',
    tcpTls: false,
    tlsCa: '',
    tlsInsecure: false,
    certWarnDays: '14',
    certCriticalDays: '3',
    dependsOn: [],
    signingSecret: emptySecret,
    signatureHeader: 'X-Webhook-Signature',
    windowSeconds: '300',
    deliveryTimeoutSeconds: '300',
    errorRateMinTasks: '10',
    queueWarn: '500',
    staleSeconds: '300',
    rules: [],
    disableRules: [],
    failThreshold: '',
    recoverThreshold: '',
    cooldownSeconds: '',
  };
}

/** Switching type keeps what the types share (name, URL, interval…) and resets type defaults. */
export function changeType(d: MonitorDraft, type: MonitorType): MonitorDraft {
  const fresh = newDraft(type);
  const keepInterval =
    d.type !== 'heartbeat' && type !== 'heartbeat' && d.type !== 'balance' && type !== 'balance';
  return {
    ...fresh,
    id: d.id,
    name: d.name,
    enabled: d.enabled,
    url: d.url,
    headers: d.headers,
    intervalSeconds: keepInterval ? d.intervalSeconds : fresh.intervalSeconds,
    timeoutMs: d.timeoutMs,
    tlsCa: d.tlsCa,
    tlsInsecure: d.tlsInsecure,
    certWarnDays: d.certWarnDays,
    certCriticalDays: d.certCriticalDays,
    dependsOn: d.dependsOn,
    rules: d.rules,
    failThreshold: d.failThreshold,
    recoverThreshold: d.recoverThreshold,
    cooldownSeconds: d.cooldownSeconds,
  };
}

export function draftFromMonitor(m: MonitorInput): MonitorDraft {
  const d: MonitorDraft = {
    ...newDraft(m.type),
    id: m.id,
    name: text(m.name),
    enabled: m.enabled ?? true,
    intervalSeconds: text(m.intervalSeconds),
    timeoutMs: m.timeoutMs === undefined ? '10000' : text(m.timeoutMs),
    rules: (m.rules ?? []).map((r) => ({ name: text(r.name), when: r.when, severity: r.severity })),
    disableRules: m.disableRules ?? [],
    dependsOn: m.dependsOn ?? [],
    failThreshold: text(m.failThreshold),
    recoverThreshold: text(m.recoverThreshold),
    cooldownSeconds: text(m.cooldownSeconds),
  };
  const nullable = (v: number | null | undefined, fallback: string) => (v === undefined ? fallback : text(v));
  const tls = (t: { ca?: string; insecure?: boolean } | boolean | undefined) => {
    const options = typeof t === 'object' ? t : {};
    return { tlsCa: options.ca ?? '', tlsInsecure: options.insecure === true };
  };
  const certificate = (c: { certWarnDays?: number | null; certCriticalDays?: number | null }) => ({
    certWarnDays: nullable(c.certWarnDays, '14'),
    certCriticalDays: nullable(c.certCriticalDays, '3'),
  });
  switch (m.type) {
    case 'http':
      return {
        ...d,
        ...tls(m.tls),
        ...certificate(m),
        url: m.url,
        headers: headersText(m.headers),
        method: m.method ?? 'GET',
        body: text(m.body),
        expectStatus: (m.expectStatus ?? []).join(', '),
        latencyWarnMs: nullable(m.latencyWarnMs, '500'),
        latencyCriticalMs: nullable(m.latencyCriticalMs, ''),
        keyword: text(m.keyword),
        keywordAbsent: text(m.keywordAbsent),
      };
    case 'callback-health':
      return {
        ...d,
        ...tls(m.tls),
        ...certificate(m),
        url: m.url,
        headers: headersText(m.headers),
        staleWarnSeconds: nullable(m.staleWarnSeconds, '300'),
        errorRateCritical: nullable(m.errorRateCritical, '0.05'),
        errorRateMinReceived: m.errorRateMinReceived === undefined ? '100' : text(m.errorRateMinReceived),
        p95WarnMs: nullable(m.p95WarnMs, '1000'),
        deliveryRateCritical: nullable(m.deliveryRateCritical, '0.9'),
      };
    case 'balance':
      return {
        ...d,
        intervalSeconds: m.intervalSeconds === undefined ? '300' : text(m.intervalSeconds),
        provider: m.provider,
        baseUrl: text(m.baseUrl),
        apiKey: secretDraft(m.apiKey),
        currency: m.currency ?? '$',
        warnBelow: nullable(m.warnBelow, '10'),
        criticalBelow: nullable(m.criticalBelow, '2'),
      };
    case 'heartbeat':
      return {
        ...d,
        periodSeconds: text(m.periodSeconds),
        graceSeconds: m.graceSeconds === undefined ? '30' : text(m.graceSeconds),
        adaptive: m.adaptive ?? false,
        token: text(m.token),
        maxRunSeconds: text(m.maxRunSeconds),
      };
    case 'tcp':
      return {
        ...d,
        ...tls(m.tls),
        ...certificate(m),
        host: m.host,
        port: text(m.port),
        tcpTls: m.tls !== undefined && m.tls !== false,
      };
    case 'pipeline':
      return {
        ...d,
        token: text(m.token),
        signingSecret: secretDraft(m.signingSecret),
        signatureHeader: m.signatureHeader ?? 'X-Webhook-Signature',
        windowSeconds: m.windowSeconds === undefined ? '300' : text(m.windowSeconds),
        deliveryTimeoutSeconds:
          m.deliveryTimeoutSeconds === undefined ? '300' : text(m.deliveryTimeoutSeconds),
        errorRateCritical: nullable(m.errorRateCritical, '0.15'),
        errorRateMinTasks: m.errorRateMinTasks === undefined ? '10' : text(m.errorRateMinTasks),
        queueWarn: nullable(m.queueWarn, '500'),
        staleSeconds: nullable(m.staleSeconds, '300'),
      };
    case 'webhook-receiver':
      return {
        ...d,
        url: m.url,
        signingSecret: secretDraft(m.signingSecret),
        signatureHeader: m.signatureHeader ?? 'X-Webhook-Signature',
      };
  }
}

const headersText = (h: Record<string, string> | undefined): string =>
  Object.entries(h ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');

export interface DraftResult {
  /** What goes to the schema and the API (unknown-typed: it is not valid yet). */
  monitor: Record<string, unknown>;
  /** Problems found while reading the text fields (a number that is not one…), by field path. */
  issues: FieldIssue[];
}

/** The monitor the draft describes. Empty optional fields are left out so the schema's defaults apply. */
export function monitorFromDraft(d: MonitorDraft): DraftResult {
  const issues: FieldIssue[] = [];
  const number = (path: string, value: string, empty: 'omit' | 'null'): number | null | undefined => {
    const t = value.trim();
    if (t === '') return empty === 'null' ? null : undefined;
    const n = Number(t);
    if (!Number.isFinite(n)) {
      issues.push({ path, message: 'must be a number' });
      return undefined;
    }
    return n;
  };
  const optionalText = (v: string) => (v.trim() === '' ? undefined : v);
  const m: Record<string, unknown> = {
    id: d.id.trim(),
    type: d.type,
    enabled: d.enabled,
    intervalSeconds: number('intervalSeconds', d.intervalSeconds, 'omit'),
    timeoutMs: number('timeoutMs', d.timeoutMs, 'omit'),
    rules: d.rules.map((r) => ({
      ...(r.name.trim() ? { name: r.name.trim() } : {}),
      when: r.when.trim(),
      severity: r.severity,
    })),
    disableRules: d.disableRules,
    failThreshold: number('failThreshold', d.failThreshold, 'omit'),
    recoverThreshold: number('recoverThreshold', d.recoverThreshold, 'omit'),
    cooldownSeconds: number('cooldownSeconds', d.cooldownSeconds, 'omit'),
  };
  if (d.name.trim() !== '') m.name = d.name.trim();
  if (d.dependsOn.length > 0) m.dependsOn = d.dependsOn;
  if (d.type === 'http' || d.type === 'callback-health') {
    m.url = d.url.trim();
    m.headers = parseHeaders(d.headers, issues);
  }
  if (d.type === 'http' || d.type === 'callback-health' || d.type === 'tcp') {
    const tls: { ca?: string; insecure?: true } = {};
    if (d.tlsCa.trim() !== '') tls.ca = d.tlsCa.trim();
    if (d.tlsInsecure) tls.insecure = true;
    const given = tls.ca !== undefined || tls.insecure !== undefined;
    if (d.type === 'tcp') m.tls = d.tcpTls ? (given ? tls : true) : false;
    else if (given) m.tls = tls;
    m.certWarnDays = number('certWarnDays', d.certWarnDays, 'null');
    m.certCriticalDays = number('certCriticalDays', d.certCriticalDays, 'null');
  }
  if (d.type === 'pipeline' || d.type === 'webhook-receiver') {
    m.signingSecret = secretFromDraft(d.signingSecret);
    m.signatureHeader = optionalText(d.signatureHeader.trim());
  }
  if (d.type === 'http') {
    m.method = d.method;
    m.body = d.body === '' ? undefined : d.body;
    m.expectStatus = parseStatuses(d.expectStatus, issues);
    m.latencyWarnMs = number('latencyWarnMs', d.latencyWarnMs, 'null');
    m.latencyCriticalMs = number('latencyCriticalMs', d.latencyCriticalMs, 'null');
    m.keyword = optionalText(d.keyword);
    m.keywordAbsent = optionalText(d.keywordAbsent);
  } else if (d.type === 'callback-health') {
    m.staleWarnSeconds = number('staleWarnSeconds', d.staleWarnSeconds, 'null');
    m.errorRateCritical = number('errorRateCritical', d.errorRateCritical, 'null');
    m.errorRateMinReceived = number('errorRateMinReceived', d.errorRateMinReceived, 'omit');
    m.p95WarnMs = number('p95WarnMs', d.p95WarnMs, 'null');
    m.deliveryRateCritical = number('deliveryRateCritical', d.deliveryRateCritical, 'null');
  } else if (d.type === 'balance') {
    m.provider = d.provider;
    m.baseUrl = optionalText(d.baseUrl.trim());
    m.apiKey = secretFromDraft(d.apiKey);
    m.currency = d.currency;
    m.warnBelow = number('warnBelow', d.warnBelow, 'null');
    m.criticalBelow = number('criticalBelow', d.criticalBelow, 'null');
  } else if (d.type === 'tcp') {
    m.host = d.host.trim();
    m.port = number('port', d.port, 'omit');
  } else if (d.type === 'pipeline') {
    m.token = optionalText(d.token);
    m.windowSeconds = number('windowSeconds', d.windowSeconds, 'omit');
    m.deliveryTimeoutSeconds = number('deliveryTimeoutSeconds', d.deliveryTimeoutSeconds, 'omit');
    m.errorRateCritical = number('errorRateCritical', d.errorRateCritical, 'null');
    m.errorRateMinTasks = number('errorRateMinTasks', d.errorRateMinTasks, 'omit');
    m.queueWarn = number('queueWarn', d.queueWarn, 'null');
    m.staleSeconds = number('staleSeconds', d.staleSeconds, 'null');
  } else if (d.type === 'webhook-receiver') {
    m.url = d.url.trim();
  } else {
    m.periodSeconds = number('periodSeconds', d.periodSeconds, 'omit');
    m.graceSeconds = number('graceSeconds', d.graceSeconds, 'omit');
    m.adaptive = d.adaptive;
    m.token = optionalText(d.token);
    m.maxRunSeconds = number('maxRunSeconds', d.maxRunSeconds, 'omit');
  }
  for (const [k, v] of Object.entries(m)) if (v === undefined) delete m[k];
  return { monitor: m, issues };
}

/** "Name: value" lines; blank lines are skipped. */
function parseHeaders(value: string, issues: FieldIssue[]): Record<string, string> {
  const headers: Record<string, string> = {};
  value.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      issues.push({ path: 'headers', message: `line ${i + 1} must read "Header-Name: value"` });
      return;
    }
    headers[name] = line.slice(colon + 1).trim();
  });
  return headers;
}

function parseStatuses(value: string, issues: FieldIssue[]): number[] | undefined {
  const parts = value.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return undefined;
  const codes = parts.map(Number);
  if (codes.some((c) => !Number.isInteger(c))) {
    issues.push({
      path: 'expectStatus',
      message: 'must be status codes separated by commas, e.g. "200, 204"',
    });
    return undefined;
  }
  return codes;
}

/** A monitor id from its name: "Solver API (EU)" → "solver-api-eu"; unique among `taken`. */
export function idFromName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'monitor';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
