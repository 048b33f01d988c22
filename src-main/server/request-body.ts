import type { IncomingMessage, ServerResponse } from 'node:http';

/** How much more of a refused body is read and dropped before its answer, and for how long. */
const DRAIN_BYTES = 8 * 1_048_576;
const DRAIN_MS = 5_000;

/**
 * A request's body, or null when it is longer than `limit`. A longer body is still read to its end
 * and dropped (up to 8 MiB more, for at most 5 s) before the caller answers 413: a server that
 * answers while the sender is still writing and then closes makes the kernel reset the connection,
 * and the reset can reach the sender before the answer does ("write EPIPE" instead of a 413).
 * Past that bound the answer closes the connection; nothing over `limit` is ever kept.
 */
export function readCappedBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
): Promise<Buffer | null> {
  if (Number(req.headers['content-length']) > limit + DRAIN_BYTES) {
    closeAfterAnswer(req, res);
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let drainTimer: NodeJS.Timeout | undefined;
    const settle = () => {
      clearTimeout(drainTimer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const refuse = () => {
      settle();
      closeAfterAnswer(req, res);
      resolve(null);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      if (drainTimer === undefined) {
        chunks.length = 0;
        drainTimer = setTimeout(refuse, DRAIN_MS);
        drainTimer.unref();
      }
      if (size > limit + DRAIN_BYTES) refuse();
    };
    const onEnd = () => {
      settle();
      resolve(size > limit ? null : Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      settle();
      reject(err);
    };
    const onClose = () => onError(new Error('the sender closed the connection before the body ended'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** The answer says the connection closes, and it does once the answer is written; the rest of the body is dropped. */
function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  res.once('finish', () => req.destroy());
  req.resume();
}
