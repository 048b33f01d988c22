import { validateDiscordWebhookUrl, WEBHOOK_PATH } from '../../api/discord-webhook-url.ts';
import type { DeliveryResult, Notification } from '../../api/notification-types.ts';
import { Agent } from '../http/undici-parts.ts';
import { buildDiscordMessage } from './discord-payload.ts';
import type { Notifier } from './notifier.ts';
import { detailText, type PostAnswer, postJson, scrubResult, statusLine, USER_AGENT } from './post-json.ts';
import { headerValue, type NotifierClock, parseRetryAfter, WebhookRateLimiter } from './rate-limit.ts';

const WEBHOOK_TOKEN_IN_TEXT = /(\/api(?:\/v\d+)?\/webhooks\/[^/?#\s"]+\/)[^/?#\s"]+/gi;
const DEFAULT_TIMEOUT_MS = 10_000;

/** The text with every Discord webhook token masked: `/api/webhooks/<id>/***`. */
export function redactWebhookToken(text: string): string {
  return text.replace(WEBHOOK_TOKEN_IN_TEXT, '$1***');
}

export interface DiscordNotifierOptions {
  webhookUrl: string;
  /** `<@&ROLE_ID>` or `<@USER_ID>`, pinged on critical notices only. */
  mention?: string;
  /** The engine's clock: embed timestamps, `Retry-After` and the pacing waits all follow it. */
  clock: NotifierClock;
  timeoutMs?: number;
  /** Pass one limiter to every notifier that posts to the same webhook; by default each notifier has its own. */
  limiter?: WebhookRateLimiter;
}

/**
 * Posts notifications as embeds to a Discord webhook and reports how Discord answered; retrying is
 * the outbox's job. Requests are paced per webhook (5 per 2 s and the server's rate-limit headers).
 */
export class DiscordNotifier implements Notifier {
  readonly channel = 'discord';
  private readonly invalid: string | null;
  private readonly target: string;
  private readonly key: string;
  private readonly secrets: string[];
  private readonly mention: string | undefined;
  private readonly clock: NotifierClock;
  private readonly timeoutMs: number;
  private readonly limiter: WebhookRateLimiter;
  private readonly agent: Agent;

  constructor(options: DiscordNotifierOptions) {
    this.invalid = validateDiscordWebhookUrl(options.webhookUrl);
    this.mention = options.mention;
    this.clock = options.clock;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.limiter = options.limiter ?? new WebhookRateLimiter({ clock: this.clock });
    this.agent = new Agent({ connect: { timeout: this.timeoutMs }, keepAliveTimeout: 10_000 });
    if (this.invalid) {
      this.target = '';
      this.key = '';
      this.secrets = [options.webhookUrl];
      return;
    }
    const url = new URL(options.webhookUrl);
    const [, id = '', token = ''] = WEBHOOK_PATH.exec(url.pathname) ?? [];
    url.searchParams.set('wait', 'true');
    this.target = url.href;
    this.key = `${url.host}/${id}`;
    this.secrets = [options.webhookUrl, url.href, token];
  }

  async send(notification: Notification, signal: AbortSignal): Promise<DeliveryResult> {
    if (this.invalid)
      return { outcome: 'broken', status: 0, error: `Discord webhook URL ${this.invalid}`, detail: null };
    const body = JSON.stringify(
      buildDiscordMessage(notification, { mention: this.mention, now: this.clock.now() }),
    );
    try {
      await this.limiter.acquire(this.key, signal);
    } catch (err) {
      if (signal.aborted) return { outcome: 'retry', status: null, error: 'aborted', retryAfterMs: null };
      throw err;
    }
    const answer = await postJson({
      url: this.target,
      body,
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT },
      dispatcher: this.agent,
      signal,
      timeoutMs: this.timeoutMs,
    });
    if (answer.kind === 'answer') this.limiter.observe(this.key, answer.headers);
    const result = mapDiscordAnswer(answer, this.clock.now());
    if (result.outcome === 'retry' && result.retryAfterMs !== null) {
      this.limiter.blockUntil(this.key, this.clock.now() + result.retryAfterMs);
    }
    return redact(scrubResult(result, this.secrets));
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function redact(result: DeliveryResult): DeliveryResult {
  if (result.outcome === 'delivered') return result;
  const error = redactWebhookToken(result.error);
  if (result.outcome === 'retry') return { ...result, error };
  return { ...result, error, detail: result.detail === null ? null : redactWebhookToken(result.detail) };
}

function mapDiscordAnswer(answer: PostAnswer, now: number): DeliveryResult {
  if (answer.kind === 'failed') {
    return {
      outcome: 'retry',
      status: null,
      error: `Discord not reached: ${answer.error}`,
      retryAfterMs: null,
    };
  }
  const { status, text } = answer;
  if (status >= 200 && status < 300) return { outcome: 'delivered', status };
  const said = discordError(text);
  const label = `${statusLine(status)}${said ? ` — ${said}` : ''}`;
  if (status === 429) {
    const retryAfterMs =
      bodyRetryAfterMs(text) ?? parseRetryAfter(headerValue(answer.headers, 'retry-after'), now);
    const wait = retryAfterMs === null ? '' : `, retry after ${retryAfterMs / 1000} s`;
    return { outcome: 'retry', status, error: `Discord rate limit (429)${wait}`, retryAfterMs };
  }
  if (status >= 500 || status === 408) {
    return { outcome: 'retry', status, error: `Discord answered ${label}`, retryAfterMs: null };
  }
  if (status === 401 || status === 403 || status === 404) {
    return {
      outcome: 'broken',
      status,
      error: `Discord webhook unusable: ${label}`,
      detail: detailText(text),
    };
  }
  return {
    outcome: 'rejected',
    status,
    error: `Discord rejected the message: ${label}`,
    detail: detailText(text),
  };
}

/** "Unknown Webhook (code 10015)" from Discord's JSON error body, or null. */
function discordError(text: string): string | null {
  const body = parseObject(text);
  if (!body || typeof body.message !== 'string') return null;
  return typeof body.code === 'number' && body.code !== 0
    ? `${body.message} (code ${body.code})`
    : body.message;
}

/** `retry_after` of a 429 body is in seconds and may be fractional. */
function bodyRetryAfterMs(text: string): number | null {
  const value = parseObject(text)?.retry_after;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.ceil(value * 1000) : null;
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
