// undici's index loads every part of undici (fetch, WebSocket, EventSource, caches, mocks, and through
// them Node's own bundled copy): about 13 MiB more resident memory than the parts the engine uses.
// These are undici's own modules, loaded one by one; the package has no `exports` map that hides them,
// and the lockfile pins the version whose layout this names (undici-parts.test.ts checks it).
import type * as Undici from 'undici';
import type { Dispatcher } from 'undici';
import requestApi from 'undici/lib/api/api-request.js';
import connector from 'undici/lib/core/connect.js';
import agent from 'undici/lib/dispatcher/agent.js';

export const Agent = agent;
export type Agent = Undici.Agent;
export const buildConnector = connector;
export type { buildConnector as BuildConnector } from 'undici';

/** `undici.request(url, { dispatcher, … })`: one request on the given dispatcher. */
export function request(
  url: string,
  options: Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher },
): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = options;
  const { origin, pathname, search } = new URL(url);
  return requestApi.call(dispatcher, { ...rest, origin, path: `${pathname}${search}` });
}
