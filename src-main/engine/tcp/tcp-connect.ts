import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { describeError } from '../http/network-error.ts';
import { type PeerCertificate, readPeerCertificate } from '../http/peer-certificate.ts';
import { type TlsOptions, tlsTrust } from '../http/tls-trust.ts';
import type { ErrorKind } from '../sample.ts';

export interface TcpTarget {
  host: string;
  port: number;
  /** Overall deadline: connect and handshake together. */
  timeoutMs: number;
  /** Set for a TLS handshake after connecting. */
  tls?: TlsOptions;
  signal?: AbortSignal;
}

export type TcpResult =
  | { ok: true; latencyMs: number; certificate?: PeerCertificate }
  | { ok: false; errorKind: ErrorKind; error: string; latencyMs: number };

/**
 * Opens a connection (and completes a TLS handshake when asked), then closes it at once: the check
 * is "something accepts connections there", timed until ready. Never throws.
 */
export function connectTcp(target: TcpTarget): Promise<TcpResult> {
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 100) / 100;
  const where = `${isIP(target.host) === 6 ? `[${target.host}]` : target.host}:${target.port}`;
  const fail = (errorKind: ErrorKind, error: string): TcpResult => ({
    ok: false,
    errorKind,
    error,
    latencyMs: latency(),
  });
  if (target.signal?.aborted) return Promise.resolve(fail('aborted', 'check aborted'));
  let socket: Socket | TLSSocket;
  if (target.tls === undefined) {
    socket = tcpConnect({ host: target.host, port: target.port });
  } else {
    const trust = tlsTrust(target.tls);
    if ('error' in trust) return Promise.resolve(fail('config', trust.error));
    const servername = isIP(target.host) === 0 ? target.host : undefined;
    socket = tlsConnect({ host: target.host, port: target.port, servername, ...trust });
  }
  return new Promise<TcpResult>((resolve) => {
    let connected = false;
    const settle = (result: TcpResult) => {
      clearTimeout(timer);
      target.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => settle(fail('aborted', 'check aborted'));
    const timer = setTimeout(() => {
      const ms = target.timeoutMs;
      if (connected) settle(fail('timeout', `TLS handshake with ${where} not complete within ${ms} ms`));
      else settle(fail('timeout', `no connection to ${where} within ${ms} ms`));
    }, target.timeoutMs);
    target.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      connected = true;
      if (target.tls === undefined) settle({ ok: true, latencyMs: latency() });
    });
    socket.once('secureConnect', () => {
      const certificate = readPeerCertificate(socket as TLSSocket);
      const result: TcpResult = { ok: true, latencyMs: latency() };
      if (certificate !== null) result.certificate = certificate;
      settle(result);
    });
    socket.once('error', (err) => {
      const { kind, message } = describeError(
        err,
        new URL(`tcp://${where}`),
        'connect',
        target.timeoutMs,
        target.timeoutMs,
      );
      settle(fail(kind, message));
    });
  });
}
