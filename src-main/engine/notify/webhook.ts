import { createHmac } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { Agent, type Dispatcher, request } from 'undici';
import type {
  AlertNotice,
  DailySummary,
  DeliveryResult,
  Notification,
} from '../../api/notification-types.ts';
import { redactSecrets } from '../redact.ts';
import type { Notifier } from './notifier.ts';
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
export const USER_AGENT = 'Solvewatch';

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;
const MAX_DETAIL_CHARS = 4000;

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
  clock?: { now(): number };
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
    this.clock = options.clock ?? { now: () => Date.now() };
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

export function statusLine(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${status} ${reason}` : String(status);
}

export function detailText(text: string): string | null {
  return text.length === 0 ? null : text.slice(0, MAX_DETAIL_CHARS);
}

export type PostAnswer =
  | { kind: 'answer'; status: number; headers: Record<string, string | string[] | undefined>; text: string }
  | { kind: 'failed'; error: string };

export interface PostRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  dispatcher: Dispatcher;
  signal: AbortSignal;
  timeoutMs: number;
}

/** One POST; network failures, timeouts and aborts come back as `failed` with a readable reason. */
export async function postJson(req: PostRequest): Promise<PostAnswer> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  try {
    const signal = AbortSignal.any([req.signal, timeout]);
    const res = await request(req.url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      dispatcher: req.dispatcher,
      signal,
    });
    // A 2xx is known from the status line: answered at once, so the outbox records the delivery before
    // any more I/O (a crash while the body still streamed would otherwise send the message again).
    if (res.statusCode >= 200 && res.statusCode < 300) {
      res.body.dump({ limit: MAX_ANSWER_BYTES, signal }).catch(() => {});
      return { kind: 'answer', status: res.statusCode, headers: res.headers, text: '' };
    }
    const text = await readCapped(res.body, MAX_ANSWER_BYTES);
    return { kind: 'answer', status: res.statusCode, headers: res.headers, text };
  } catch (err) {
    if (req.signal.aborted) return { kind: 'failed', error: 'aborted' };
    if (timeout.aborted) return { kind: 'failed', error: `no answer within ${req.timeoutMs} ms` };
    return { kind: 'failed', error: `network error: ${describeError(err)}` };
  }
}

async function readCapped(body: AsyncIterable<Buffer>, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= max) break;
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause : null;
  const code = (err as { code?: unknown }).code ?? (cause as { code?: unknown } | null)?.code;
  const message = cause?.message || err.message;
  return typeof code === 'string' && !message.includes(code) ? `${code} ${message}` : message;
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

export function scrubResult(result: DeliveryResult, secrets: readonly string[]): DeliveryResult {
  if (result.outcome === 'delivered') return result;
  const error = redactSecrets(result.error, secrets);
  if (result.outcome === 'retry') return { ...result, error };
  return { ...result, error, detail: result.detail === null ? null : redactSecrets(result.detail, secrets) };
}
