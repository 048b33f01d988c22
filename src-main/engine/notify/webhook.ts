import { createHmac } from 'node:crypto';
import type {
  AlertNotice,
  DailySummary,
  DeliveryResult,
  Notification,
} from '../../api/notification-types.ts';
import { Agent } from '../http/undici-parts.ts';
import type { Notifier } from './notifier.ts';
import { detailText, type PostAnswer, postJson, scrubResult, statusLine, USER_AGENT } from './post-json.ts';
import { headerValue, parseRetryAfter } from './rate-limit.ts';

/*
 * Receivers verify a delivery like this: take the raw request body bytes exactly as received (before
 * any JSON parsing), compute HMAC-SHA256 over them with the shared secret, hex-encode it and compare
 * it with `X-Solvewatch-Signature` using a constant-time comparison (crypto.timingSafeEqual). Only
 * then parse the JSON. Delivery is at least once: drop documents whose `id` was already processed.
 * `X-Solvewatch-Timestamp` (Unix seconds of this attempt) is not covered by the signature; the signed
 * `createdAt` in the body is the time to trust.
 */

export const SIGNATURE_HEADER = 'x-solvewatch-signature';
export const TIMESTAMP_HEADER = 'x-solvewatch-timestamp';

const DEFAULT_TIMEOUT_MS = 10_000;

/** The JSON document a generic webhook receives; keys always in this order, times in epoch milliseconds. */
export type WebhookDocument =
  | { type: 'alerts'; id: string; createdAt: number; notices: AlertNotice[] }
  | { type: 'summary'; id: string; createdAt: number; summary: DailySummary };

export function webhookDocument(notification: Notification): WebhookDocument {
  const { id, createdAt } = notification;
  if (notification.type === 'summary') {
    return { type: 'summary', id, createdAt, summary: summaryDocument(notification.summary) };
  }
  return { type: 'alerts', id, createdAt, notices: notification.notices.map(noticeDocument) };
}

function noticeDocument(n: AlertNotice): AlertNotice {
  return {
    kind: n.kind,
    severity: n.severity,
    monitorId: n.monitorId,
    monitorName: n.monitorName,
    monitorType: n.monitorType,
    ruleId: n.ruleId,
    ruleName: n.ruleName,
    summary: n.summary,
    url: n.url,
    values: n.values,
    threshold: n.threshold,
    currency: n.currency,
    since: n.since,
    time: n.time,
  };
}

function summaryDocument(s: DailySummary): DailySummary {
  return {
    from: s.from,
    to: s.to,
    checks: s.checks,
    successRate: s.successRate,
    latencyAvgMs: s.latencyAvgMs,
    incidents: s.incidents,
    balance: s.balance,
    spend24h: s.spend24h,
    currency: s.currency,
    monitors: s.monitors.map((m) => ({
      monitorId: m.monitorId,
      monitorName: m.monitorName,
      monitorType: m.monitorType,
      checks: m.checks,
      uptime: m.uptime,
      latencyAvgMs: m.latencyAvgMs,
      incidents: m.incidents,
      balance: m.balance,
      spend24h: m.spend24h,
    })),
  };
}

/** Hex HMAC-SHA256 of the exact body bytes. */
export function signWebhookBody(body: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Null when `url` can be a webhook target, else why not. */
export function validateWebhookUrl(url: string): string | null {
  if (!URL.canParse(url)) return 'must be a URL';
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:' ? null : 'must be an http:// or https:// URL';
}

export interface WebhookNotifierOptions {
  url: string;
  /** When set, every request carries `X-Solvewatch-Signature`. */
  secret?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** The engine's clock: it stamps `X-Solvewatch-Timestamp` and reads `Retry-After` dates. */
  clock: { now(): number };
}

/** Generic JSON POST for other tools (see the verification note at the top of this file). */
export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook';
  private readonly url: string;
  private readonly invalid: string | null;
  private readonly secret: string | null;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly clock: { now(): number };
  private readonly agent: Agent;
  private readonly secrets: string[];

  constructor(options: WebhookNotifierOptions) {
    this.url = options.url;
    this.invalid = validateWebhookUrl(options.url);
    this.secret = options.secret || null;
    this.headers = Object.fromEntries(
      Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.clock = options.clock;
    this.agent = new Agent({ connect: { timeout: this.timeoutMs }, keepAliveTimeout: 10_000 });
    this.secrets = [...urlSecrets(options.url), ...(this.secret ? [this.secret] : [])];
  }

  async send(notification: Notification, signal: AbortSignal): Promise<DeliveryResult> {
    if (this.invalid)
      return { outcome: 'broken', status: 0, error: `webhook URL ${this.invalid}`, detail: null };
    const body = JSON.stringify(webhookDocument(notification));
    const headers: Record<string, string> = {
      ...this.headers,
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
    };
    if (this.secret) {
      headers[TIMESTAMP_HEADER] = String(Math.floor(this.clock.now() / 1000));
      headers[SIGNATURE_HEADER] = signWebhookBody(body, this.secret);
    }
    const answer = await postJson({
      url: this.url,
      body,
      headers,
      dispatcher: this.agent,
      signal,
      timeoutMs: this.timeoutMs,
    });
    return scrubResult(mapWebhookAnswer(answer, this.clock.now()), this.secrets);
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function mapWebhookAnswer(answer: PostAnswer, now: number): DeliveryResult {
  if (answer.kind === 'failed')
    return { outcome: 'retry', status: null, error: answer.error, retryAfterMs: null };
  const { status, text } = answer;
  const label = `webhook answered ${statusLine(status)}`;
  if (status >= 200 && status < 300) return { outcome: 'delivered', status };
  const retryAfterMs = parseRetryAfter(headerValue(answer.headers, 'retry-after'), now);
  if (status === 429 || status >= 500) return { outcome: 'retry', status, error: label, retryAfterMs };
  if (status === 408) return { outcome: 'retry', status, error: label, retryAfterMs: null };
  if (status === 404 || status === 410)
    return { outcome: 'broken', status, error: label, detail: detailText(text) };
  return { outcome: 'rejected', status, error: label, detail: detailText(text) };
}

/** Parts of a webhook URL that may be secret: the whole URL, its path and query, long path segments, query values. */
function urlSecrets(url: string): string[] {
  if (!URL.canParse(url)) return [url];
  const u = new URL(url);
  const out = [url, u.href, `${u.pathname}${u.search}`];
  if (u.password) out.push(u.password);
  for (const segment of u.pathname.split('/')) if (segment.length >= 16) out.push(segment);
  for (const value of u.searchParams.values()) if (value.length >= 8) out.push(value);
  return out;
}
