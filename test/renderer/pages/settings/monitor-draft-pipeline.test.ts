import { describe, expect, it } from 'vitest';
import { MonitorSchema } from '../../../../src-main/api/config-schema.ts';
import {
  draftFromMonitor,
  monitorFromDraft,
  newDraft,
} from '../../../../src-renderer/pages/settings/monitor-draft.ts';
import {
  generateSecret,
  signedCurlExample,
} from '../../../../src-renderer/pages/settings/pipeline-sections.tsx';

describe('pipeline and webhook-receiver drafts', () => {
  it('round-trips a pipeline monitor, keeping a stored secret stored', () => {
    const monitor = {
      id: 'solver',
      type: 'pipeline' as const,
      signingSecret: { stored: true as const },
      token: '<stored>',
      signatureHeader: 'X-Signature',
      windowSeconds: 600,
      deliveryTimeoutSeconds: 120,
      errorRateCritical: 0.2,
      errorRateMinTasks: 20,
      queueWarn: null,
      staleSeconds: 900,
    };
    const { monitor: back, issues } = monitorFromDraft(draftFromMonitor(monitor));
    expect(issues).toEqual([]);
    expect(back).toMatchObject(monitor);
    expect(MonitorSchema.safeParse(back).success).toBe(true);
  });

  it('starts a new pipeline with the issue defaults', () => {
    const d = newDraft('pipeline');
    expect(d).toMatchObject({
      errorRateCritical: '0.15',
      windowSeconds: '300',
      signatureHeader: 'X-Webhook-Signature',
    });
  });

  it('round-trips a webhook receiver', () => {
    const monitor = {
      id: 'hook',
      type: 'webhook-receiver' as const,
      url: 'https://hooks.example.com/captcha',
      signingSecret: { env: 'HOOK_SECRET' },
    };
    expect(monitorFromDraft(draftFromMonitor(monitor)).monitor).toMatchObject(monitor);
  });

  it('generates a 256-bit hex secret and a signing example with openssl and curl', () => {
    expect(generateSecret()).toMatch(/^[0-9a-f]{64}$/);
    expect(generateSecret()).not.toBe(generateSecret());
    const example = signedCurlExample('http://127.0.0.1:7420/events/solver', 'X-Webhook-Signature');
    expect(example).toContain('openssl dgst -sha256 -hmac "$SECRET"');
    expect(example).toContain(
      `curl -fsS -X POST 'http://127.0.0.1:7420/events/solver' -H "X-Webhook-Signature: $SIG"`,
    );
  });
});
