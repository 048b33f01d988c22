/** The parts of `window` the token needs; a plain object in tests. */
export interface TokenHost {
  location: { hash: string; pathname: string; search: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

const STORAGE_KEY = 'solvewatch.token';

/**
 * The API token of a page opened from the link `solvewatch serve` prints (`/#token=…`). The fragment
 * never reaches the server or its logs; it is taken off the address bar at once and kept in
 * sessionStorage so a reload still works. Null when the page was opened without a token.
 */
export function readToken(win: TokenHost): string | null {
  const fragment = new URLSearchParams(win.location.hash.replace(/^#/, ''));
  const fromLink = fragment.get('token');
  if (fragment.has('token')) {
    fragment.delete('token');
    const rest = fragment.toString();
    win.history.replaceState(
      win.history.state,
      '',
      win.location.pathname + win.location.search + (rest ? `#${rest}` : ''),
    );
  }
  if (fromLink) {
    try {
      win.sessionStorage.setItem(STORAGE_KEY, fromLink);
    } catch {
      // Storage can be disabled (private modes, policies): the token still works until a reload.
    }
    return fromLink;
  }
  try {
    return win.sessionStorage.getItem(STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

/** Drops the stored token (the server refused it), so the next load asks for the link again. */
export function forgetToken(win: { sessionStorage: { removeItem(key: string): void } }): void {
  try {
    win.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage disabled: nothing was kept.
  }
}
