import type * as NodeHttp from 'node:http';
import type * as NodeHttps from 'node:https';
import { createRequire } from 'node:module';

// `import … from 'node:http'` in an ES module loads Node's own bundled undici (~2 MiB resident in
// serve): the ES facade of a builtin reads every export, and http's `WebSocket`, `CloseEvent` and
// `MessageEvent` are getters that load it. `require` reads only what is used. Types come from the
// `node:http` and `node:https` modules as usual.
const require = createRequire(import.meta.url);
const http = require('node:http') as typeof NodeHttp;
const https = require('node:https') as typeof NodeHttps;

export const { createServer, STATUS_CODES, request: httpRequest, Agent: HttpAgent } = http;
export const { request: httpsRequest, Agent: HttpsAgent } = https;
