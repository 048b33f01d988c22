import type { SampleStatus, SampleValue } from '../api/sample-values.ts';

/**
 * Why a check failed. The network-layer kinds (`dns`, `refused`, `unreachable`, `network`) let the
 * engine tell "the computer is offline" apart from "this endpoint is down".
 */
export type ErrorKind =
  | 'timeout'
  | 'refused'
  | 'dns'
  | 'unreachable'
  | 'tls'
  | 'network'
  | 'http-status'
  | 'bad-body'
  | 'too-large'
  | 'too-many-redirects'
  | 'key-rejected'
  | 'provider'
  | 'stale'
  /** A push said the job failed, or a started run did not finish in time. */
  | 'reported'
  | 'aborted'
  | 'config';

/** The check never got an answer from the endpoint: `[CONNECTED]` is false. */
export const NOT_CONNECTED_ERROR_KINDS: ReadonlySet<ErrorKind> = new Set([
  'timeout',
  'refused',
  'dns',
  'unreachable',
  'tls',
  'network',
  'aborted',
]);

/** Failures that may mean "this computer cannot reach the network", not "that server is down". */
export const OFFLINE_ERROR_KINDS: ReadonlySet<ErrorKind> = new Set([
  'dns',
  'unreachable',
  'network',
  'timeout',
]);

export interface Sample {
  monitorId: string;
  /** Epoch milliseconds when the check started. */
  time: number;
  status: SampleStatus;
  latencyMs: number | null;
  httpStatus?: number;
  /** Named measurements (balance, error_rate, p95_latency_ms, burn_per_hour…), numbers where possible. */
  values: Record<string, SampleValue>;
  /** Parsed JSON body (normalised where the probe knows the shape); used by conditions, never stored. */
  body?: unknown;
  /** Raw body text (capped); used by keyword conditions, never stored. */
  bodyText?: string;
  /** Readable, redacted reason when the check failed or the endpoint reported a problem. */
  error?: string;
  errorKind?: ErrorKind;
}
