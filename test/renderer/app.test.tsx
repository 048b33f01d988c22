// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { fetch as nodeFetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpTarget } from '../../src-main/fakes/http-target.ts';
import { createConnectionEvents } from '../../src-renderer/api/connection-events.ts';
import { createHttpApi } from '../../src-renderer/api/http-client.ts';
import { App } from '../../src-renderer/app.tsx';
import { temporaryDirs } from '../support/temp-dir.ts';
import { startRealServer } from './real-server.ts';

const tempDir = temporaryDirs();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  cleanup();
  for (const close of closers.splice(0)) await close();
  window.location.hash = '';
});

/** The app as `pickTransport` wires it, against a real `solvewatch serve`, with `token` (the right one by default). */
async function openApp(token?: string) {
  const target = await startHttpTarget();
  closers.push(() => target.close());
  const server = await startRealServer(tempDir(), {
    monitors: [{ id: 'api', name: 'Solver API', type: 'http', url: target.url }],
  });
  await server.api.checkNow({});
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.headless.stop();
  };
  closers.push(stop);
  const connection = createConnectionEvents();
  const api = createHttpApi({
    baseUrl: server.headless.server.url,
    token: token ?? server.headless.token,
    fetch: nodeFetch as unknown as typeof fetch,
    retryDelayMs: { initial: 50, max: 200 },
    onStreamError: (error, retryInMs) => connection.emit({ type: 'stream-error', error, retryInMs }),
    onUnauthorized: () => connection.emit({ type: 'token-refused' }),
  });
  window.location.hash = '#/alerts';
  render(<App api={api} connection={connection} />);
  return { stop };
}

describe('the app and its link to the engine', () => {
  it('says contact is lost, and reads Unknown overall, when the engine stops', async () => {
    const app = await openApp();
    const header = screen.getByRole('banner');
    await within(header).findByText('OK');
    expect(screen.queryByText(/Lost contact with Solvewatch/)).toBeNull();

    await app.stop();
    const banner = await screen.findByText(/Lost contact with Solvewatch since/);
    expect(banner.closest('[role="alert"]')?.textContent).toContain('retrying…');
    expect(within(header).getByText('Unknown')).toBeTruthy();
  });

  it('shows a page that says the token is not valid any more instead of "cannot reach"', async () => {
    await openApp('stale-token');
    expect(
      await screen.findByRole('heading', { name: "This link's token is not valid any more" }),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
