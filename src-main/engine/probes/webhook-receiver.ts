import type { WebhookReceiverMonitor } from '../../api/config-schema.ts';
import { SecretUnavailableError } from '../config/secrets.ts';
import { signBody } from '../pipeline/event-auth.ts';
import type { Sample } from '../sample.ts';
import { answeredSample, failedSample, markDown } from './http-sample.ts';
import type { ProbeContext } from './probe-context.ts';

const MAX_ANSWER_BYTES = 65_536;

/**
 * The user's webhook endpoint from outside (seed 004: "never process webhook events without
 * verifying the signature"): a test event signed with the secret must get a 2xx within the
 * timeout; the same event with a wrong signature must get 401 or 403.
 */
export async function probeWebhookReceiver(
  monitor: WebhookReceiverMonitor,
  ctx: ProbeContext,
): Promise<Sample> {
  const time = ctx.now();
  let secret: string;
  try {
    secret = ctx.resolveSecret(monitor.signingSecret);
  } catch (err) {
    const reason = err instanceof SecretUnavailableError ? err.message : 'could not be read';
    const sample: Sample = { monitorId: monitor.id, time, status: 'down', latencyMs: null, values: {} };
    return markDown(sample, 'config', `signingSecret: ${reason}`);
  }
  const body = JSON.stringify({
    event: 'test',
    taskId: `solvewatch-test-${time}`,
    status: 'ready',
    timestamp: new Date(time).toISOString(),
  });
  const post = (signature: string) =>
    ctx.http.request({
      url: monitor.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', [monitor.signatureHeader]: signature },
      body,
      timeoutMs: monitor.timeoutMs,
      maxBodyBytes: MAX_ANSWER_BYTES,
      maxRedirects: 0,
      signal: ctx.signal,
    });
  const signed = await post(signBody(body, secret));
  if (!signed.ok) return failedSample(monitor.id, time, signed);
  const sample = answeredSample(monitor.id, time, signed);
  sample.values.signed_status = signed.status;
  if (signed.status < 200 || signed.status >= 300) {
    return markDown(sample, 'http-status', `the signed test event got HTTP ${signed.status} (expected 2xx)`);
  }
  // A signature of the right shape that no secret produced: the endpoint must check, not just look.
  const forged = await post(signBody(body, `forged-${secret}`));
  if (!forged.ok) {
    sample.error = `the forged test event got no answer: ${forged.error}`;
    return sample;
  }
  sample.values.forged_status = forged.status;
  sample.values.forged_accepted = forged.status >= 200 && forged.status < 300;
  if (sample.values.forged_accepted) {
    sample.error = `the endpoint accepted a test event with a wrong signature (HTTP ${forged.status}; expected 401 or 403)`;
  } else if (forged.status !== 401 && forged.status !== 403) {
    sample.error = `a test event with a wrong signature got HTTP ${forged.status} (expected 401 or 403)`;
  }
  return sample;
}
