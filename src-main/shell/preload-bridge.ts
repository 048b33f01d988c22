import type { EngineEvent, SolvewatchApi } from '../api/contract.ts';
import {
  API_METHODS,
  channelOf,
  EVENT_CHANNEL,
  type IpcResult,
  type RendererApiError,
  SUBSCRIBE_CHANNEL,
  UNSUBSCRIBE_CHANNEL,
} from './ipc-channels.ts';

/** The part of `ipcRenderer` the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * `window.solvewatch`: one method per contract endpoint plus `subscribe`, each a plain `invoke`.
 * Nothing else of Electron reaches the page.
 */
export function createBridge(ipc: RendererIpc): SolvewatchApi {
  const call = async (name: (typeof API_METHODS)[number], input: unknown): Promise<unknown> => {
    const result = (await ipc.invoke(channelOf(name), input ?? {})) as IpcResult<unknown>;
    if (result.ok) return result.value;
    const error: RendererApiError = { name: 'ApiError', ...result.error };
    throw error;
  };
  const methods = Object.fromEntries(
    API_METHODS.map((name) => [name, (input: unknown) => call(name, input)]),
  );

  const listeners = new Set<(event: EngineEvent) => void>();
  const onEvent = (_: unknown, event: unknown): void => {
    for (const l of listeners) l(event as EngineEvent);
  };
  const subscribe = (listener: (event: EngineEvent) => void): (() => void) => {
    // One main-process subscription per page, however many listeners the page has.
    if (listeners.size === 0) {
      ipc.on(EVENT_CHANNEL, onEvent);
      void ipc.invoke(SUBSCRIBE_CHANNEL);
    }
    const own = (event: EngineEvent) => listener(event);
    listeners.add(own);
    return () => {
      if (!listeners.delete(own) || listeners.size > 0) return;
      ipc.removeListener(EVENT_CHANNEL, onEvent);
      void ipc.invoke(UNSUBSCRIBE_CHANNEL);
    };
  };
  return { ...methods, subscribe } as SolvewatchApi;
}
