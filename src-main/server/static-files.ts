import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

/** The built renderer's file types; the desktop app:// protocol serves the same files (src-main/shell/app-protocol.ts). */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export const contentType = (file: string): string => TYPES[extname(file)] ?? 'application/octet-stream';

/** Same policy as the desktop window: our own scripts only, API calls to this origin only. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers of every renderer response, in the browser and in the desktop window. */
export const RENDERER_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
} as const;

/** The page shown in place of the UI before `npm run build`; `more` adds to its advice. */
export function notBuiltPage(more = ''): string {
  return `<!doctype html><meta charset="utf-8"><title>Solvewatch</title>
<body style="font-family:system-ui;margin:3rem;max-width:40rem">
<h1>Solvewatch is running</h1><p>The UI has not been built. Run <code>npm run build</code> and reload${more}.</p></body>`;
}

/** The file of the built renderer at a URL path (`/` is index.html); null for one outside `dir` or not decodable. */
export function resolveRendererFile(dir: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return null;
  }
  const root = normalize(dir + sep);
  const file = normalize(join(root, path));
  return file.startsWith(root) ? file : null;
}

/** Serves the built renderer; unknown paths fall back to index.html (client-side routes). */
export async function serveStatic(
  uiDir: string | null,
  urlPath: string,
  res: ServerResponse,
): Promise<boolean> {
  const headers = { ...RENDERER_HEADERS, 'referrer-policy': 'no-referrer' };
  if (!uiDir) {
    if (urlPath !== '/') return false;
    res.writeHead(200, { ...headers, 'content-type': contentType('index.html') });
    res.end(notBuiltPage(', or use the JSON API under <code>/api/</code>'));
    return true;
  }
  let file = resolveRendererFile(uiDir, urlPath);
  if (!file) return false;
  let info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    if (extname(urlPath)) return false;
    file = join(uiDir, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info?.isFile()) return false;
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    ...headers,
    'content-type': contentType(file),
    'content-length': info.size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
  return true;
}
