import { afterEach, describe, expect, it } from 'vitest';
import { WebhookReceiverMonitorSchema } from '../../../src-main/api/config-schema.ts';
import { ruleSpecsFor } from '../../../src-main/api/rule-specs.ts';
import { probeWebhookReceiver } from '../../../src-main/engine/probes/webhook-receiver.ts';
import { rulesFor } from '../../../src-main/engine/rules/default-rules.ts';
import { evaluateRules } from '../../../src-main/engine/rules/evaluate-rules.ts';
import {
  type FakeReceiverMode,
  startFakeWebhookReceiver,
} from '../../../src-main/fakes/webhook-receiver-server.ts';
import { httpClientForFile, probeContext } from './probe-test-context.ts';

const SECRET = 'whsec_receiver_secret';
const http = httpClientForFile();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function receiver(mode: FakeReceiverMode) {
  const fake = await startFakeWebhookReceiver({ secret: SECRET, mode });
  cleanups.push(() => fake.close());
  return fake;
}

const monitor = (url: string, secret: string | { env: string } = SECRET) =>
  WebhookReceiverMonitorSchema.parse({ id: 'hook', type: 'webhook-receiver', url, signingSecret: secret });

async function judge(url: string, secret?: string | { env: string }) {
  const m = monitor(url, secret);
  const sample = await probeWebhookReceiver(m, probeContext(http));
  const evaluation = evaluateRules(rulesFor(m), sample);
  return { sample, evaluation, breached: evaluation.results.filter((r) => r.breached).map((r) => r.ruleId) };
}

describe('webhook-receiver probe', () => {
  it('passes an endpoint that accepts the signed test event and refuses the forged one', async () => {
    const fake = await receiver('verifies');
    const { sample, evaluation } = await judge(fake.url);
    expect(sample.values).toEqual({ signed_status: 200, forged_status: 401, forged_accepted: false });
    expect(evaluation.state).toBe('ok');
    expect(fake.accepted).toEqual([expect.objectContaining({ event: 'test' })]);
    expect(fake.refused).toBe(1);
  });

  it('fires accepts-forged for an endpoint that does not check signatures (seed 004)', async () => {
    const fake = await receiver('accepts-all');
    const { breached, evaluation, sample } = await judge(fake.url);
    expect(breached).toEqual(['accepts-forged']);
    expect(evaluation.state).toBe('critical');
    expect(sample.error).toContain('accepted a test event with a wrong signature');
  });

  it('is down when the signed event is refused (a wrong secret) or the endpoint fails', async () => {
    const fake = await receiver('verifies');
    const wrongSecret = await judge(fake.url, 'another-secret');
    expect(wrongSecret.breached).toEqual(['down']);
    expect(wrongSecret.sample.error).toBe('the signed test event got HTTP 401 (expected 2xx)');
    fake.setMode('fails');
    expect((await judge(fake.url)).breached).toEqual(['down']);
  });

  it('is down, naming the variable, when the secret cannot be read', async () => {
    const fake = await receiver('verifies');
    const { sample } = await judge(fake.url, { env: 'HOOK_SECRET' });
    expect(sample.status).toBe('down');
    expect(sample.error).toContain('HOOK_SECRET');
  });

  it('ships down and accepts-forged as its default rules', () => {
    expect(ruleSpecsFor(monitor('http://127.0.0.1:9/')).map((s) => s.id)).toEqual(['down', 'accepts-forged']);
  });
});
