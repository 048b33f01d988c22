import type { Agent, ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { redactUrl } from '../redact.ts';
import type { ErrorKind } from '../sample.ts';
import { AgentPool } from './agent-pool.ts';
import { describeError, noConnection, type Phase } from './network-error.ts';
import { httpRequest, httpsRequest } from './node-http.ts';
import { OriginSlots } from './origin-slots.ts';
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
/** Errors of a request written to a kept-alive socket that the server had just closed. */
const STALE_SOCKET_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);
const decoder = new TextDecoder();
const ONCE = { once: true } as const;

/**
 * HTTP for probes on `node:http`/`node:https`: keep-alive agents (a pool per origin), a size cap, a
 * connect timeout and an overall deadline, a bounded number of redirects, and every failure turned
 * into a readable, redacted `HttpResult`. Never throws.
 */
export class HttpClient {
  private readonly agents = new AgentPool();
  private readonly slots: OriginSlots;
  private readonly connectTimeoutMs: number;
  private readonly userAgent: string;
  private readonly defaultHeaders: Record<string, string>;
  private readonly live = new Set<Exchange>();
  private closed = false;

  constructor(options: HttpClientOptions = {}) {
    this.userAgent = options.userAgent ?? 'Solvewatch';
    this.defaultHeaders = { 'user-agent': this.userAgent };
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.slots = new OriginSlots(options.connections ?? 64);
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
    return new Promise<HttpResult>((resolve) => {
      const exchange = new Exchange(
        this.agents,
        this.slots,
        this.headersFor(req),
        this.connectTimeoutMs,
        req,
        url,
        started,
        (result) => {
          this.live.delete(exchange);
          resolve(result);
        },
      );
      this.live.add(exchange);
      exchange.dispatch();
    });
  }

  /** Closes every socket; requests still in flight resolve as `aborted`. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const exchange of [...this.live]) exchange.fail('aborted', 'HTTP client is closed');
    this.agents.destroy();
  }

  private headersFor(req: HttpRequest): Record<string, string> {
    const given = req.headers;
    if (given === undefined) return this.defaultHeaders;
    for (const name in given) if (name.toLowerCase() === 'user-agent') return given;
    return { 'user-agent': this.userAgent, ...given };
  }
}

/** One request() call across its redirect hops, each hop one `node:http` request. */
class Exchange {
  private readonly agents: AgentPool;
  private readonly slots: OriginSlots;
  private readonly connectTimeoutMs: number;
  private readonly req: HttpRequest;
  private readonly resolve: (result: HttpResult) => void;
  private readonly started: number;
  private readonly maxBody: number;
  private readonly maxRedirects: number;
  private readonly timer: NodeJS.Timeout;
  private connectTimer: NodeJS.Timeout | undefined;
  private release: () => void = noop;
  private agent: Agent | null = null;
  private url: URL;
  private method: string;
  private headers: Record<string, string>;
  private body: string | undefined;
  private redirects = 0;
  private retried = false;
  private done = false;
  private request: ClientRequest | null = null;
  private response: IncomingMessage | null = null;
  private phase: Phase = 'connect';
  private status = 0;
  private chunks: Buffer[] = [];
  private size = 0;
  private following = false;
  private certificate: PeerCertificate | undefined;

  constructor(
    agents: AgentPool,
    slots: OriginSlots,
    headers: Record<string, string>,
    connectTimeoutMs: number,
    req: HttpRequest,
    url: URL,
    started: number,
    resolve: (result: HttpResult) => void,
  ) {
    this.agents = agents;
    this.slots = slots;
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

  /** Sends the current hop once its origin has a free slot. */
  dispatch(): void {
    const route = this.agents.agentFor(this.url, this.req.tls);
    if (typeof route === 'string') {
      this.fail('config', route);
      return;
    }
    this.release();
    this.agent = route.agent;
    this.release = this.slots.take(route.key, () => this.send());
  }

  private send(): void {
    if (this.done || this.agent === null) return;
    this.phase = 'connect';
    this.status = 0;
    this.size = 0;
    this.chunks = [];
    this.following = false;
    this.response = null;
    this.certificate = undefined;
    const { hostname, port, pathname, search, protocol } = this.url;
    let request: ClientRequest;
    try {
      request = (protocol === 'https:' ? httpsRequest : httpRequest)({
        agent: this.agent,
        // `new URL` keeps the brackets of an IPv6 literal; the socket wants the bare address.
        hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
        port: port === '' ? undefined : port,
        path: pathname + search,
        method: this.method,
        headers: this.headers,
      });
    } catch (err) {
      this.fail('config', `invalid request: ${redactUrl((err as Error).message)}`);
      return;
    }
    this.request = request;
    request.on('socket', (socket) => this.onSocket(request, socket));
    request.on('response', (res) => this.onResponse(request, res));
    request.on('error', (err) => this.onError(request, err));
    request.end(this.body);
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

  connectDeadline(): void {
    if (this.phase === 'connect') this.fail('timeout', noConnection(this.url, this.connectTimeoutMs));
  }

  fail(errorKind: ErrorKind, error: string, status?: number): void {
    if (this.done) return;
    const result: HttpResult = { ok: false, errorKind, error, latencyMs: elapsed(this.started) };
    if (status !== undefined && status > 0) result.status = status;
    this.settle(result);
    // Destroying the request closes its socket: a socket left mid-answer never goes back to the pool.
    this.request?.destroy();
  }

  private onSocket(request: ClientRequest, socket: Socket): void {
    if (request !== this.request || this.done) return;
    if (!socket.connecting) {
      this.phase = 'headers';
      return;
    }
    if (this.connectTimeoutMs < this.req.timeoutMs) {
      this.connectTimer = setTimeout(onConnectDeadline, this.connectTimeoutMs, this);
    }
    socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
      if (request !== this.request) return;
      clearTimeout(this.connectTimer);
      if (this.phase === 'connect') this.phase = 'headers';
    });
  }

  private onResponse(request: ClientRequest, res: IncomingMessage): void {
    res.on('error', (err) => this.onError(request, err));
    if (request !== this.request || this.done) {
      res.resume();
      return;
    }
    clearTimeout(this.connectTimer);
    this.response = res;
    this.status = res.statusCode ?? 0;
    this.phase = 'body';
    if (this.url.protocol === 'https:') this.certificate = this.agents.certificateOf(res.socket);
    res.on('data', (chunk: Buffer) => this.onData(res, chunk));
    res.on('end', () => this.onEnd(res));
    const headers = res.headers;
    if (this.maxRedirects > 0 && REDIRECTS.has(this.status) && typeof headers.location === 'string') {
      if (this.redirects >= this.maxRedirects) {
        const last = redactUrl(this.url.href);
        this.fail(
          'too-many-redirects',
          `more than ${this.maxRedirects} redirects (last: ${last})`,
          this.status,
        );
        return;
      }
      this.following = true;
      return;
    }
    const declared = headers['content-length'];
    if (declared !== undefined && Number(declared) > this.maxBody) this.tooLarge();
  }

  private onData(res: IncomingMessage, chunk: Buffer): void {
    if (res !== this.response || this.done) return;
    this.size += chunk.length;
    if (this.size > this.maxBody) this.tooLarge();
    else if (!this.following) this.chunks.push(chunk);
  }

  private onEnd(res: IncomingMessage): void {
    if (res !== this.response || this.done) return;
    if (this.following && this.follow(res.headers)) return;
    const chunks = this.chunks;
    let bodyText = '';
    if (chunks.length === 1) bodyText = decoder.decode(chunks[0]);
    else if (chunks.length > 1) bodyText = decoder.decode(Buffer.concat(chunks, this.size));
    const result: HttpResult = {
      ok: true,
      status: this.status,
      headers: flattenHeaders(res.headers),
      bodyText,
      latencyMs: elapsed(this.started),
      finalUrl: this.redirects === 0 ? this.req.url : this.url.href,
    };
    if (this.certificate !== undefined) result.certificate = this.certificate;
    this.request = null;
    this.settle(result);
  }

  private onError(request: ClientRequest, error: Error): void {
    if (request !== this.request || this.done) return;
    // A kept-alive socket the server closed just as this request went out: once more, on a new one.
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (request.reusedSocket && this.phase !== 'body' && !this.retried && STALE_SOCKET_CODES.has(code)) {
      this.retried = true;
      this.send();
      return;
    }
    const { kind, message } = describeError(
      error,
      this.url,
      this.phase,
      this.req.timeoutMs,
      this.connectTimeoutMs,
    );
    this.fail(kind, message, this.phase === 'body' ? this.status : undefined);
  }

  private tooLarge(): void {
    this.fail('too-large', `response body exceeds ${formatBytes(this.maxBody)}`, this.status);
  }

  private settle(result: HttpResult): void {
    this.done = true;
    this.chunks = [];
    clearTimeout(this.timer);
    clearTimeout(this.connectTimer);
    this.release();
    this.req.signal?.removeEventListener('abort', this);
    this.resolve(result);
  }

  /** Starts the next hop; false when the Location cannot be followed, so this response is the answer. */
  private follow(headers: IncomingHttpHeaders): boolean {
    let next: URL;
    try {
      next = new URL(headers.location as string, this.url);
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
    this.retried = false;
    // Let the agent take the socket back (it does so after 'end') before the next hop asks for one.
    queueMicrotask(() => {
      if (!this.done) this.dispatch();
    });
    return true;
  }
}

function onDeadline(exchange: Exchange): void {
  exchange.deadline();
}

function noop(): void {}

function onConnectDeadline(exchange: Exchange): void {
  exchange.connectDeadline();
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

function failure(errorKind: ErrorKind, error: string, started: number): HttpResult {
  return { ok: false, errorKind, error, latencyMs: elapsed(started) };
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
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
