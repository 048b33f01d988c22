import type { PipelineMonitor } from '../../api/config-schema.ts';
import type { Sample } from '../sample.ts';
import type { ProbeContext } from './probe-context.ts';

/** Events pushed in: reports what the intake counted over the window; no network. */
export async function probePipeline(monitor: PipelineMonitor, ctx: ProbeContext): Promise<Sample> {
  const sample: Sample = {
    monitorId: monitor.id,
    time: ctx.now(),
    status: 'up',
    latencyMs: null,
    values: {},
  };
  const reading = ctx.pipeline?.(monitor);
  if (!reading || reading.empty) {
    sample.status = 'unknown';
    sample.error = `waiting for the first event at /events/${monitor.id}`;
    return sample;
  }
  sample.values = reading.values;
  sample.body = reading.body;
  return sample;
}
