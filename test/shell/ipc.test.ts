import { describe, expect, it } from 'vitest';
import { type EngineEvent, endpoints, type SolvewatchApi } from '../../src-main/api/contract.ts';
import { API_METHODS, channelOf, EVENT_CHANNEL } from '../../src-main/shell/ipc-channels.ts';
import { electronDouble } from '../support/electron-double.ts';
import { desktopHarness } from './desktop-harness.ts';

const { start } = desktopHarness();

const OUR_PAGE = 'app://solvewatch/index.html#/';

async function appWithPage() {
  const started = await start({
    config: { monitors: [{ id: 'beat', name: 'Beat', type: 'heartbeat', periodSeconds: 60 }] },
  });
  const window = started.runtime.windows.open('/');
  const page = electronDouble.windows[0];
  if (!page) throw new Error('no window');
  return { ...started, window, page };
}

/** The page's `window.solvewatch`, built by the real preload script. */
let loads = 0;
async function loadPreload(): Promise<SolvewatchApi> {
  // A fresh copy of the module per page, as each renderer runs the preload anew.
  await import(/* @vite-ignore */ `../../src-main/shell/preload.ts?page=${++loads}`);
  return electronDouble.contextBridge.exposed.get('solvewatch') as SolvewatchApi;
}

describe('IPC bridge', () => {
  it('has one channel per contract endpoint, and nothing else', async () => {
    expect([...API_METHODS].sort()).toEqual(Object.keys(endpoints).sort());
    await appWithPage();
    const channels = [...electronDouble.ipcMain.handlers.keys()];
    for (const name of Object.keys(endpoints)) expect(channels).toContain(`solvewatch:${name}`);
    expect(channels.sort()).toEqual(
      [...API_METHODS.map(channelOf), 'solvewatch:subscribe', 'solvewatch:unsubscribe'].sort(),
    );
  });

  it('the preload exposes exactly the contract methods and subscribe', async () => {
    const api = await loadPreload();
    expect(Object.keys(api).sort()).toEqual([...Object.keys(endpoints), 'subscribe'].sort());
    for (const method of Object.values(api)) expect(typeof method).toBe('function');
  });

  it('a page of ours reaches the engine through the preload', async () => {
    const { page, runtime } = await appWithPage();
    electronDouble.ipcRenderer.attach(page);
    const api = await loadPreload();
    const state = await api.getState({});
    expect(state.monitors.map((m) => m.id)).toEqual(['beat']);
    await api.snooze({ minutes: 30 });
    expect((await runtime.engine.getState()).alerts.snoozedUntil).toBeGreaterThan(0);
  });

  it('rejects an invalid payload with the contract issues, as a plain ApiError object', async () => {
    const { page } = await appWithPage();
    electronDouble.ipcRenderer.attach(page);
    const api = await loadPreload();
    const error = await api.snooze({ minutes: -5 } as never).catch((e: unknown) => e);
    expect(error).toEqual({
      name: 'ApiError',
      status: 400,
      message: 'invalid input for snooze',
      issues: [{ path: 'minutes', message: 'must be > 0' }],
    });
    await expect(api.getHistory({ id: 'nope' })).rejects.toMatchObject({ name: 'ApiError', status: 404 });
  });

  it.each([
    ['a page from another origin', () => 'https://evil.example/', true],
    ['a file:// page', () => 'file:///tmp/index.html', true],
    ['our origin in a webContents that is not our window', () => OUR_PAGE, false],
  ])('refuses %s', async (_, url, ownWindow) => {
    const { page, runtime } = await appWithPage();
    const sender = { url: url(), webContents: ownWindow ? page.webContents : { id: 999 } };
    const result = await electronDouble.ipcMain.invoke(channelOf('snooze'), sender, { minutes: 30 });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ status: 403 }) });
    expect('snoozedUntil' in (await runtime.engine.getState()).alerts).toBe(false);
  });

  it('refuses requests from a window that has been closed', async () => {
    const { page } = await appWithPage();
    page.close();
    const result = await electronDouble.ipcMain.invoke(
      channelOf('getState'),
      { url: OUR_PAGE, webContents: page.webContents },
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { status: 403 } });
  });

  it('pushes engine events to a subscribed page until it unsubscribes', async () => {
    const { page, runtime } = await appWithPage();
    electronDouble.ipcRenderer.attach(page);
    const api = await loadPreload();
    const events: EngineEvent[] = [];
    const unsubscribe = api.subscribe((e) => events.push(e));
    await new Promise((resolve) => setImmediate(resolve));
    await runtime.engine.snooze({ minutes: 10 });
    expect(events.map((e) => e.type)).toContain('snapshot');
    unsubscribe();
    await new Promise((resolve) => setImmediate(resolve));
    const seen = events.length;
    await runtime.engine.resumeAlerts({});
    expect(events).toHaveLength(seen);
  });

  it('stops sending events to a window that was closed', async () => {
    const { page, runtime } = await appWithPage();
    const sender = { url: OUR_PAGE, webContents: page.webContents };
    await electronDouble.ipcMain.invoke('solvewatch:subscribe', sender);
    await runtime.engine.snooze({ minutes: 10 });
    const sent = page.webContents.sent.filter((s) => s.channel === EVENT_CHANNEL).length;
    expect(sent).toBeGreaterThan(0);
    page.close();
    await runtime.engine.resumeAlerts({});
    expect(page.webContents.sent.filter((s) => s.channel === EVENT_CHANNEL)).toHaveLength(sent);
  });
});
