import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { DeliveryResult } from '../../api/notification-types.ts';
import { KeepAliveAgents } from '../http/keep-alive-agents.ts';
import { httpRequest, httpsRequest, STATUS_CODES } from '../http/node-http.ts';
import { redactSecrets } from '../redact.ts';

/** How notifiers introduce themselves to the services they post to. */
export const USER_AGENT = 'Solvewatch';

const MAX_ANSWER_BYTES = 64 * 1024;
/** A 2xx body still arriving after this is dropped with its connection, so closing a notifier never waits long. */
const DRAIN_MS = 1000;
const MAX_DETAIL_CHARS = 4000;
/** Notifications come in bursts; a socket idle this long is closed. */
const IDLE_MS = 10_000;

/** `text` is empty for a 2xx answer: a notifier needs only its status and headers. */
export type PostAnswer =
  | { kind: 'answer'; status: number; headers: IncomingHttpHeaders; text: string }
  | { kind: 'failed'; error: string };

export interface PostRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  signal: AbortSignal;
  timeoutMs: number;
}

/** The kept-alive sockets of one notifier, and its posts in flight on them. */
export class JsonPoster {
  private readonly agents = new KeepAliveAgents({ maxSockets: Number.POSITIVE_INFINITY, idleMs: IDLE_MS });
  private readonly inFlight = new Set<Promise<PostAnswer>>();

  /**
   * One POST; network failures, timeouts and aborts come back as `failed` with a readable reason.
   * A 2xx answer is returned as soon as its status is known and its body is discarded in the
   * background (at most 64 KiB or 1 s, then the connection is dropped): a message the service
   * accepted is reported delivered at once, so a restart in the meantime cannot send it a second time.
   */
  post(req: PostRequest): Promise<PostAnswer> {
    const answer = postOnce(req, this.agents, false);
    this.inFlight.add(answer);
    void answer.then(() => this.inFlight.delete(answer));
    return answer;
  }

  /** Waits for the posts in flight (each bounded by its timeout), then closes every socket. */
  async close(): Promise<void> {
    await Promise.all(this.inFlight);
    this.agents.destroy();
  }
}

function postOnce(req: PostRequest, agents: KeepAliveAgents, retried: boolean): Promise<PostAnswer> {
  if (req.signal.aborted) return Promise.resolve({ kind: 'failed', error: 'aborted' });
  return new Promise((resolve) => {
    let request: ClientRequest;
    let settled = false;
    const finish = (answer: PostAnswer | Promise<PostAnswer>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal.removeEventListener('abort', onAbort);
      resolve(answer);
    };
    const stop = (answer: PostAnswer) => {
      finish(answer);
      request.destroy();
    };
    const onAbort = () => stop({ kind: 'failed', error: 'aborted' });
    const timer = setTimeout(
      () => stop({ kind: 'failed', error: `no answer within ${req.timeoutMs} ms` }),
      req.timeoutMs,
    );
    try {
      const url = new URL(req.url);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      request = send(url, { method: 'POST', headers: req.headers, agent: agents.for(url) });
    } catch (err) {
      return finish({ kind: 'failed', error: `network error: ${describeError(err)}` });
    }
    req.signal.addEventListener('abort', onAbort, { once: true });
    request.on('error', (err: NodeJS.ErrnoException) => {
      if (settled) return;
      // A kept-alive socket the service closed just as this post went out: once more, on a new one.
      if (request.reusedSocket && !retried && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
        finish(postOnce(req, agents, true));
        return;
      }
      finish({ kind: 'failed', error: `network error: ${describeError(err)}` });
    });
    request.on('response', (res) => {
      const status = res.statusCode ?? 0;
      res.on('error', (err) => finish({ kind: 'failed', error: `network error: ${describeError(err)}` }));
      if (status >= 200 && status < 300) {
        finish({ kind: 'answer', status, headers: res.headers, text: '' });
        discard(res, request);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const answer = () =>
        ({ kind: 'answer', status, headers: res.headers, text: textOf(chunks, size) }) as const;
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        // Past 64 KiB the connection is dropped instead of reading the rest.
        if (size >= MAX_ANSWER_BYTES) stop(answer());
      });
      res.on('end', () => finish(answer()));
    });
    request.end(req.body);
  });
}
/** Reads and drops a 2xx body in the background: at most 64 KiB or 1 s, then its connection is dropped. */
function discard(res: IncomingMessage, request: ClientRequest): void {
  let size = 0;
  const timer = setTimeout(() => request.destroy(), DRAIN_MS);
  timer.unref();
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_ANSWER_BYTES) request.destroy();
  });
  res.on('close', () => clearTimeout(timer));
}

function textOf(chunks: Buffer[], size: number): string {
  return Buffer.concat(chunks, size).subarray(0, MAX_ANSWER_BYTES).toString('utf8');
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
