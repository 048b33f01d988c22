import { fork } from 'node:child_process';
import { createServer } from 'node:http';

/**
 * A tiny HTTP target in a child process, so its CPU is not billed to the engine being measured.
 * Run as a script it serves; imported, `startLoopbackTarget()` forks it and resolves its URL.
 */
export async function startLoopbackTarget(): Promise<{ url: string; stop(): void }> {
  const child = fork(new URL(import.meta.url), ['--serve'], {
    execArgv: ['--experimental-strip-types', '--no-warnings'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(Number(m)));
    child.once('exit', (code) => reject(new Error(`target exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/health`, stop: () => child.kill() };
}

if (process.argv.includes('--serve')) {
  const body = JSON.stringify({ status: 'healthy' });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.(typeof address === 'object' && address ? address.port : 0);
  });
  process.on('disconnect', () => process.exit(0));
}
