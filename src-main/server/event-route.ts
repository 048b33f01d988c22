import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type EventRequest,
  type IntakeResult,
  MAX_EVENT_BODY_BYTES,
} from '../engine/pipeline/pipeline-intake.ts';

export interface EventIntake {
  receive(monitorId: string, request: EventRequest): IntakeResult;
}

type Send = (res: ServerResponse, status: number, body: unknown) => void;

/**
 * `POST /events/:monitorId`. The body is read up to 1 MiB and no further: a larger one is answered
 * 413 and its connection closed, so no sender can hold memory or the event loop.
 */
export async function serveEvents(
  intake: EventIntake,
  monitorId: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  send: Send,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    req.resume();
    return send(res, 405, { error: 'use POST' });
  }
  const declared = Number(req.headers['content-length']);
  const rawBody = declared > MAX_EVENT_BODY_BYTES ? null : await readCapped(req);
  if (rawBody === null) {
    res.setHeader('connection', 'close');
    send(res, 413, { error: 'request body too large (limit 1 MiB)' });
    res.once('finish', () => req.destroy());
    return;
  }
  const result = intake.receive(monitorId, {
    rawBody,
    header: (name) => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    },
    queryToken: url.searchParams.get('token'),
    remoteAddress: req.socket.remoteAddress ?? null,
  });
  if (result.status === 202) return send(res, 202, result.body);
  if (result.status === 401) res.setHeader('www-authenticate', 'Signature, Bearer realm="solvewatch-events"');
  send(res, result.status, { error: result.error });
}

/** The body, or null once it passes the limit (the rest is not read). */
async function readCapped(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_EVENT_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
