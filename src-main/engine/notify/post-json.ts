import type { Dispatcher } from 'undici';
import type { DeliveryResult } from '../../api/notification-types.ts';
import { STATUS_CODES } from '../http/node-http.ts';
import { request } from '../http/undici-parts.ts';
import { redactSecrets } from '../redact.ts';

/** How notifiers introduce themselves to the services they post to. */
export const USER_AGENT = 'Solvewatch';

const MAX_ANSWER_BYTES = 64 * 1024;
/** A 2xx body still arriving after this is dropped with its connection, so closing a notifier never waits long. */
const DRAIN_MS = 1000;
const MAX_DETAIL_CHARS = 4000;

/** `text` is empty for a 2xx answer: a notifier needs only its status and headers. */
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

/**
 * One POST; network failures, timeouts and aborts come back as `failed` with a readable reason.
 * A 2xx answer is returned as soon as its status is known and its body is discarded in the
 * background (at most 64 KiB or 1 s, then the connection is dropped): a message the service accepted is
 * reported delivered at once, so a restart in the meantime cannot send it a second time.
 */
export async function postJson(req: PostRequest): Promise<PostAnswer> {
  const timeout = AbortSignal.timeout(req.timeoutMs);
  try {
    const res = await request(req.url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      dispatcher: req.dispatcher,
      signal: AbortSignal.any([req.signal, timeout]),
    });
    if (res.statusCode >= 200 && res.statusCode < 300) {
      res.body.dump({ limit: MAX_ANSWER_BYTES, signal: AbortSignal.timeout(DRAIN_MS) }).catch(() => {});
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

/** Reads at most `max` bytes, then destroys the body (and so its connection) instead of draining the rest. */
async function readCapped(body: Dispatcher.ResponseData['body'], max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
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

/** `404 Not Found`, or the bare code when Node knows no reason phrase. */
export function statusLine(status: number): string {
  const reason = STATUS_CODES[status];
  return reason ? `${status} ${reason}` : String(status);
}

/** The start of an answer body, for a person to read; null when there is none. */
export function detailText(text: string): string | null {
  return text.length === 0 ? null : text.slice(0, MAX_DETAIL_CHARS);
}

/** The result with every secret masked in its error and detail. */
export function scrubResult(result: DeliveryResult, secrets: readonly string[]): DeliveryResult {
  if (result.outcome === 'delivered') return result;
  const error = redactSecrets(result.error, secrets);
  if (result.outcome === 'retry') return { ...result, error };
  return { ...result, error, detail: result.detail === null ? null : redactSecrets(result.detail, secrets) };
}
