import { afterEach, describe, expect, it } from 'vitest';
import { type MonitorConfig, MonitorSchema } from '../../../src-main/api/config-schema.ts';
import type { HttpClient } from '../../../src-main/engine/http/http-client.ts';
import { runProbe } from '../../../src-main/engine/probes/run-probe.ts';
import { startFakeCallbackHealth } from '../../../src-main/fakes/callback-health-server.ts';
import { FAKE_CAPTCHAAI_KEY, startFakeCaptchaAi } from '../../../src-main/fakes/captchaai-server.ts';
import { startHttpTarget } from '../../../src-main/fakes/http-target.ts';
import { httpClientForFile, NOW, probeContext } from './probe-test-context.ts';

const http = httpClientForFile();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

describe('runProbe', () => {
  it('runs the probe of each monitor type', async () => {
    const target = await startHttpTarget();
    const health = await startFakeCallbackHealth();
    const captcha = await startFakeCaptchaAi();
    cleanups.push(target.close, health.close, captcha.close);
    const monitors = [
      { id: 'web', type: 'http', url: target.url },
      { id: 'callbacks', type: 'callback-health', url: health.url },
      {
        id: 'balance',
        type: 'balance',
        provider: 'captchaai',
        baseUrl: captcha.url,
        apiKey: FAKE_CAPTCHAAI_KEY,
      },
      { id: 'beat', type: 'heartbeat', periodSeconds: 60 },
    ].map((m) => MonitorSchema.parse(m));
    const samples = await Promise.all(
      monitors.map((m) => runProbe(m, probeContext(http, { beats: [NOW - 1000] }))),
    );
    expect(samples.map((s) => [s.monitorId, s.status])).toEqual([
      ['web', 'up'],
      ['callbacks', 'up'],
      ['balance', 'up'],
      ['beat', 'up'],
    ]);
    expect(samples.map((s) => Object.keys(s.values))).toEqual([
      [],
      [
        'error_rate',
        'total_received',
        'total_errors',
        'avg_latency_ms',
        'p95_latency_ms',
        'seconds_since_last_callback',
      ],
      ['balance', 'burn_per_hour', 'hours_to_empty'],
      ['seconds_since_beat'],
    ]);
  });

  it('turns an exception inside a probe into a down sample', async () => {
    const broken = {
      request() {
        throw new Error('socket pool exploded');
      },
    } as unknown as HttpClient;
    const monitor = MonitorSchema.parse({ id: 'web', type: 'http', url: 'http://127.0.0.1:9/' });
    expect(await runProbe(monitor, probeContext(broken))).toEqual({
      monitorId: 'web',
      time: NOW,
      status: 'down',
      latencyMs: null,
      values: {},
      error: 'check failed unexpectedly: socket pool exploded',
    });
  });

  it('reports a secret that cannot be read for another reason as a config error', async () => {
    const monitor = MonitorSchema.parse({
      id: 'balance',
      type: 'balance',
      provider: 'captchaai',
      apiKey: 'k'.repeat(10),
    });
    const sample = await runProbe(
      monitor,
      probeContext(http, {
        resolveSecret() {
          throw new Error('keychain locked: k'.concat('k'.repeat(9)));
        },
      }),
    );
    expect(sample).toMatchObject({ status: 'down', errorKind: 'config', error: 'apiKey: could not be read' });
  });

  it('reports a monitor of an unknown type instead of returning nothing', async () => {
    const monitor = { id: 'odd', type: 'smtp' } as unknown as MonitorConfig;
    expect(await runProbe(monitor, probeContext(http))).toMatchObject({
      status: 'down',
      error: 'unknown monitor type "smtp"',
    });
  });
});
