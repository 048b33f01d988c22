import { describe, expect, it } from 'vitest';
import { readToken, type TokenHost } from '../../../src-renderer/api/token.ts';

/** A stand-in for `window`: an address bar, its history and a sessionStorage. */
function fakeWindow(url: string, stored: Record<string, string> = {}) {
  const address = new URL(url);
  const replaced: string[] = [];
  const storage = new Map(Object.entries(stored));
  const win: TokenHost = {
    location: address,
    history: {
      state: { page: 'kept' },
      replaceState(data, _unused, next) {
        expect(data).toEqual({ page: 'kept' });
        replaced.push(next);
        const moved = new URL(next, address);
        address.hash = moved.hash;
      },
    },
    sessionStorage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
    },
  };
  return { win, address, replaced, storage };
}

describe('the API token of the page', () => {
  it('is taken from the #token= fragment, removed from the address bar and kept for reloads', () => {
    const { win, address, replaced, storage } = fakeWindow(
      'http://127.0.0.1:8321/alerts?tab=2#token=abc-123',
    );
    expect(readToken(win)).toBe('abc-123');
    expect(replaced).toEqual(['/alerts?tab=2']);
    expect(address.href).toBe('http://127.0.0.1:8321/alerts?tab=2');
    expect([...storage.values()]).toEqual(['abc-123']);

    // A reload: the fragment is gone, sessionStorage still has it, the address bar is left alone.
    expect(readToken(win)).toBe('abc-123');
    expect(replaced).toHaveLength(1);
  });

  it('keeps the other parts of the fragment', () => {
    const { win, replaced } = fakeWindow('http://127.0.0.1:8321/#monitor=api&token=t0k');
    expect(readToken(win)).toBe('t0k');
    expect(replaced).toEqual(['/#monitor=api']);
  });

  it('prefers a new link over a token stored by an earlier one', () => {
    const { win, storage } = fakeWindow('http://127.0.0.1:8321/#token=new', { 'solvewatch.token': 'old' });
    expect(readToken(win)).toBe('new');
    expect([...storage.values()]).toEqual(['new']);
  });

  it('is null when the page was opened without one', () => {
    const { win, replaced } = fakeWindow('http://127.0.0.1:8321/#monitor=api');
    expect(readToken(win)).toBeNull();
    expect(replaced).toEqual([]);
    expect(readToken(fakeWindow('http://127.0.0.1:8321/#token=').win)).toBeNull();
  });

  it('still works for this page load when sessionStorage is unavailable', () => {
    const { win } = fakeWindow('http://127.0.0.1:8321/#token=abc');
    const denied = () => {
      throw new Error('SecurityError: storage is disabled');
    };
    win.sessionStorage = { getItem: denied, setItem: denied };
    expect(readToken(win)).toBe('abc');
    expect(readToken(win)).toBeNull();
  });
});
