import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from '../engine/http/node-http.ts';
import { DISCORD_LIMITS } from '../engine/notify/discord-limits.ts';

/**
 * A Discord-compatible webhook endpoint on 127.0.0.1 for tests and the demo's "Discord sink": it
 * enforces Discord's embed limits with 400s, rate-limits each webhook, and answers 404 for unknown ones.
 */

/** `hold`: valid messages are answered only on `release()`; one whose connection dies first is not received. */
export type FakeDiscordMode = 'normal' | 'fail-500' | 'unknown-webhook' | 'unauthorized' | 'hold';

export interface FakeDiscordOptions {
  port?: number;
  /** Time source for the rate-limit window and `received[].at`; tests may share a virtual clock with the notifier. */
  now?: () => number;
  /** Requests per window and webhook, like Discord's 5 per 2 s (the default); false turns it off. */
  rateLimit?: { limit: number; windowMs: number } | false;
}

/** Who a message would notify, by Discord's rules: only `content` mentions count, filtered by `allowed_mentions`. */
export interface Pings {
  everyone: boolean;
  roles: string[];
  users: string[];
}

export interface ReceivedMessage {
  /** The webhook id. */
  webhook: string;
  body: unknown;
  at: number;
  query: Record<string, string>;
  pings: Pings;
}

export interface FakeAnswer {
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeDiscord {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Creates (or re-creates) a webhook and returns its URL; a random token unless one is given. */
  webhookUrl(id?: string, token?: string): string;
  received: ReceivedMessage[];
  readonly requests: number;
  setMode(mode: FakeDiscordMode): void;
  /** Valid messages waiting for `release()` (mode `hold`). */
  readonly held: number;
  /** Accepts and answers every held message whose connection is still open. */
  release(): void;
  /** The next `n` requests get `status` (default 500) with a Discord-like body, or the given one. */
  failNext(n: number, status?: number, answer?: FakeAnswer): void;
  deleteWebhook(id: string): void;
  close(): Promise<void>;
}

const DEFAULT_WEBHOOK_ID = '112233445566778899';
const CHANNEL_ID = '900000000000000001';
const MAX_BODY_BYTES = 8 * 1_048_576;
const WEBHOOK_ROUTE = /^\/api(?:\/v\d+)?\/webhooks\/([^/]+)\/([^/]+)\/?$/;

const UNKNOWN_WEBHOOK = { message: 'Unknown Webhook', code: 10015 };
const INVALID_TOKEN = { message: 'Invalid Webhook Token', code: 50027 };

type ErrorTree = { _errors?: Array<{ code: string; message: string }>; [key: string]: unknown };

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const now = options.now ?? (() => Date.now());
  const rateLimit = options.rateLimit === undefined ? { limit: 5, windowMs: 2000 } : options.rateLimit;
  const webhooks = new Map<string, string>();
  const windows = new Map<string, number[]>();
  const failures: Array<{ status: number; answer: FakeAnswer | undefined }> = [];
  const received: ReceivedMessage[] = [];
  const held = new Set<{ res: ServerResponse; accept: () => void }>();
  let mode: FakeDiscordMode = 'normal';
  let requests = 0;
  let messageSeq = 0;

  const rateState = (id: string, consume: boolean) => {
    if (!rateLimit) return { allowed: true, headers: {} as Record<string, string>, retryAfter: 0 };
    const t = now();
    const sent = (windows.get(id) ?? []).filter((at) => at > t - rateLimit.windowMs);
    const allowed = sent.length < rateLimit.limit;
    if (consume && allowed) sent.push(t);
    windows.set(id, sent);
    const resetAfter = sent.length === 0 ? 0 : ((sent[0] ?? t) + rateLimit.windowMs - t) / 1000;
    return {
      allowed,
      retryAfter: resetAfter,
      headers: {
        'x-ratelimit-limit': String(rateLimit.limit),
        'x-ratelimit-remaining': String(Math.max(0, rateLimit.limit - sent.length)),
        'x-ratelimit-reset': ((t + resetAfter * 1000) / 1000).toFixed(3),
        'x-ratelimit-reset-after': resetAfter.toFixed(3),
        'x-ratelimit-bucket': `webhook-${id}`,
      },
    };
  };

  const reply = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    if (body === undefined || status === 204) {
      res.writeHead(status, headers).end();
      return;
    }
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = WEBHOOK_ROUTE.exec(url.pathname);
    if (!route) return reply(res, 404, { message: '404: Not Found', code: 0 });
    if (req.method !== 'POST') return reply(res, 405, { message: '405: Method Not Allowed', code: 0 });
    const raw = await readBody(req);
    if (raw === null) return reply(res, 413, { message: 'Request entity too large', code: 40005 });
    const id = decodeURIComponent(route[1] ?? '');
    const token = decodeURIComponent(route[2] ?? '');

    const failure = failures.shift();
    if (failure) {
      const rate = rateState(id, false).headers;
      return reply(res, failure.status, failure.answer?.body ?? failureBody(failure.status), {
        ...rate,
        ...(failure.status === 429 && !failure.answer && { 'retry-after': '1' }),
        ...failure.answer?.headers,
      });
    }
    if (mode === 'fail-500') return reply(res, 500, { message: '500: Internal Server Error', code: 0 });
    if (mode === 'unknown-webhook' || !webhooks.has(id))
      return reply(res, 404, UNKNOWN_WEBHOOK, rateState(id, false).headers);
    if (mode === 'unauthorized' || webhooks.get(id) !== token)
      return reply(res, 401, INVALID_TOKEN, rateState(id, false).headers);

    const rate = rateState(id, true);
    if (!rate.allowed) {
      const retryAfter = Math.ceil(rate.retryAfter * 1000) / 1000;
      return reply(
        res,
        429,
        { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
        { ...rate.headers, 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-scope': 'shared' },
      );
    }

    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return reply(
        res,
        400,
        { message: 'The request body contains invalid JSON.', code: 50109 },
        rate.headers,
      );
    }
    const problem = validateMessage(body);
    if (problem) return reply(res, 400, problem, rate.headers);

    const accept = () => answer(res, id, url, body as Record<string, unknown>, rate.headers);
    if (mode === 'hold') {
      const entry = { res, accept };
      held.add(entry);
      res.on('close', () => held.delete(entry));
      return;
    }
    accept();
  };

  const answer = (
    res: ServerResponse,
    id: string,
    url: URL,
    message: Record<string, unknown>,
    headers: Record<string, string>,
  ) => {
    const at = now();
    const query = Object.fromEntries(url.searchParams);
    const pings = pingsOf(message);
    received.push({ webhook: id, body: message, at, query, pings });
    if (query.wait !== 'true') return reply(res, 204, undefined, headers);
    messageSeq++;
    return reply(
      res,
      200,
      {
        id: String(1_300_000_000_000_000_000n + BigInt(messageSeq)),
        type: 0,
        content: typeof message.content === 'string' ? message.content : '',
        channel_id: query.thread_id ?? CHANNEL_ID,
        webhook_id: id,
        author: {
          id,
          username: typeof message.username === 'string' ? message.username : 'Captain Hook',
          bot: true,
          discriminator: '0000',
        },
        embeds: Array.isArray(message.embeds) ? message.embeds.map((e) => ({ type: 'rich', ...e })) : [],
        attachments: [],
        mentions: pings.users.map((u) => ({ id: u })),
        mention_roles: pings.roles,
        mention_everyone: pings.everyone,
        pinned: false,
        tts: false,
        flags: 0,
        components: [],
        timestamp: new Date(at).toISOString(),
      },
      headers,
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    webhookUrl(id = DEFAULT_WEBHOOK_ID, token) {
      const t = token ?? webhooks.get(id) ?? randomBytes(33).toString('base64url');
      webhooks.set(id, t);
      return `${base}/api/webhooks/${encodeURIComponent(id)}/${encodeURIComponent(t)}`;
    },
    received,
    get requests() {
      return requests;
    },
    setMode(next) {
      mode = next;
    },
    get held() {
      return held.size;
    },
    release() {
      for (const entry of [...held]) {
        held.delete(entry);
        const socket = entry.res.socket;
        if (!entry.res.destroyed && socket && !socket.destroyed) entry.accept();
      }
    },
    failNext(n, status = 500, answer) {
      for (let i = 0; i < n; i++) failures.push({ status, answer });
    },
    deleteWebhook(id) {
      webhooks.delete(id);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function failureBody(status: number): unknown {
  if (status === 429) return { message: 'You are being rate limited.', retry_after: 1, global: false };
  if (status === 400) return { message: 'Invalid Form Body', code: 50035, errors: {} };
  if (status === 401) return INVALID_TOKEN;
  if (status === 404) return UNKNOWN_WEBHOOK;
  return { message: `${status}: ${status >= 500 ? 'Internal Server Error' : 'Error'}`, code: 0 };
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Discord counts characters (code points), not UTF-16 units. */
const chars = (s: string) => [...s].length;

/** Collects errors in Discord's nested shape: `{ embeds: { 0: { title: { _errors: [...] } } } }`. */
class FormErrors {
  readonly tree: ErrorTree = {};

  get empty(): boolean {
    return Object.keys(this.tree).length === 0;
  }

  add(path: Array<string | number>, code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as ErrorTree;
    }
    node._errors ??= [];
    node._errors.push({ code, message });
  }

  /** Checks an optional or required string against a length limit; returns the characters it counts. */
  text(path: Array<string | number>, value: unknown, max: number, required: boolean): number {
    if (value === undefined || value === null) {
      if (required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return 0;
    }
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
      return 0;
    }
    if (required && value.trim() === '') this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    else if (chars(value) > max) this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    return chars(value);
  }
}

const DICT_ERROR = { code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' };

/** A Discord-shaped 400 body for the problems found, or null when Discord would accept the message. */
export function validateMessage(body: unknown): Record<string, unknown> | null {
  if (!isObject(body)) return invalidForm({ _errors: [DICT_ERROR] });
  const form = new FormErrors();
  form.text(['content'], body.content, DISCORD_LIMITS.content, false);
  if (body.username !== undefined) form.text(['username'], body.username, 80, true);
  const embeds = body.embeds;
  if (embeds !== undefined && embeds !== null) {
    if (!Array.isArray(embeds)) form.add(['embeds'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    else if (embeds.length > DISCORD_LIMITS.embeds) {
      form.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${DISCORD_LIMITS.embeds} or fewer in length.`);
    } else {
      let total = 0;
      for (const [i, embed] of embeds.entries()) total += validateEmbed(form, i, embed);
      if (form.empty && total > DISCORD_LIMITS.totalEmbedChars) {
        const message = `Embed size exceeds maximum size of ${DISCORD_LIMITS.totalEmbedChars}`;
        form.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', message);
      }
    }
  }
  const allowed = body.allowed_mentions;
  if (isObject(allowed) && Array.isArray(allowed.parse)) {
    for (const type of ['roles', 'users'] as const) {
      const list = allowed[type];
      if (allowed.parse.includes(type) && Array.isArray(list) && list.length > 0) {
        const message = `parse:["${type}"] and ${type}: [ids...] are mutually exclusive.`;
        form.add(['allowed_mentions', type], 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', message);
      }
    }
  }
  if (!form.empty) return invalidForm(form.tree);
  const hasContent = typeof body.content === 'string' && body.content.length > 0;
  const hasEmbeds = Array.isArray(embeds) && embeds.length > 0;
  if (!hasContent && !hasEmbeds) return { message: 'Cannot send an empty message', code: 50006 };
  return null;
}

/** Validates one embed; returns the characters it counts towards the 6000 total. */
function validateEmbed(form: FormErrors, i: number, embed: unknown): number {
  const at = (...path: Array<string | number>) => ['embeds', i, ...path];
  if (!isObject(embed)) {
    form.add(at(), DICT_ERROR.code, DICT_ERROR.message);
    return 0;
  }
  let total = form.text(at('title'), embed.title, DISCORD_LIMITS.title, false);
  total += form.text(at('description'), embed.description, DISCORD_LIMITS.description, false);
  const { color, timestamp } = embed;
  if (
    color !== undefined &&
    color !== null &&
    !(Number.isInteger(color) && (color as number) >= 0 && (color as number) <= 0xffffff)
  ) {
    form.add(at('color'), 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
  }
  if (timestamp !== undefined && (typeof timestamp !== 'string' || Number.isNaN(Date.parse(timestamp)))) {
    form.add(
      at('timestamp'),
      'DATE_TIME_TYPE_PARSE',
      `Could not parse ${String(timestamp)}. Should be ISO8601.`,
    );
  }
  if (embed.footer !== undefined) {
    const text = isObject(embed.footer) ? embed.footer.text : undefined;
    total += form.text(at('footer', 'text'), text, DISCORD_LIMITS.footer, true);
  }
  if (embed.author !== undefined) {
    const name = isObject(embed.author) ? embed.author.name : undefined;
    total += form.text(at('author', 'name'), name, DISCORD_LIMITS.authorName, true);
  }
  if (embed.fields === undefined) return total;
  if (!Array.isArray(embed.fields)) {
    form.add(at('fields'), 'BASE_TYPE_ARRAY', 'Must be an array.');
    return total;
  }
  if (embed.fields.length > DISCORD_LIMITS.fields) {
    form.add(at('fields'), 'BASE_TYPE_MAX_LENGTH', `Must be ${DISCORD_LIMITS.fields} or fewer in length.`);
  }
  for (const [j, field] of embed.fields.entries()) {
    const f = isObject(field) ? field : {};
    total += form.text(at('fields', j, 'name'), f.name, DISCORD_LIMITS.fieldName, true);
    total += form.text(at('fields', j, 'value'), f.value, DISCORD_LIMITS.fieldValue, true);
  }
  return total;
}

function invalidForm(errors: ErrorTree): Record<string, unknown> {
  return { code: 50035, errors, message: 'Invalid Form Body' };
}

/** Mentions in `content` that would notify someone, after `allowed_mentions` (absent = everything parses). */
export function pingsOf(message: Record<string, unknown>): Pings {
  const content = typeof message.content === 'string' ? message.content : '';
  const roles = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] ?? '');
  const users = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? '');
  const everyone = /@(everyone|here)/.test(content);
  const allowed = message.allowed_mentions;
  if (!isObject(allowed)) return { everyone, roles: unique(roles), users: unique(users) };
  const parse = Array.isArray(allowed.parse) ? allowed.parse : [];
  const only = (type: 'roles' | 'users', found: string[]) => {
    if (parse.includes(type)) return unique(found);
    const list = Array.isArray(allowed[type]) ? (allowed[type] as unknown[]).map(String) : [];
    return unique(found.filter((id) => list.includes(id)));
  };
  return {
    everyone: everyone && parse.includes('everyone'),
    roles: only('roles', roles),
    users: only('users', users),
  };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
