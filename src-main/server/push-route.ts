import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeartbeatSignal } from '../engine/monitors/heartbeat-signal.ts';
import type { HeartbeatResult } from '../engine/monitors/monitoring.ts';
import { type PushRequest, pushMessage } from './push-request.ts';

export interface HeartbeatIntake {
  recordHeartbeat(id: string, token: string | null, signal?: HeartbeatSignal): HeartbeatResult;
}

type Send = (res: ServerResponse, status: number, body: unknown) => void;

/** `GET|POST /push/:id[/signal]`: a heartbeat, with the monitor's `?token=` when it has one. */
export async function servePush(
  engine: HeartbeatIntake,
  push: PushRequest,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  send: Send,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') {
    req.resume();
    return send(res, 405, { error: 'use GET or POST' });
  }
  if (push.signal === null) {
    req.resume();
    return send(res, 404, {
      error: 'push to /push/<id>, /push/<id>/fail, /push/<id>/start or /push/<id>/<0-255>',
    });
  }
  const message = await pushMessage(req, url);
  const signal = message === undefined ? push.signal : { ...push.signal, message };
  const result = engine.recordHeartbeat(push.id, url.searchParams.get('token'), signal);
  if (result === 'not-found') return send(res, 404, { error: 'no heartbeat monitor with that id' });
  if (result === 'forbidden') {
    return send(res, 403, { error: 'wrong or missing ?token= for this heartbeat monitor' });
  }
  send(res, 200, { ok: true });
}
