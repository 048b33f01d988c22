import { ApiError, type EngineEvent, type SolvewatchApi } from '../api/contract.ts';
import { dispatch } from '../api/dispatch.ts';
import type { ElectronModules } from './electron-modules.ts';
import {
  API_METHODS,
  channelOf,
  EVENT_CHANNEL,
  type IpcError,
  type IpcResult,
  SUBSCRIBE_CHANNEL,
  UNSUBSCRIBE_CHANNEL,
} from './ipc-channels.ts';

type IpcMain = ElectronModules['ipcMain'];
type InvokeEvent = Parameters<Parameters<IpcMain['handle']>[1]>[0];
type Sender = InvokeEvent['sender'];

export interface IpcOptions {
  ipcMain: IpcMain;
  api: SolvewatchApi;
  /** True for the webContents of one of our own windows. */
  isOurWindow: (contents: Sender) => boolean;
  /** The origin our pages are served from, e.g. `app://solvewatch`. */
  origin: string;
  log?: (line: string) => void;
}

/**
 * One `ipcMain.handle` per contract endpoint (`solvewatch:<name>`), each refusing any sender but a
 * page of ours and validating its input with the contract (`dispatch`), plus the event subscription.
 * Returns the function that removes them all.
 */
export function registerIpc(options: IpcOptions): () => void {
  const { ipcMain, api } = options;
  const trusted = (event: InvokeEvent): boolean => {
    const url = event.senderFrame?.url;
    return url !== undefined && isOurOrigin(url, options.origin) && options.isOurWindow(event.sender);
  };
  const refuse = (): IpcResult<never> => ({
    ok: false,
    error: { status: 403, message: 'this page may not use the Solvewatch API', issues: [] },
  });

  for (const name of API_METHODS) {
    ipcMain.handle(channelOf(name), async (event, input: unknown): Promise<IpcResult<unknown>> => {
      if (!trusted(event)) {
        options.log?.(`ipc: refused ${name} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
        return refuse();
      }
      try {
        return { ok: true, value: await dispatch(api, name, input) };
      } catch (err) {
        return { ok: false, error: toIpcError(err) };
      }
    });
  }

  const subscriptions = new Map<Sender, () => void>();
  ipcMain.handle(SUBSCRIBE_CHANNEL, (event): IpcResult<null> => {
    if (!trusted(event)) return refuse();
    const contents = event.sender;
    if (subscriptions.has(contents)) return { ok: true, value: null };
    const unsubscribe = api.subscribe((e: EngineEvent) => {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, e);
    });
    const end = () => {
      unsubscribe();
      subscriptions.delete(contents);
    };
    subscriptions.set(contents, end);
    contents.once('destroyed', end);
    return { ok: true, value: null };
  });
  ipcMain.handle(UNSUBSCRIBE_CHANNEL, (event): IpcResult<null> => {
    subscriptions.get(event.sender)?.();
    return { ok: true, value: null };
  });

  return () => {
    for (const name of API_METHODS) ipcMain.removeHandler(channelOf(name));
    ipcMain.removeHandler(SUBSCRIBE_CHANNEL);
    ipcMain.removeHandler(UNSUBSCRIBE_CHANNEL);
    for (const end of [...subscriptions.values()]) end();
  };
}

/** `app://solvewatch/…` (custom schemes have an opaque `URL.origin`, so compare scheme and host). */
export function isOurOrigin(url: string, origin: string): boolean {
  try {
    const u = new URL(url);
    const o = new URL(origin);
    return u.protocol === o.protocol && u.host === o.host;
  } catch {
    return false;
  }
}

function toIpcError(err: unknown): IpcError {
  if (err instanceof ApiError) return { status: err.status, message: err.message, issues: err.issues };
  return { status: 500, message: err instanceof Error ? err.message : String(err), issues: [] };
}
