import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type EventRequest,
  type IntakeResult,
  MAX_EVENT_BODY_BYTES,
} from '../engine/pipeline/pipeline-intake.ts';
import { readCappedBody } from './request-body.ts';

export interface EventIntake {
  receive(monitorId: string, request: EventRequest): IntakeResult;
}

type Send = (res: ServerResponse, status: number, body: unknown) => void;

/** `POST /events/:monitorId`. A body over 1 MiB is answered 413 and never kept (`readCappedBody`). */
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
  const rawBody = await readCappedBody(req, res, MAX_EVENT_BODY_BYTES);
  if (rawBody === null) return send(res, 413, { error: 'request body too large (limit 1 MiB)' });
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
