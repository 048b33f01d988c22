import { afterAll } from 'vitest';
import type { Secret } from '../../../src-main/api/config-schema.ts';
import { resolveSecret } from '../../../src-main/engine/config/secrets.ts';
import { HttpClient } from '../../../src-main/engine/http/http-client.ts';
import type { ProbeContext } from '../../../src-main/engine/probes/probe-context.ts';

/** One real HttpClient per test file, closed after it. */
export function httpClientForFile(): HttpClient {
  const http = new HttpClient({ userAgent: 'solvewatch-test' });
  afterAll(() => http.close());
  return http;
}

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

export function probeContext(
  http: HttpClient,
  overrides: Partial<ProbeContext> & { env?: NodeJS.ProcessEnv } = {},
): ProbeContext {
  const { env = {}, ...rest } = overrides;
  return {
    signal: new AbortController().signal,
    now: () => NOW,
    http,
    resolveSecret: (secret: Secret) => resolveSecret(secret, env),
    recent: [],
    beats: [],
    ...rest,
  };
}
