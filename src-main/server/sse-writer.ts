import type { ServerResponse } from 'node:http';
import type { EngineEvent } from '../api/contract.ts';

/** How long events may wait to share one write with the next ones. */
export const SSE_BATCH_MS = 100;
/**
 * What may wait in memory for a client that stopped reading (a frozen tab, a stalled proxy): past it
 * the stream is closed; EventSource reconnects and starts again from a fresh snapshot.
 */
export const SSE_MAX_BUFFERED_BYTES = 1024 * 1024;

export interface SseWriter {
  send(event: EngineEvent): void;
  /** A comment line: keeps proxies and idle timers from closing the stream. */
  keepAlive(): void;
  close(): void;
}

/**
 * An event stream's writer that gathers the events of each SSE_BATCH_MS into one write: with a
 * thousand monitors checked every 10 s, a hundred events a second become ten chunks, and the page
 * reading them wakes ten times a second, not a hundred.
 */
export function createSseWriter(
  res: ServerResponse,
  batchMs = SSE_BATCH_MS,
  maxBufferedBytes = SSE_MAX_BUFFERED_BYTES,
): SseWriter {
  let pending = '';
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (pending === '' || res.destroyed) return;
    if (res.writableLength > maxBufferedBytes) {
      pending = '';
      res.destroy();
      return;
    }
    res.write(pending);
    pending = '';
  };
  return {
    send(event) {
      if (res.destroyed) return;
      pending += `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
      timer ??= setTimeout(flush, batchMs);
    },
    keepAlive() {
      pending += ': keep-alive\n\n';
      flush();
    },
    close() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = '';
    },
  };
}
