import type { MonitorConfig } from '../../api/config-schema.ts';
import type { Sample } from '../sample.ts';
import { probeBalance } from './balance.ts';
import { probeCallbackHealth } from './callback-health.ts';
import { probeHeartbeat } from './heartbeat.ts';
import { probeHttp } from './http.ts';
import { probePipeline } from './pipeline.ts';
import type { ProbeContext } from './probe-context.ts';
import { probeTcp } from './tcp.ts';
import { probeWebhookReceiver } from './webhook-receiver.ts';

/** Runs the probe of the monitor's type. Never throws: a bug in a probe becomes a `down` sample saying so. */
export async function runProbe(monitor: MonitorConfig, ctx: ProbeContext): Promise<Sample> {
  const time = ctx.now();
  try {
    switch (monitor.type) {
      case 'http':
        return await probeHttp(monitor, ctx);
      case 'callback-health':
        return await probeCallbackHealth(monitor, ctx);
      case 'balance':
        return await probeBalance(monitor, ctx);
      case 'heartbeat':
        return await probeHeartbeat(monitor, ctx);
      case 'tcp':
        return await probeTcp(monitor, ctx);
      case 'pipeline':
        return await probePipeline(monitor, ctx);
      case 'webhook-receiver':
        return await probeWebhookReceiver(monitor, ctx);
    }
    return brokenSample(
      monitor,
      time,
      `unknown monitor type "${String((monitor as { type: unknown }).type)}"`,
    );
  } catch (err) {
    return brokenSample(
      monitor,
      time,
      `check failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

function brokenSample(monitor: MonitorConfig, time: number, error: string): Sample {
  return { monitorId: monitor.id, time, status: 'down', latencyMs: null, values: {}, error };
}
