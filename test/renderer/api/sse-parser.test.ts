import { describe, expect, it } from 'vitest';
import { createSseParser, readSseFrames, type SseFrame } from '../../../src-renderer/api/sse-parser.ts';

function parse(chunks: string[]): SseFrame[] {
  const frames: SseFrame[] = [];
  const push = createSseParser((frame) => frames.push(frame));
  for (const chunk of chunks) push(chunk);
  return frames;
}

/** Every way of cutting `text` in two. */
const splits = (text: string) =>
  Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);

function streamOf(chunks: Uint8Array<ArrayBuffer>[]): ReadableStream<Uint8Array<ArrayBuffer>> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

describe('the Server-Sent-Events parser', () => {
  it('reads the event name and the data of each message', () => {
    expect(parse(['event: snapshot\ndata: {"a":1}\n\nevent: monitor\ndata: {"b":2}\n\n'])).toEqual([
      { event: 'snapshot', data: '{"a":1}' },
      { event: 'monitor', data: '{"b":2}' },
    ]);
  });

  it('joins multi-line data with newlines and names unnamed messages "message"', () => {
    expect(parse(['data: first\ndata:second\ndata:  third\n\n'])).toEqual([
      { event: 'message', data: 'first\nsecond\n third' },
    ]);
  });

  it('skips comments and keep-alives, and messages without data', () => {
    expect(parse([': keep-alive\n\n', 'event: lonely\n\n', ':x\ndata: kept\n: between\n\n'])).toEqual([
      { event: 'message', data: 'kept' },
    ]);
  });

  it('accepts \\r\\n and \\r line ends, even when a \\r\\n is split across chunks', () => {
    const text = 'event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r';
    const expected = [
      { event: 'a', data: '1' },
      { event: 'b', data: '2' },
    ];
    for (const chunks of splits(text)) expect(parse(chunks)).toEqual(expected);
    expect(parse([...text])).toEqual(expected);
  });

  it('gives the same messages however the stream is cut into chunks', () => {
    const text = 'event: snapshot\ndata: {"x":"é"}\n\n: ping\n\ndata: a\ndata: b\n\n';
    const whole = parse([text]);
    expect(whole).toHaveLength(2);
    for (const chunks of splits(text)) expect(parse(chunks)).toEqual(whole);
    expect(parse([...text])).toEqual(whole);
  });

  it('waits for the blank line before delivering a message', () => {
    const frames: SseFrame[] = [];
    const push = createSseParser((frame) => frames.push(frame));
    push('event: monitor\ndata: {}\n');
    expect(frames).toEqual([]);
    push('\n');
    expect(frames).toEqual([{ event: 'monitor', data: '{}' }]);
  });

  it('decodes a byte stream whose chunks split a multi-byte character and drops an unfinished message', async () => {
    const bytes = new TextEncoder().encode('event: snapshot\ndata: {"name":"Müller ✓"}\n\ndata: unfinished');
    const cut = bytes.indexOf(0xc3) + 1;
    const frames: SseFrame[] = [];
    for await (const frame of readSseFrames(streamOf([bytes.slice(0, cut), bytes.slice(cut)]))) {
      frames.push(frame);
    }
    expect(frames).toEqual([{ event: 'snapshot', data: '{"name":"Müller ✓"}' }]);
  });
});
