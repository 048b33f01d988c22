import { describe, expect, it } from 'vitest';
import { HeartbeatMonitorSchema } from '../../../src-main/api/config-schema.ts';
import { probeHeartbeat } from '../../../src-main/engine/probes/heartbeat.ts';
import { httpClientForFile, NOW, probeContext } from './probe-test-context.ts';

// Heartbeats never touch the network; the client only completes the context.
const http = httpClientForFile();

const monitor = (fields: { periodSeconds: number; graceSeconds?: number; adaptive?: boolean }) =>
  HeartbeatMonitorSchema.parse({ id: 'pipeline', type: 'heartbeat', ...fields });

/** Beat times given as seconds before now, newest first. */
const beatsAgo = (...seconds: number[]) => seconds.map((s) => NOW - s * 1000);

const check = (fields: Parameters<typeof monitor>[0], beats: number[]) =>
  probeHeartbeat(monitor(fields), probeContext(http, { beats }));

describe('heartbeat probe', () => {
  it('is unknown until the first heartbeat', async () => {
    const sample = await check({ periodSeconds: 60 }, []);
    expect(sample).toEqual({
      monitorId: 'pipeline',
      time: NOW,
      status: 'unknown',
      latencyMs: null,
      values: {},
      error: 'waiting for the first heartbeat',
    });
  });

  it('is up within the period plus grace', async () => {
    const sample = await check({ periodSeconds: 60 }, beatsAgo(85, 145));
    expect(sample).toMatchObject({ status: 'up', values: { seconds_since_beat: 85, avg_interval_s: 60 } });
    expect(sample.error).toBeUndefined();
  });

  it('goes stale after the period plus grace', async () => {
    const sample = await check({ periodSeconds: 60, graceSeconds: 30 }, beatsAgo(95, 155));
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'stale',
      error: 'no heartbeat for 95 s (expected every 60 s + 30 s grace)',
      values: { seconds_since_beat: 95 },
    });
  });

  it('goes stale after 5× the recent average interval when adaptive', async () => {
    const sample = await check({ periodSeconds: 300, adaptive: true }, beatsAgo(60, 70, 80, 90));
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'stale',
      error: 'no heartbeat for 60 s (5× the recent average interval of 10 s)',
      values: { avg_interval_s: 10 },
    });
  });

  it('needs three known intervals before adapting', async () => {
    expect((await check({ periodSeconds: 300, adaptive: true }, beatsAgo(60, 70, 80))).status).toBe('up');
  });

  it('keeps the fixed limit when it is the shorter one', async () => {
    const sample = await check(
      { periodSeconds: 10, graceSeconds: 5, adaptive: true },
      beatsAgo(20, 120, 220, 320),
    );
    expect(sample.error).toBe('no heartbeat for 20 s (expected every 10 s + 5 s grace)');
  });

  it('ignores the recent average when not adaptive', async () => {
    expect((await check({ periodSeconds: 300 }, beatsAgo(60, 70, 80, 90))).status).toBe('up');
  });

  it('treats a beat from the future (clock skew) as just now', async () => {
    const sample = await check({ periodSeconds: 60 }, [NOW + 5000]);
    expect(sample).toMatchObject({ status: 'up', values: { seconds_since_beat: 0 } });
    expect(sample.values.avg_interval_s).toBeUndefined();
  });
});
