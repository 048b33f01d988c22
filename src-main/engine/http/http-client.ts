import type { Agent, Dispatcher } from 'undici';
import { redactUrl } from '../redact.ts';
import type { ErrorKind } from '../sample.ts';
import { AgentPool } from './agent-pool.ts';
import { describeError, type Phase } from './network-error.ts';
import type { PeerCertificate } from './peer-certificate.ts';
import type { TlsOptions } from './tls-trust.ts';

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Overall deadline: connect, headers, body and every redirect hop together. */
  timeoutMs: number;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** Default 5; 0 returns a 3xx response as it is instead of following it. */
  maxRedirects?: number;
  /** Trust a private CA, or skip verification; the peer certificate is read either way. */
  tls?: TlsOptions;
  signal?: AbortSignal;
}

export type HttpResult =
  | {
      ok: true;
      status: number;
      /** Lower-case names; repeated headers joined with ", ". */
      headers: Record<string, string>;
      bodyText: string;
      /** Until the full body arrived. */
      latencyMs: number;
      finalUrl: string;
      /** The peer certificate of an https final URL. */
      certificate?: PeerCertificate;
    }
  | {
      ok: false;
      errorKind: ErrorKind;
      /** Readable and already redacted. */
      error: string;
      latencyMs: number;
      /** Set when the failure came after the response headers (too large, stalled body). */
      status?: number;
    };

export interface HttpClientOptions {
  userAgent?: string;
  /** Connections per origin. Default 64. */
  connections?: number;
  /** Default 10 s; the request's own `timeoutMs` still applies when it is shorter. */
  connectTimeoutMs?: number;
}

const DEFAULT_MAX_BODY = 1_048_576;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const decoder = new TextDecoder();
const ONCE = { once: true } as const;

/**
 * HTTP for probes: one undici Agent (keep-alive pool per origin) and a light dispatch handler that
 * reads the body without streams, enforces a size cap and an overall deadline, follows a bounded
 * number of redirects and turns every failure into a readable, redacted `HttpResult`. Never throws.
 */
export class HttpClient {
  private readonly agents: AgentPool;
  private readonly connectTimeoutMs: number;
  private readonly userAgent: string;
  private readonly defaultHeaders: Record<string, string>;
  private closed = false;

  constructor(options: HttpClientOptions = {}) {
    this.userAgent = options.userAgent ?? 'Solvewatch';
    this.defaultHeaders = { 'user-agent': this.userAgent };
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.agents = new AgentPool({
      connections: options.connections ?? 64,
      connectTimeoutMs: this.connectTimeoutMs,
    });
  }

  request(req: HttpRequest): Promise<HttpResult> {
    const started = performance.now();
    if (this.closed) return Promise.resolve(failure('aborted', 'HTTP client is closed', started));
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return Promise.resolve(failure('config', `invalid URL: ${redactUrl(req.url)}`, started));
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return Promise.resolve(
        failure('config', `unsupported protocol "${url.protocol}" in ${redactUrl(req.url)}`, started),
      );
    }
    if (req.signal?.aborted) return Promise.resolve(failure('aborted', 'check aborted', started));
    const agent = this.agents.agentFor(req.tls);
    if (typeof agent === 'string') return Promise.resolve(failure('config', agent, started));
    return new Promise<HttpResult>((resolve) => {
      const exchange = new Exchange(
        agent,
        this.agents,
        this.headersFor(req),
        this.connectTimeoutMs,
        req,
        url,
        started,
        resolve,
      );
      exchange.dispatch();
    });
  }

  /** Destroys the pool; requests still in flight resolve as `aborted`. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.agents.destroy();
  }

  private headersFor(req: HttpRequest): Record<string, string> {
    const given = req.headers;
    if (given === undefined) return this.defaultHeaders;
    for (const name in given) if (name.toLowerCase() === 'user-agent') return given;
    return { 'user-agent': this.userAgent, ...given };
  }
}

type ResponseHeaders = Record<string, string | string[] | undefined>;

/** One request() call across its redirect hops; it is also the undici dispatch handler of each hop. */
class Exchange implements Dispatcher.DispatchHandler {
  private readonly agent: Agent;
  private readonly agents: AgentPool;
  private readonly connectTimeoutMs: number;
  private readonly req: HttpRequest;
  private readonly resolve: (result: HttpResult) => void;
  private readonly started: number;
  private readonly maxBody: number;
  private readonly maxRedirects: number;
  private readonly timer: NodeJS.Timeout;
  private url: URL;
  private method: string;
  private headers: Record<string, string>;
  private body: string | undefined;
  private redirects = 0;
  private done = false;
  private controller: Dispatcher.DispatchController | null = null;
  private phase: Phase = 'connect';
  private status = 0;
  private responseHeaders: ResponseHeaders = {};
  private chunks: Buffer[] = [];
  private size = 0;
  private following = false;

  constructor(
    agent: Agent,
    agents: AgentPool,
    headers: Record<string, string>,
    connectTimeoutMs: number,
    req: HttpRequest,
    url: URL,
    started: number,
    resolve: (result: HttpResult) => void,
  ) {
    this.agent = agent;
    this.agents = agents;
    this.headers = headers;
    this.connectTimeoutMs = connectTimeoutMs;
    this.req = req;
    this.url = url;
    this.started = started;
    this.resolve = resolve;
    if (url.username !== '' || url.password !== '') this.headers = withBasicAuth(headers, url);
    this.method = req.method === undefined ? 'GET' : req.method.toUpperCase();
    this.body = req.body;
    this.maxBody = req.maxBodyBytes ?? DEFAULT_MAX_BODY;
    this.maxRedirects = req.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    this.timer = setTimeout(onDeadline, req.timeoutMs, this);
    req.signal?.addEventListener('abort', this, ONCE);
  }

  dispatch(): void {
    this.phase = 'connect';
    this.status = 0;
    this.size = 0;
    this.following = false;
    this.controller = null;
    const ms = this.req.timeoutMs;
    this.agent.dispatch(
      {
        origin: this.url.origin,
        path: this.url.pathname + this.url.search,
        method: this.method as Dispatcher.HttpMethod,
        headers: this.headers,
        body: this.body ?? null,
        headersTimeout: ms,
        bodyTimeout: ms,
      },
      this,
    );
  }

  /** The caller's signal fired (an EventListener object, so no closure per request). */
  handleEvent(): void {
    this.fail('aborted', 'check aborted');
  }

  deadline(): void {
    const ms = this.req.timeoutMs;
    if (this.phase === 'body') this.fail('timeout', `response not complete within ${ms} ms`, this.status);
    else this.fail('timeout', `no response within ${ms} ms`);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.done) {
      controller.abort(new Error('request already settled'));
      return;
    }
    this.controller = controller;
    this.phase = 'headers';
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: ResponseHeaders,
  ): void {
    if (this.done) return;
    this.status = statusCode;
    this.responseHeaders = headers;
    this.phase = 'body';
    if (this.maxRedirects > 0 && REDIRECTS.has(statusCode) && typeof headers.location === 'string') {
      if (this.redirects >= this.maxRedirects) {
        const last = redactUrl(this.url.href);
        this.fail(
          'too-many-redirects',
          `more than ${this.maxRedirects} redirects (last: ${last})`,
          statusCode,
        );
        return;
      }
      this.following = true;
      return;
    }
    const declared = headers['content-length'];
    if (typeof declared === 'string' && Number(declared) > this.maxBody) this.tooLarge();
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.done) return;
    this.size += chunk.length;
    if (this.size > this.maxBody) this.tooLarge();
    else if (!this.following) this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.done) return;
    if (this.following && this.follow()) return;
    const chunks = this.chunks;
    let bodyText = '';
    if (chunks.length === 1) bodyText = decoder.decode(chunks[0]);
    else if (chunks.length > 1) bodyText = decoder.decode(Buffer.concat(chunks, this.size));
    const result: HttpResult = {
      ok: true,
      status: this.status,
      headers: flattenHeaders(this.responseHeaders),
      bodyText,
      latencyMs: elapsed(this.started),
      finalUrl: this.redirects === 0 ? this.req.url : this.url.href,
    };
    const certificate = this.url.protocol === 'https:' ? this.agents.certificateOf(this.url) : undefined;
    if (certificate !== undefined) result.certificate = certificate;
    this.settle(result);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.done) return;
    const { kind, message } = describeError(
      error,
      this.url,
      this.phase,
      this.req.timeoutMs,
      this.connectTimeoutMs,
    );
    this.fail(kind, message, this.phase === 'body' ? this.status : undefined);
  }

  fail(errorKind: ErrorKind, error: string, status?: number): void {
    if (this.done) return;
    const result: HttpResult = { ok: false, errorKind, error, latencyMs: elapsed(this.started) };
    if (status !== undefined && status > 0) result.status = status;
    this.settle(result);
    const controller = this.controller;
    if (controller !== null && !controller.aborted) controller.abort(new Error(error));
  }

  private tooLarge(): void {
    this.fail('too-large', `response body exceeds ${formatBytes(this.maxBody)}`, this.status);
  }

  private settle(result: HttpResult): void {
    this.done = true;
    this.chunks = [];
    clearTimeout(this.timer);
    this.req.signal?.removeEventListener('abort', this);
    this.resolve(result);
  }

  /** Starts the next hop; false when the Location cannot be followed, so this response is the answer. */
  private follow(): boolean {
    let next: URL;
    try {
      next = new URL(this.responseHeaders.location as string, this.url);
    } catch {
      return false;
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return false;
    const status = this.status;
    if (status === 303 || ((status === 301 || status === 302) && this.method === 'POST')) {
      if (this.method !== 'HEAD') this.method = 'GET';
      this.body = undefined;
      this.headers = withoutHeaders(this.headers, ['content-type', 'content-length']);
    }
    if (next.origin !== this.url.origin) this.headers = withoutHeaders(this.headers, CREDENTIAL_HEADERS);
    this.redirects++;
    this.url = next;
    this.chunks = [];
    // Leave undici's completion callback before dispatching the next hop.
    queueMicrotask(() => {
      if (!this.done) this.dispatch();
    });
    return true;
  }
}

function onDeadline(exchange: Exchange): void {
  exchange.deadline();
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

function failure(errorKind: ErrorKind, error: string, started: number): HttpResult {
  return { ok: false, errorKind, error, latencyMs: elapsed(started) };
}

function flattenHeaders(headers: ResponseHeaders): Record<string, string> {
  for (const name in headers) {
    if (typeof headers[name] !== 'string') {
      const flat: Record<string, string> = {};
      for (const [key, value] of Object.entries(headers)) {
        if (value !== undefined) flat[key] = typeof value === 'string' ? value : value.join(', ');
      }
      return flat;
    }
  }
  return headers as Record<string, string>;
}

/** `https://user:pass@host/` sends Basic auth, unless the caller set an Authorization header. */
function withBasicAuth(headers: Record<string, string>, url: URL): Record<string, string> {
  for (const name in headers) if (name.toLowerCase() === 'authorization') return headers;
  let user = url.username;
  let pass = url.password;
  try {
    user = decodeURIComponent(user);
    pass = decodeURIComponent(pass);
  } catch {
    // Keep the percent-encoded form.
  }
  return { ...headers, authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

function withoutHeaders(headers: Record<string, string>, drop: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (!drop.includes(name.toLowerCase())) kept[name] = value;
  return kept;
}

function formatBytes(n: number): string {
  if (n >= 1_048_576 && n % 1_048_576 === 0) return `${n / 1_048_576} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
