import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

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

/** Same policy as the desktop window: our own scripts only, API calls to this origin only. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Solvewatch</title>
<body style="font-family:system-ui;margin:3rem;max-width:40rem">
<h1>Solvewatch is running</h1><p>The web UI has not been built. Run <code>npm run build</code> and reload,
or use the JSON API under <code>/api/</code>.</p></body>`;

/** Serves the built renderer; unknown paths fall back to index.html (client-side routes). */
export async function serveStatic(
  uiDir: string | null,
  urlPath: string,
  res: ServerResponse,
): Promise<boolean> {
  const headers = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  if (!uiDir) {
    if (urlPath !== '/') return false;
    res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] });
    res.end(NOT_BUILT);
    return true;
  }
  const root = normalize(uiDir + sep);
  let file = normalize(join(root, decodeURIComponent(urlPath)));
  if (!file.startsWith(root)) return false;
  let info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    if (extname(urlPath)) return false;
    file = join(root, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info?.isFile()) return false;
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    ...headers,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
  return true;
}
