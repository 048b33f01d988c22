import { redactUrl } from '../redact.ts';
import type { ErrorKind } from '../sample.ts';

/** Where an exchange was when it failed. */
export type Phase = 'connect' | 'headers' | 'body';

const TLS_CERT_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate chain is incomplete or from an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate is issued by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate is issued by an unknown authority',
  CERT_REVOKED: 'certificate has been revoked',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
};

const DNS_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'EAI_NODATA',
]);
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
]);

function errorCode(error: unknown): string {
  const e = error as { code?: unknown; errors?: unknown[]; cause?: unknown };
  if (typeof e.code === 'string') return e.code;
  // Happy-eyeballs connects fail with an AggregateError of the per-address errors.
  if (Array.isArray(e.errors) && e.errors.length > 0) return errorCode(e.errors[0]);
  if (e.cause) return errorCode(e.cause);
  return '';
}

function hostPort(url: URL): string {
  return url.port ? url.host : `${url.host}:${url.protocol === 'https:' ? 443 : 80}`;
}

/** Maps a Node/undici error to a kind and a sentence a user can act on. */
/** A transport failure as an error kind and a sentence naming the host (never the URL's secrets). */
export function describeError(
  error: Error,
  url: URL,
  phase: Phase,
  timeoutMs: number,
  connectTimeoutMs: number,
): { kind: ErrorKind; message: string } {
  const code = errorCode(error);
  const where = hostPort(url);
  if (code === 'ECONNREFUSED') return { kind: 'refused', message: `connection refused by ${where}` };
  if (DNS_CODES.has(code)) {
    const temporary = code === 'EAI_AGAIN' ? ' (temporary failure: is the network up?)' : '';
    return { kind: 'dns', message: `DNS lookup failed for host ${url.hostname}${temporary}` };
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || (code === 'ETIMEDOUT' && phase === 'connect')) {
    return {
      kind: 'timeout',
      message: `no connection to ${where} within ${Math.min(connectTimeoutMs, timeoutMs)} ms`,
    };
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT')
    return { kind: 'timeout', message: `no response within ${timeoutMs} ms` };
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return { kind: 'timeout', message: `response body stalled for ${timeoutMs} ms` };
  }
  const certReason = TLS_CERT_REASONS[code];
  if (certReason !== undefined)
    return { kind: 'tls', message: `TLS certificate problem: ${certReason} (${where})` };
  if (code.startsWith('CERT_') || code.startsWith('ERR_TLS_')) {
    return { kind: 'tls', message: `TLS certificate problem: ${error.message} (${where})` };
  }
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO') {
    const hint = /wrong version number|packet length too long|http request/i.test(error.message)
      ? 'the server does not speak TLS (an https:// URL for a plain HTTP port?)'
      : error.message;
    return { kind: 'tls', message: `TLS handshake with ${where} failed: ${hint}` };
  }
  if (UNREACHABLE_CODES.has(code)) {
    const what = code.startsWith('ENET') ? 'network' : 'host';
    return { kind: 'unreachable', message: `${what} unreachable: cannot reach ${where} (${code})` };
  }
  if (code === 'ECONNRESET') return { kind: 'network', message: `connection reset by ${where}` };
  if (code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'ECONNABORTED') {
    const when = phase === 'body' ? 'before the response was complete' : 'before responding';
    return { kind: 'network', message: `${where} closed the connection ${when}` };
  }
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH') {
    return { kind: 'network', message: `response from ${where} ended before its Content-Length` };
  }
  if (code.startsWith('HPE_') || error.name === 'HTTPParserError') {
    return { kind: 'network', message: `invalid HTTP response from ${where}: ${error.message}` };
  }
  if (code === 'UND_ERR_DESTROYED' || code === 'UND_ERR_CLOSED') {
    return { kind: 'aborted', message: 'HTTP client is closed' };
  }
  if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_ARG_TYPE' || code === 'ERR_INVALID_CHAR') {
    return { kind: 'config', message: `invalid request: ${redactUrl(error.message)}` };
  }
  const suffix = code ? ` (${code})` : '';
  return { kind: 'network', message: `request to ${where} failed: ${redactUrl(error.message)}${suffix}` };
}
