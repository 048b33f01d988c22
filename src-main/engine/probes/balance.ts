import type { BalanceMonitor } from '../../api/config-schema.ts';
import { type BalancePoint, burnRate } from '../balance/burn-rate.ts';
import { BALANCE_APIS } from '../balance/providers.ts';
import { SecretUnavailableError } from '../config/secrets.ts';
import { redactSecrets } from '../redact.ts';
import type { Sample } from '../sample.ts';
import { answeredSample, failedSample, markDown, parseJson } from './http-sample.ts';
import type { ProbeContext } from './probe-context.ts';

/** Balance answers are a few bytes; anything near this is not a balance. */
const MAX_BALANCE_BODY = 65_536;

/**
 * A solver account's balance, with burn rate and time to empty from this monitor's recent
 * readings. The API key is masked in everything the sample carries.
 */
export async function probeBalance(monitor: BalanceMonitor, ctx: ProbeContext): Promise<Sample> {
  const time = ctx.now();
  let apiKey: string;
  try {
    apiKey = ctx.resolveSecret(monitor.apiKey);
  } catch (err) {
    const reason = err instanceof SecretUnavailableError ? err.message : 'could not be read';
    return markDown(emptySample(monitor.id, time), 'config', `apiKey: ${reason}`);
  }
  const secrets = [apiKey];
  const api = BALANCE_APIS[monitor.provider];
  const call = api.call(monitor.baseUrl ?? api.defaultBaseUrl, apiKey);
  const result = await ctx.http.request({
    ...call,
    timeoutMs: monitor.timeoutMs,
    maxBodyBytes: MAX_BALANCE_BODY,
    signal: ctx.signal,
  });
  if (!result.ok) {
    const failed = failedSample(monitor.id, time, result);
    failed.error = redactSecrets(result.error, secrets);
    return failed;
  }

  const text = redactSecrets(result.bodyText, secrets);
  const sample = answeredSample(monitor.id, time, result, text);
  const parsed = parseJson(text);
  if (parsed.ok) sample.body = parsed.value;

  const reading = api.read(text);
  const is2xx = result.status >= 200 && result.status < 300;
  if (!reading.ok && reading.errorCode !== undefined) {
    sample.values.error_code = reading.errorCode;
    return markDown(sample, reading.errorKind, redactSecrets(reading.error, secrets));
  }
  if (!is2xx) return markDown(sample, 'http-status', `HTTP ${result.status} from ${monitor.provider}`);
  if (!reading.ok) return markDown(sample, reading.errorKind, redactSecrets(reading.error, secrets));

  const points: BalancePoint[] = [{ time, balance: reading.balance }];
  for (const s of ctx.recent) {
    const balance = s.values.balance;
    if (typeof balance === 'number') points.push({ time: s.time, balance });
  }
  const burn = burnRate(points, time);
  sample.values.balance = reading.balance;
  sample.values.burn_per_hour = burn.perHour === null ? null : round(burn.perHour);
  sample.values.hours_to_empty = burn.hoursToEmpty === null ? null : round(burn.hoursToEmpty);
  return sample;
}

function emptySample(monitorId: string, time: number): Sample {
  return { monitorId, time, status: 'down', latencyMs: null, values: {} };
}

/** Six significant digits: enough for money and hours, without float noise in the API. */
function round(n: number): number {
  return Number(n.toPrecision(6));
}
