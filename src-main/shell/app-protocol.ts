import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../server/static-files.ts';
import type { ElectronModules } from './electron-modules.ts';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://solvewatch';
export const START_URL = `${APP_ORIGIN}/index.html`;

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

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Solvewatch</title>
<body style="font-family:system-ui;margin:3rem"><h1>The UI is not built</h1><p>Run <code>npm run build</code>.</p></body>`;

/** Must run before `ready`: a standard, secure scheme gets an origin, fetch and storage like https. */
export function registerAppScheme(protocol: ElectronModules['protocol']): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function handleAppProtocol(protocol: ElectronModules['protocol'], rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveRendererFile(rendererDir, request));
}

/** Files of the built renderer only, each with the strict CSP; nothing outside `dir`, nothing remote. */
export async function serveRendererFile(dir: string, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  };
  const notFound = () => new Response('not found', { status: 404, headers });
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN || request.method !== 'GET') return notFound();
  const root = normalize(dir + sep);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return notFound();
  }
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) return notFound();
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' },
    });
  } catch {
    if (path === '/index.html') {
      return new Response(NOT_BUILT, {
        status: 200,
        headers: { ...headers, 'content-type': TYPES['.html'] as string },
      });
    }
    return notFound();
  }
}
