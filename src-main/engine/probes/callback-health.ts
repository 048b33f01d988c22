import type { CallbackHealthMonitor } from '../../api/config-schema.ts';
import { HEALTHY_STATUSES } from '../../api/rule-specs.ts';
import type { SampleValue } from '../../api/sample-values.ts';
import type { Sample } from '../sample.ts';
import {
  answeredSample,
  describeJsonValue,
  describeNonJson,
  failedSample,
  hasKeys,
  isPlainObject,
  markDown,
  mediaType,
  parseJson,
} from './http-sample.ts';
import type { ProbeContext } from './probe-context.ts';
import { readReportedNumber } from './reported-number.ts';

/** The numeric metrics of a callback health report (seed 000), copied into `values` under these names. */
export const CALLBACK_METRICS = [
  'error_rate',
  'total_received',
  'total_errors',
  'avg_latency_ms',
  'p95_latency_ms',
  'seconds_since_last_callback',
  'delivery_rate',
] as const;

type CallbackMetric = (typeof CALLBACK_METRICS)[number];

/**
 * What a metric that is not a finite number (1e309, "1" followed by 400 zeros) does to the sample;
 * it never reaches the body or the values either way. A field a default rule judges fails the
 * sample: without it the rule would silently not apply and a broken endpoint would look fine. The
 * informational fields no default rule reads are dropped, so the rest of the report still counts.
 */
const NON_FINITE_METRIC: Readonly<Record<CallbackMetric, 'fail' | 'drop'>> = {
  error_rate: 'fail',
  total_received: 'fail',
  p95_latency_ms: 'fail',
  seconds_since_last_callback: 'fail',
  delivery_rate: 'fail',
  total_errors: 'drop',
  avg_latency_ms: 'drop',
};

const HEALTHY: ReadonlySet<string> = new Set(HEALTHY_STATUSES);

/**
 * A callback handler's self-reported health. 503 is the handler saying "unhealthy": its body is
 * still the report, so the sample is `degraded` with the metrics, not `down`.
 */
export async function probeCallbackHealth(
  monitor: CallbackHealthMonitor,
  ctx: ProbeContext,
): Promise<Sample> {
  const time = ctx.now();
  const result = await ctx.http.request({
    url: monitor.url,
    headers: hasKeys(monitor.headers) ? monitor.headers : undefined,
    timeoutMs: monitor.timeoutMs,
    maxBodyBytes: monitor.maxBodyBytes,
    tls: monitor.tls,
    signal: ctx.signal,
  });
  if (!result.ok) return failedSample(monitor.id, time, result);

  const code = result.status;
  const sample = answeredSample(monitor.id, time, result);
  const type = mediaType(result.headers);
  const parsed = parseJson(result.bodyText);
  const report = parsed.ok && isPlainObject(parsed.value) ? normaliseCallbackHealth(parsed.value) : null;
  const unusable = report ? removeNonFiniteMetrics(report) : [];
  if (report) {
    sample.body = report;
    Object.assign(sample.values, callbackValues(report));
  }

  const ok2xx = code >= 200 && code < 300;
  if (!ok2xx && code !== 503) {
    return markDown(sample, 'http-status', `HTTP ${code} (expected 200, or 503 when unhealthy)`);
  }
  if (!report) {
    const got = parsed.ok ? describeJsonValue(parsed.value) : describeNonJson(type, result.bodyText);
    if (code === 503) return markDown(sample, 'http-status', `HTTP 503 without a health report (got ${got})`);
    const what = parsed.ok ? 'a JSON object' : 'JSON';
    return markDown(sample, 'bad-body', `expected ${what} from the health endpoint, got ${got}`);
  }
  if (unusable.length > 0) {
    const what =
      unusable.length === 1 ? 'a value that is not a finite number' : 'values that are not finite numbers';
    return markDown(sample, 'bad-body', `the health endpoint reported ${what}: ${unusable.join(', ')}`);
  }
  const reported = typeof report.status === 'string' ? report.status : null;
  if (code === 503) {
    sample.status = 'degraded';
    sample.error = `endpoint reports unhealthy (${reported === null ? 'HTTP 503' : `status: ${reported}`})`;
  } else if (reported !== null && !HEALTHY.has(reported.toLowerCase())) {
    sample.status = 'degraded';
    sample.error = `endpoint reports status: ${reported}`;
  }
  return sample;
}

/** Top-level keys in snake_case (`errorRate` → `error_rate`; the snake_case spelling wins), metrics as numbers. */
export function normaliseCallbackHealth(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    const snake = toSnakeCase(key);
    if (snake === '__proto__' || (snake !== key && Object.hasOwn(raw, snake))) continue;
    out[snake] = raw[key];
  }
  for (const name of CALLBACK_METRICS) {
    const value = out[name];
    if (typeof value !== 'string') continue;
    const reading = readReportedNumber(value);
    if (reading.kind === 'finite') out[name] = reading.value;
  }
  return out;
}

/** Deletes the metrics that are not finite numbers; returns the ones that fail the sample, as `name = value`. */
function removeNonFiniteMetrics(report: Record<string, unknown>): string[] {
  const failing: string[] = [];
  for (const name of CALLBACK_METRICS) {
    const reading = readReportedNumber(report[name]);
    if (reading.kind !== 'not-finite') continue;
    delete report[name];
    if (NON_FINITE_METRIC[name] === 'fail') failing.push(`${name} = ${reading.shown}`);
  }
  return failing;
}

function callbackValues(report: Record<string, unknown>): Record<string, SampleValue> {
  const values: Record<string, SampleValue> = {};
  for (const name of CALLBACK_METRICS) {
    const value = report[name];
    if (typeof value === 'number' && Number.isFinite(value)) values[name] = value;
  }
  return values;
}

function toSnakeCase(key: string): string {
  return /[A-Z]/.test(key) ? key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() : key;
}
