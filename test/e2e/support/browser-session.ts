import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

/** A browser context on the app whose every request is recorded, and stopped unless it goes to 127.0.0.1. */
export interface AppSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every URL the pages asked for, in order. */
  readonly requests: readonly string[];
  /** Requests that would have left this computer; they were aborted. */
  readonly blocked: readonly string[];
  /** Uncaught exceptions in the page. */
  readonly pageErrors: readonly string[];
  /** Same-document navigation to a hash route such as `#/alerts`. */
  go(hash: string): Promise<void>;
  close(): Promise<void>;
}

/** http://127.0.0.1:<port>/…, or a blob: URL minted by such a page (downloads). */
export function isLoopback(url: string): boolean {
  const inner = url.startsWith('blob:') ? url.slice('blob:'.length) : url;
  if (!URL.canParse(inner)) return false;
  const parsed = new URL(inner);
  return parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1' && parsed.port !== '';
}

const open = new Set<AppSession>();

/** Opens `openUrl` (the CLI's `/#token=…` link) in a fresh context and waits for the app's navigation. */
export async function openApp(
  browser: Browser,
  openUrl: string,
  options: BrowserContextOptions = {},
): Promise<AppSession> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 750 }, ...options });
  const requests: string[] = [];
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.fallback();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.stack ?? err.message));
  const session: AppSession = {
    context,
    page,
    requests,
    blocked,
    pageErrors,
    go: async (hash) => {
      await page.evaluate((h) => {
        window.location.hash = h;
      }, hash);
    },
    close: async () => {
      open.delete(session);
      await context.close();
    },
  };
  open.add(session);
  await page.goto(openUrl);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return session;
}

export async function closeAllSessions(): Promise<void> {
  await Promise.all([...open].map((s) => s.close()));
}

/** What the network guard saw: every request, and those that were not to 127.0.0.1. */
export function offLoopback(session: AppSession): string[] {
  return [...new Set([...session.requests.filter((url) => !isLoopback(url)), ...session.blocked])];
}
