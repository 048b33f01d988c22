import { describe, expect, it } from 'vitest';
import type { SolvewatchApi } from '../../../src-main/api/contract.ts';
import { pickTransport, type TransportHost } from '../../../src-renderer/api/pick-transport.ts';

function host(url: string, bridge?: SolvewatchApi): TransportHost {
  const location = new URL(url);
  const storage = new Map<string, string>();
  return {
    ...(bridge ? { solvewatch: bridge } : {}),
    location,
    history: {
      state: null,
      replaceState: (_data, _unused, next) => {
        location.hash = new URL(next, location).hash;
      },
    },
    sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
}

describe('picking the transport', () => {
  it('uses the preload bridge inside Electron', () => {
    const bridge = { subscribe: () => () => {} } as unknown as SolvewatchApi;
    expect(pickTransport(host('http://127.0.0.1:8321/#token=ignored', bridge))).toBe(bridge);
  });

  it('uses HTTP to the server that served the page when the link carried a token', async () => {
    const api = pickTransport(host('http://127.0.0.1:9/#token=abc'));
    expect(api).not.toBeNull();
    // Port 9 (discard) has no listener: the error names the page's own origin.
    await expect(api?.getState({})).rejects.toThrow(
      'cannot reach the Solvewatch server at http://127.0.0.1:9',
    );
  });

  it('gives up when there is neither a bridge nor a token', () => {
    expect(pickTransport(host('http://127.0.0.1:8321/'))).toBeNull();
  });

  it('accepts the browser window itself', () => {
    const fromWindow: (win: Window) => SolvewatchApi | null = pickTransport;
    expect(fromWindow).toBe(pickTransport);
  });
});
