import type { TcpMonitor } from '../../api/config-schema.ts';
import type { Sample } from '../sample.ts';
import { connectTcp } from '../tcp/tcp-connect.ts';
import { certificateValues, failedSample } from './http-sample.ts';
import type { ProbeContext } from './probe-context.ts';

/** A port that accepts connections (and completes a TLS handshake when `tls` is set), with its certificate. */
export async function probeTcp(monitor: TcpMonitor, ctx: ProbeContext): Promise<Sample> {
  const time = ctx.now();
  const result = await connectTcp({
    host: monitor.host,
    port: monitor.port,
    timeoutMs: monitor.timeoutMs,
    tls: monitor.tls === false ? undefined : monitor.tls === true ? {} : monitor.tls,
    signal: ctx.signal,
  });
  if (!result.ok) return failedSample(monitor.id, time, result);
  return {
    monitorId: monitor.id,
    time,
    status: 'up',
    latencyMs: result.latencyMs,
    values: result.certificate ? certificateValues(result.certificate, time) : {},
  };
}
