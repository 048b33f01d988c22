import { createHmac, timingSafeEqual } from 'node:crypto';
import { listenLoopback } from './loopback-server.ts';

/** `verifies` checks the signature as seed 004 says to; `accepts-all` is the endpoint it warns about. */
export type FakeReceiverMode = 'verifies' | 'accepts-all' | 'fails';

export interface FakeWebhookReceiver {
  /** `http://127.0.0.1:<port>/webhooks/captcha` */
  readonly url: string;
  /** Events it accepted as genuine. */
  readonly accepted: unknown[];
  readonly refused: number;
  setMode(mode: FakeReceiverMode): void;
  close(): Promise<void>;
}

/** A user's webhook endpoint: verifies the hex HMAC-SHA256 of the raw body in the signature header. */
export async function startFakeWebhookReceiver(options: {
  secret: string;
  header?: string;
  mode?: FakeReceiverMode;
}): Promise<FakeWebhookReceiver> {
  const header = (options.header ?? 'X-Webhook-Signature').toLowerCase();
  let mode: FakeReceiverMode = options.mode ?? 'verifies';
  const accepted: unknown[] = [];
  let refused = 0;
  const server = await listenLoopback((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      if (mode === 'fails') {
        res.writeHead(500).end('boom');
        return;
      }
      const given = String(req.headers[header] ?? '');
      const expected = createHmac('sha256', options.secret).update(raw).digest('hex');
      const genuine =
        given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      if (mode === 'verifies' && !genuine) {
        refused++;
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Invalid signature"}');
        return;
      }
      accepted.push(JSON.parse(raw.toString('utf8')));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  return {
    url: `${server.origin}/webhooks/captcha`,
    accepted,
    get refused() {
      return refused;
    },
    setMode: (m) => {
      mode = m;
    },
    close: () => server.close(),
  };
}
