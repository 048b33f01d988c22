import { readFile } from 'node:fs/promises';
import { contentType, notBuiltPage, RENDERER_HEADERS, resolveRendererFile } from '../server/static-files.ts';
import type { ElectronModules } from './electron-modules.ts';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://solvewatch';
export const START_URL = `${APP_ORIGIN}/index.html`;

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
  const notFound = () => new Response('not found', { status: 404, headers: RENDERER_HEADERS });
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN || request.method !== 'GET') return notFound();
  const file = resolveRendererFile(dir, url.pathname);
  if (!file) return notFound();
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...RENDERER_HEADERS, 'content-type': contentType(file) },
    });
  } catch {
    if (url.pathname === '/' || url.pathname === '/index.html') {
      return new Response(notBuiltPage(), {
        status: 200,
        headers: { ...RENDERER_HEADERS, 'content-type': contentType('index.html') },
      });
    }
    return notFound();
  }
}
