import type { IncomingMessage } from 'node:http';
import {
  capMessage,
  type HeartbeatSignal,
  MAX_MESSAGE_BYTES,
  signalOfPath,
} from '../engine/monitors/heartbeat-signal.ts';

/** `/push/:id`, `/push/:id/fail`, `/push/:id/start`, `/push/:id/<exit status>`. */
const PUSH_PATH = /^\/push\/([^/]+)(?:\/([^/]+))?$/;

export interface PushRequest {
  id: string;
  /** null when the path's last segment is neither a signal nor an exit status 0–255. */
  signal: HeartbeatSignal | null;
}

/** The push a path addresses, or null when the path is not a push URL. */
export function pushOfPath(path: string): PushRequest | null {
  const match = PUSH_PATH.exec(path);
  if (!match) return null;
  return { id: decodeURIComponent(match[1] ?? ''), signal: signalOfPath(match[2]) };
}

/**
 * The message of a push: `?msg=…`, else the request's text body. Only the first bytes are read
 * (a log tail piped into curl can be long); the rest of the body is drained unread.
 */
export async function pushMessage(req: IncomingMessage, url: URL): Promise<string | undefined> {
  const query = url.searchParams.get('msg');
  if (query !== null) {
    req.resume();
    return query.trim() === '' ? undefined : capMessage(query);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    if (size <= MAX_MESSAGE_BYTES) chunks.push(chunk);
    size += chunk.length;
  }
  const text = Buffer.concat(chunks)
    .subarray(0, MAX_MESSAGE_BYTES + 4)
    .toString('utf8');
  return text.trim() === '' ? undefined : capMessage(text);
}
