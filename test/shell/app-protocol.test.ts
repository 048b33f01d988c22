import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src-main/server/static-files.ts';
import { serveRendererFile } from '../../src-main/shell/app-protocol.ts';
import { temporaryDirs } from '../support/temp-dir.ts';

const tempDir = temporaryDirs();

function builtRenderer(): string {
  const root = tempDir();
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Solvewatch</title>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'not for the page');
  return dir;
}

const get = (dir: string, url: string, method = 'GET') =>
  serveRendererFile(dir, new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves the built renderer with the strict CSP and the right types', async () => {
    const dir = builtRenderer();
    const page = await get(dir, 'app://solvewatch/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Solvewatch</title>');
    const script = await get(dir, 'app://solvewatch/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get(dir, 'app://solvewatch/')).status).toBe(200);
  });

  it.each([
    'app://solvewatch/../secret.txt',
    'app://solvewatch/%2e%2e/secret.txt',
    'app://solvewatch/assets/..%2f..%2fsecret.txt',
    'app://solvewatch/missing.js',
    'app://other-host/index.html',
  ])('answers 404 to %s', async (url) => {
    const response = await get(builtRenderer(), url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('not for the page');
  });

  it('answers only GET', async () => {
    expect((await get(builtRenderer(), 'app://solvewatch/index.html', 'POST')).status).toBe(404);
  });

  it('explains how to build the UI when it is missing', async () => {
    const response = await get(join(tempDir(), 'nothing'), 'app://solvewatch/index.html');
    expect(await response.text()).toContain('npm run build');
  });
});
