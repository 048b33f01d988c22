import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { detailText, postJson, statusLine } from '../../../src-main/engine/notify/post-json.ts';

const agent = new Agent();
afterAll(() => agent.close());
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function receiver(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () => new Promise((resolve) => server.close(resolve)),
    async () => server.closeAllConnections(),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

const post = (url: string, timeoutMs = 600_000, signal = new AbortController().signal) =>
  postJson({
    url,
    body: '{"a":1}',
    headers: { 'content-type': 'application/json' },
    dispatcher: agent,
    signal,
    timeoutMs,
  });

describe('postJson', () => {
  it('answers a 2xx at once, without waiting for a body that never completes', async () => {
    const url = await receiver((_req, res) => {
      res.writeHead(201, { 'content-length': '100000', 'x-ratelimit-remaining': '4' });
      res.write('{"id":');
    });
    expect(await post(url)).toEqual({
      kind: 'answer',
      status: 201,
      headers: expect.objectContaining({ 'x-ratelimit-remaining': '4' }),
      text: '',
    });
  });

  it('reads at most 64 KiB of an error answer', async () => {
    const url = await receiver((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('x'.repeat(1_048_576));
    });
    const answer = await post(url);
    expect(answer).toMatchObject({ kind: 'answer', status: 400 });
    expect(answer.kind === 'answer' && answer.text.length).toBe(65_536);
  });

  it('fails with a readable reason when no answer comes in time', async () => {
    const url = await receiver(() => {});
    expect(await post(url, 150)).toEqual({ kind: 'failed', error: 'no answer within 150 ms' });
  });

  it('fails as aborted when the caller aborts', async () => {
    const url = await receiver(() => {});
    const controller = new AbortController();
    const pending = post(url, 600_000, controller.signal);
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toEqual({ kind: 'failed', error: 'aborted' });
  });
});

describe('statusLine and detailText', () => {
  it.each([
    [404, '404 Not Found'],
    [429, '429 Too Many Requests'],
    [599, '599'],
  ])('names %i as %j', (status, line) => {
    expect(statusLine(status)).toBe(line);
  });

  it('keeps no detail for an empty body and 4000 characters of a long one', () => {
    expect(detailText('')).toBeNull();
    expect(detailText('y'.repeat(5000))?.length).toBe(4000);
  });
});
