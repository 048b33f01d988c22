import type { SampleValue } from '../../api/sample-values.ts';
import type { HttpResult } from '../http/http-client.ts';
import type { PeerCertificate } from '../http/peer-certificate.ts';
import type { ErrorKind, Sample } from '../sample.ts';

/** Samples keep at most this much body text for keyword conditions and the "Test now" view. */
export const BODY_TEXT_CAP = 65_536;

export type HttpFailure = Extract<HttpResult, { ok: false }>;
export type HttpSuccess = Extract<HttpResult, { ok: true }>;

/** The sample of a check that got an answer; the probe then judges the answer. */
export function answeredSample(
  monitorId: string,
  time: number,
  result: HttpSuccess,
  text = result.bodyText,
): Sample {
  return {
    monitorId,
    time,
    status: 'up',
    latencyMs: result.latencyMs,
    httpStatus: result.status,
    values: result.certificate ? certificateValues(result.certificate, time) : {},
    bodyText: capText(text),
  };
}

const DAY_MS = 86_400_000;

/** `[VALUE].cert_days_left` (fractional days until `valid_to`, negative once expired) and what the certificate says. */
export function certificateValues(cert: PeerCertificate, time: number): Record<string, SampleValue> {
  return {
    cert_days_left: Math.round(((cert.validTo - time) / DAY_MS) * 1000) / 1000,
    cert_valid_to: new Date(cert.validTo).toISOString(),
    cert_issuer: cert.issuer,
    cert_subject: cert.subject,
  };
}

export function capText(text: string): string {
  return text.length > BODY_TEXT_CAP ? text.slice(0, BODY_TEXT_CAP) : text;
}

/** The sample of a request that got no usable response. An aborted check says nothing about the endpoint. */
export function failedSample(monitorId: string, time: number, result: HttpFailure): Sample {
  const sample: Sample = {
    monitorId,
    time,
    status: result.errorKind === 'aborted' ? 'unknown' : 'down',
    latencyMs: null,
    values: {},
    error: result.error,
    errorKind: result.errorKind,
  };
  if (result.status !== undefined) sample.httpStatus = result.status;
  return sample;
}

/** `application/json` from `Application/JSON; charset=utf-8`; '' when absent. */
export function mediaType(headers: Record<string, string>): string {
  const value = headers['content-type'];
  if (value === undefined) return '';
  const semicolon = value.indexOf(';');
  return (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}

export function isJsonType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json') || type === 'text/json';
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string };

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

/** How a non-JSON body looks, for messages like "expected JSON …, got text/html". */
export function describeNonJson(type: string, text: string): string {
  if (text.trim().length === 0) return 'an empty body';
  if (type !== '' && !isJsonType(type)) return type;
  if (/^\s*</.test(text)) return 'HTML';
  return isJsonType(type) ? 'malformed JSON' : 'text that is not JSON';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeJsonValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

export function hasKeys(record: Record<string, string>): boolean {
  for (const _ in record) return true;
  return false;
}

export function markDown(sample: Sample, errorKind: ErrorKind, error: string): Sample {
  sample.status = 'down';
  sample.errorKind = errorKind;
  sample.error = error;
  return sample;
}
