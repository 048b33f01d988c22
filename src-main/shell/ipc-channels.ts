import type { EndpointName } from '../api/contract.ts';
import type { FieldIssue } from '../api/field-issues.ts';

/**
 * What main and preload agree on. Types only come from the contract, so the preload bundle stays
 * free of zod; the compiler checks that `API_METHODS` lists every endpoint and nothing else.
 */
export const API_METHODS = [
  'getState',
  'getHistory',
  'checkNow',
  'getConfig',
  'exportConfigWithSecrets',
  'validateConfig',
  'saveConfig',
  'saveSettings',
  'saveMonitor',
  'removeMonitor',
  'testMonitor',
  'getAlerts',
  'snooze',
  'resumeAlerts',
  'sendTestNotification',
  'getDailySummary',
  'getHost',
  'setHostPreferences',
  'startMaintenance',
  'endMaintenance',
  'getDemo',
  'startDemo',
  'stopDemo',
] as const satisfies readonly EndpointName[];

type Unlisted = Exclude<EndpointName, (typeof API_METHODS)[number]>;
/** Fails to compile when an endpoint is missing above. */
export const API_METHODS_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;

export const channelOf = (name: EndpointName): string => `solvewatch:${name}`;
export const SUBSCRIBE_CHANNEL = 'solvewatch:subscribe';
export const UNSUBSCRIBE_CHANNEL = 'solvewatch:unsubscribe';
export const EVENT_CHANNEL = 'solvewatch:event';

/** Electron keeps only the message of an error thrown in a handler, so results travel in an envelope. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export interface IpcError {
  status: number;
  message: string;
  issues: FieldIssue[];
}

/** What a failed call rejects with in the renderer: a plain object (errors lose their fields across contextBridge). */
export interface RendererApiError extends IpcError {
  name: 'ApiError';
}
