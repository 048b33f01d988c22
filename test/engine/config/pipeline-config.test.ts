import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src-main/api/config-schema.ts';
import { ruleSpecsFor } from '../../../src-main/api/rule-specs.ts';
import { parseConfig } from '../../../src-main/engine/config/parse-config.ts';
import {
  maskSecrets,
  restoreStoredSecrets,
  secretValues,
  unresolvedStoredSecrets,
} from '../../../src-main/engine/config/secret-masking.ts';

function parsed(monitor: Record<string, unknown>): Config {
  const r = parseConfig({ monitors: [{ id: 'solver', type: 'pipeline', ...monitor }] });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

describe('pipeline monitor config', () => {
  it('fills the defaults the issue names', () => {
    const m = parsed({ signingSecret: 'whsec_1234' }).monitors[0];
    expect(m).toMatchObject({
      type: 'pipeline',
      signatureHeader: 'X-Webhook-Signature',
      windowSeconds: 300,
      deliveryTimeoutSeconds: 300,
      errorRateCritical: 0.15,
      errorRateMinTasks: 10,
      queueWarn: 500,
      staleSeconds: 300,
    });
  });

  it('needs a signingSecret or a token', () => {
    const r = parseConfig({ monitors: [{ id: 'solver', type: 'pipeline' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toContainEqual({
        path: 'monitors[0].signingSecret',
        message: 'needs a signingSecret or a token',
      });
    }
    expect(parseConfig({ monitors: [{ id: 's', type: 'pipeline', token: 'tok-12345' }] }).ok).toBe(true);
  });

  it('refuses a signature header that is not a header name', () => {
    const r = parseConfig({
      monitors: [{ id: 's', type: 'pipeline', token: 'tok-12345', signatureHeader: 'X Sig: 1' }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toContainEqual({
        path: 'monitors[0].signatureHeader',
        message: 'must be an HTTP header name',
      });
    }
  });

  it('ships the default rules, with its thresholds in the conditions', () => {
    const m = parsed({ signingSecret: 's3cret', errorRateCritical: 0.2, queueWarn: 100 }).monitors[0];
    if (!m) throw new Error('no monitor');
    const specs = ruleSpecsFor(m);
    expect(specs.map((s) => s.id)).toEqual([
      'down',
      'error-rate',
      'delivery-rate',
      'stale',
      'traffic-drop',
      'traffic-spike',
      'queue',
      'forged',
      'provider-balance',
    ]);
    expect(specs.find((s) => s.id === 'error-rate')).toMatchObject({
      when: '[VALUE].error_rate > 0.2 && [VALUE].tasks > 10',
      severity: 'critical',
      threshold: 0.2,
    });
    expect(specs.find((s) => s.id === 'queue')?.when).toBe('[VALUE].queue_depth > 100');
    expect(specs.find((s) => s.id === 'forged')?.severity).toBe('critical');
  });

  it('switches rules off with disableRules or a null threshold', () => {
    const m = parsed({ token: 'tok-12345', queueWarn: null, disableRules: ['forged'] }).monitors[0];
    if (!m) throw new Error('no monitor');
    const ids = ruleSpecsFor(m).map((s) => s.id);
    expect(ids).not.toContain('queue');
    expect(ids).not.toContain('forged');
    expect(ids).toContain('error-rate');
  });
});

describe('pipeline secrets', () => {
  const config = parsed({ signingSecret: 'whsec_live_value', token: 'tok-live-value' });

  it('masks the signing secret and the token as the API shows them', () => {
    const masked = maskSecrets(config).monitors?.[0] as Record<string, unknown>;
    expect(masked.signingSecret).toEqual({ stored: true });
    expect(masked.token).toBe('<stored>');
    expect(JSON.stringify(maskSecrets(config))).not.toContain('live_value');
    expect(JSON.stringify(maskSecrets(config))).not.toContain('live-value');
  });

  it('restores both when a masked config is saved back', () => {
    const back = parseConfig(maskSecrets(config));
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    const restored = restoreStoredSecrets(back.config, config);
    expect(restored.monitors[0]).toMatchObject({
      signingSecret: 'whsec_live_value',
      token: 'tok-live-value',
    });
    expect(unresolvedStoredSecrets(restored)).toEqual([]);
  });

  it('does not hand a stored signing secret to a monitor that changed type', () => {
    const back = parseConfig({
      monitors: [{ id: 'solver', type: 'balance', provider: 'captchaai', apiKey: { stored: true } }],
    });
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    const restored = restoreStoredSecrets(back.config, config);
    expect(unresolvedStoredSecrets(restored)).toEqual(['monitors[0].apiKey']);
  });

  it('lists both values for redaction', () => {
    const values = secretValues(config, (s) => (typeof s === 'string' ? s : null));
    expect(values).toContain('whsec_live_value');
    expect(values).toContain('tok-live-value');
  });
});

describe('webhook-receiver secrets', () => {
  const parsedReceiver = (url: string, signingSecret: unknown) => {
    const r = parseConfig({ monitors: [{ id: 'hook', type: 'webhook-receiver', url, signingSecret }] });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.config;
  };
  const current = parsedReceiver('https://hooks.example.com/captcha', 'whsec_receiver_value');

  it('masks the signing secret and restores it for the same endpoint only', () => {
    const masked = maskSecrets(current);
    expect(JSON.stringify(masked)).not.toContain('receiver_value');
    const same = restoreStoredSecrets(
      parsedReceiver('https://hooks.example.com/other', { stored: true }),
      current,
    );
    expect(same.monitors[0]).toMatchObject({ signingSecret: 'whsec_receiver_value' });
    const moved = restoreStoredSecrets(
      parsedReceiver('https://evil.example.net/', { stored: true }),
      current,
    );
    expect(unresolvedStoredSecrets(moved)).toEqual(['monitors[0].signingSecret']);
  });
});
