import { createServer, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src-main/api/contract.ts';
import { createSseWriter, type SseWriter } from '../../src-main/server/sse-writer.ts';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A loopback stream whose writer the test drives, and the chunks its client receives, as they come. */
async function stream(batchMs: number) {
  let writer: SseWriter | null = null;
  const opened = new Promise<void>((resolve) => {
    const server = createServer((_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      writer = createSseWriter(res, batchMs);
      resolve();
    });
    server.listen(0, '127.0.0.1');
    closers.push(() => server.close());
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      void fetch(`http://127.0.0.1:${port}/`).then(async (res) => {
        const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
        closers.unshift(() => void reader?.cancel());
        for (;;) {
          const read = await reader?.read();
          if (!read || read.done) return;
          chunks.push(read.value);
          waiters.shift()?.();
        }
      });
    });
  });
  const chunks: string[] = [];
  const waiters: (() => void)[] = [];
  await opened;
  return {
    writer: writer as unknown as SseWriter,
    chunks,
    nextChunk: () => new Promise<void>((resolve) => waiters.push(resolve)),
  };
}

const event = (id: string): EngineEvent => ({ type: 'snapshot', state: { id } as never });

describe('the event stream writer', () => {
  it('sends the events of one batch window as one chunk, in order', async () => {
    const s = await stream(50);
    const arrived = s.nextChunk();
    s.writer.send(event('a'));
    s.writer.send(event('b'));
    s.writer.send(event('c'));
    await arrived;
    expect(s.chunks).toHaveLength(1);
    const data = [...(s.chunks[0] ?? '').matchAll(/data: (.*)\n\n/g)].map(
      (m) => JSON.parse(m[1] ?? '').state.id,
    );
    expect(data).toEqual(['a', 'b', 'c']);
    expect(s.chunks[0]).toMatch(/^event: snapshot\ndata: /);
  });

  it('writes a keep-alive at once, with what was waiting before it', async () => {
    const s = await stream(60_000);
    const arrived = s.nextChunk();
    s.writer.send(event('a'));
    s.writer.keepAlive();
    await arrived;
    expect(s.chunks).toEqual([expect.stringMatching(/^event: snapshot\ndata: .*\n\n: keep-alive\n\n$/)]);
  });
});

describe('a client that stops reading', () => {
  it('is cut off once a bounded amount waits for it, instead of the server holding every event', async () => {
    let res: ServerResponse | null = null;
    let writer: SseWriter | null = null;
    const server = createServer((_req, r) => {
      r.writeHead(200, { 'content-type': 'text/event-stream' });
      r.flushHeaders();
      res = r;
      writer = createSseWriter(r, 0, 256 * 1024);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const { port } = server.address() as AddressInfo;
    // A raw client that sends its request and then never reads a byte.
    const client = connect(port, '127.0.0.1');
    closers.unshift(() => client.destroy());
    client.write(`GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`);
    client.pause();
    await expect.poll(() => res !== null).toBe(true);
    const closed = new Promise<void>((resolve) => (res as unknown as ServerResponse).once('close', resolve));
    const big = event('x'.repeat(64 * 1024));
    let sent = 0;
    const maxBytes = 256 * 1024 * 1024;
    while (!(res as unknown as ServerResponse).destroyed && sent < maxBytes) {
      (writer as unknown as SseWriter).send(big);
      sent += 64 * 1024;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await closed;
    expect(sent).toBeLessThan(maxBytes);
    expect((res as unknown as ServerResponse).writableLength).toBeLessThanOrEqual(256 * 1024 + 128 * 1024);
  }, 60_000);
});
