import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../src-main/engine/http/http-client.ts';
import { type LoopbackServer, listenLoopback, send } from '../../../src-main/fakes/loopback-server.ts';
import { makeTestCa, type TestCa } from './test-certificates.ts';

const DAY_MS = 86_400_000;
const client = new HttpClient({ userAgent: 'solvewatch-test' });
const servers: LoopbackServer[] = [];
let ca: TestCa;
let soon: { key: string; cert: string };
let expired: { key: string; cert: string };

beforeAll(() => {
  ca = makeTestCa();
  soon = ca.issue('soon.test', 5);
  expired = ca.issue('expired.test', -1);
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await client.close();
  ca.remove();
});

async function httpsServer(cert: { key: string; cert: string }): Promise<LoopbackServer> {
  const s = await listenLoopback((_req, res) => send(res, 200, 'text/plain', 'ok'), cert);
  servers.push(s);
  return s;
}

describe('HttpClient: TLS', () => {
  it('trusts a private CA given as a file path and reads the peer certificate', async () => {
    const s = await httpsServer(soon);
    const result = await client.request({ url: `${s.origin}/`, timeoutMs: 5000, tls: { ca: ca.caPath } });
    if (!result.ok) throw new Error(result.error);
    const cert = result.certificate;
    expect(cert?.subject).toBe('CN=soon.test');
    expect(cert?.issuer).toBe('CN=Solvewatch Test CA');
    const daysLeft = ((cert?.validTo ?? 0) - Date.now()) / DAY_MS;
    expect(daysLeft).toBeGreaterThan(4.9);
    expect(daysLeft).toBeLessThanOrEqual(5);
  });

  it('trusts a private CA given as PEM text', async () => {
    const s = await httpsServer(soon);
    const result = await client.request({ url: `${s.origin}/`, timeoutMs: 5000, tls: { ca: ca.caPem } });
    expect(result).toMatchObject({ ok: true, status: 200, certificate: { subject: 'CN=soon.test' } });
  });

  it('refuses a certificate from an unknown authority without the CA, with a readable reason', async () => {
    const s = await httpsServer(soon);
    const result = await client.request({ url: `${s.origin}/`, timeoutMs: 5000 });
    expect(result).toMatchObject({ ok: false, errorKind: 'tls' });
    if (result.ok) return;
    expect(result.error).toContain('certificate');
  });

  it('refuses an expired certificate even from a trusted CA', async () => {
    const s = await httpsServer(expired);
    const result = await client.request({ url: `${s.origin}/`, timeoutMs: 5000, tls: { ca: ca.caPath } });
    expect(result).toMatchObject({ ok: false, errorKind: 'tls' });
    if (result.ok) return;
    expect(result.error).toContain('certificate has expired');
  });

  it('skips verification with insecure and still reads the expired certificate', async () => {
    const s = await httpsServer(expired);
    const result = await client.request({ url: `${s.origin}/`, timeoutMs: 5000, tls: { insecure: true } });
    if (!result.ok) throw new Error(result.error);
    expect(result.certificate?.subject).toBe('CN=expired.test');
    expect(result.certificate?.validTo).toBeLessThan(Date.now());
  });

  it('reports a tls.ca file that cannot be read as a config error naming it', async () => {
    const s = await httpsServer(soon);
    const missing = `${ca.dir}/missing.pem`;
    const result = await client.request({ url: `${s.origin}/`, timeoutMs: 5000, tls: { ca: missing } });
    expect(result).toMatchObject({ ok: false, errorKind: 'config' });
    if (result.ok) return;
    expect(result.error).toContain(missing);
  });

  it('reports no certificate for plain http', async () => {
    const s = await listenLoopback((_req, res) => send(res, 200, 'text/plain', 'ok'));
    servers.push(s);
    const result = await client.request({ url: `${s.origin}/`, timeoutMs: 5000 });
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.certificate).toBeUndefined();
  });
});
