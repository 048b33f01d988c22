/** One Server-Sent-Events message: its `event:` name (default "message") and its `data:` lines joined by "\n". */
export interface SseFrame {
  event: string;
  data: string;
}

/**
 * An incremental parser of the text/event-stream format
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * feed it decoded text in chunks of any size; it calls `onFrame` for every complete message.
 * Comments (keep-alives) are skipped; `id:` and `retry:` are ignored because the server sends a
 * full snapshot on every new connection and the client keeps its own backoff.
 */
export function createSseParser(onFrame: (frame: SseFrame) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];

  const takeLine = (line: string) => {
    if (line === '') {
      if (data.length > 0) onFrame({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };

  const lineEnd = /\r\n|\r|\n/g;
  let afterCr = false;
  return (chunk) => {
    if (chunk === '') return;
    // A "\r" that ended the last chunk may be the first half of a "\r\n".
    const text = afterCr && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
    // What is left from the last chunk holds no line end: scan only the new text.
    lineEnd.lastIndex = buffer.length;
    buffer += text;
    let start = 0;
    for (let m = lineEnd.exec(buffer); m !== null; m = lineEnd.exec(buffer)) {
      takeLine(buffer.slice(start, m.index));
      start = m.index + m[0].length;
    }
    afterCr = buffer.endsWith('\r');
    buffer = buffer.slice(start);
  };
}

/** The frames of a response body, in order; an unterminated last message is dropped, as the spec says. */
export async function* readSseFrames(
  body: ReadableStream<Uint8Array<ArrayBuffer>>,
): AsyncGenerator<SseFrame> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const pending: SseFrame[] = [];
  const push = createSseParser((frame) => pending.push(frame));
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      push(value);
      yield* pending.splice(0);
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
