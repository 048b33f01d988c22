import type * as NodeHttp from 'node:http';
import { createRequire } from 'node:module';

// `import … from 'node:http'` in an ES module loads Node's own bundled undici (~2 MiB resident in
// serve): the ES facade of a builtin reads every export, and http's `WebSocket`, `CloseEvent` and
// `MessageEvent` are getters that load it. `require` reads only what is used. Types come from the
// `node:http` module as usual.
const http = createRequire(import.meta.url)('node:http') as typeof NodeHttp;

export const { createServer, STATUS_CODES } = http;
