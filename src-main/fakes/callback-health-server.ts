import { HTML_ERROR_PAGE, listenLoopback, send } from './loopback-server.ts';

/** The report a callback handler serves at `/health/callbacks` (seed 000), in its snake_case spelling. */
export interface CallbackHealthMetrics {
  /** Derived when not set: `healthy` while `seconds_since_last_callback` < 300, else `stale`. */
  status: string;
  total_received: number;
  total_errors: number;
  /** Derived when not set: total_errors / max(total_received, 1). */
  error_rate: number;
  avg_latency_ms: number;
  p95_latency_ms: number;
  /** -1 when no callback was ever received. */
  seconds_since_last_callback: number;
  error_breakdown: Record<string, number>;
  /** Only in the report when set. */
  delivery_rate: number;
}

/** `camelCase` serves the Express variant's keys; `html` an HTML page; `garbage` truncated JSON; `hang` nothing. */
export type FakeCallbackHealthMode = 'normal' | 'hang' | 'html' | 'camelCase' | 'garbage';

export interface FakeCallbackHealth {
  /** `http://127.0.0.1:<port>/health/callbacks` */
  readonly url: string;
  readonly port: number;
  readonly calls: number;
  /** Merges into the current metrics; a key set to undefined goes back to its default or derived value. */
  set(metrics: Partial<CallbackHealthMetrics>): void;
  /** null (default) derives it: 200 when the status is healthy, 503 otherwise, like seed 000's handler. */
  setStatusCode(code: number | null): void;
  setMode(mode: FakeCallbackHealthMode): void;
  /** Serves exactly this JSON body (JSON.stringify cannot write `1e309`), with status 200 unless set; null to stop. */
  setAnswer(body: string | null): void;
  /** The report as it would be served now (snake_case). */
  report(): Record<string, unknown>;
  close(): Promise<void>;
}

export const HEALTHY_CALLBACK_METRICS: Readonly<Partial<CallbackHealthMetrics>> = {
  total_received: 1200,
  total_errors: 6,
  avg_latency_ms: 42.5,
  p95_latency_ms: 180.25,
  seconds_since_last_callback: 12.3,
  error_breakdown: { TimeoutError: 4, ValueError: 2 },
};

export async function startFakeCallbackHealth(
  options: { metrics?: Partial<CallbackHealthMetrics> } = {},
): Promise<FakeCallbackHealth> {
  let metrics: Partial<CallbackHealthMetrics> = { ...HEALTHY_CALLBACK_METRICS };
  let statusCode: number | null = null;
  let mode: FakeCallbackHealthMode = 'normal';
  let answer: string | null = null;
  let calls = 0;

  const set = (patch: Partial<CallbackHealthMetrics>) => {
    const next: Record<string, unknown> = { ...metrics };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete next[key];
      else next[key] = value;
    }
    metrics = next as Partial<CallbackHealthMetrics>;
  };
  if (options.metrics) set(options.metrics);

  const report = (): Record<string, unknown> => {
    const received = metrics.total_received ?? 0;
    const errors = metrics.total_errors ?? 0;
    const since = metrics.seconds_since_last_callback ?? -1;
    const out: Record<string, unknown> = {
      status: metrics.status ?? (since < 300 ? 'healthy' : 'stale'),
      total_received: received,
      total_errors: errors,
      error_rate: metrics.error_rate ?? errors / Math.max(received, 1),
      avg_latency_ms: metrics.avg_latency_ms ?? 0,
      p95_latency_ms: metrics.p95_latency_ms ?? 0,
      seconds_since_last_callback: since,
      error_breakdown: metrics.error_breakdown ?? {},
    };
    if (metrics.delivery_rate !== undefined) out.delivery_rate = metrics.delivery_rate;
    return out;
  };

  const loopback = await listenLoopback((req, res) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/health/callbacks') {
      return send(res, 404, 'text/plain', 'not found');
    }
    calls++;
    if (mode === 'hang') return;
    if (answer !== null) return send(res, statusCode ?? 200, 'application/json', answer);
    const body = report();
    const code = statusCode ?? (body.status === 'healthy' ? 200 : 503);
    if (mode === 'html')
      return send(res, statusCode ?? 200, 'text/html', HTML_ERROR_PAGE(200, 'Welcome to nginx!'));
    if (mode === 'garbage') return send(res, code, 'application/json', JSON.stringify(body).slice(0, 40));
    const served = mode === 'camelCase' ? toCamelCase(body) : body;
    send(res, code, 'application/json', JSON.stringify(served));
  });

  return {
    url: `${loopback.origin}/health/callbacks`,
    port: loopback.port,
    get calls() {
      return calls;
    },
    set,
    setStatusCode(code) {
      statusCode = code;
    },
    setMode(next) {
      mode = next;
    },
    setAnswer(body) {
      answer = body;
    },
    report,
    close: () => loopback.close(),
  };
}

function toCamelCase(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    out[key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return out;
}
