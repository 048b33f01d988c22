import type { PipelineMonitor, Secret } from '../../api/config-schema.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { PushMemory } from '../monitors/heartbeat-signal.ts';
import type { PipelineReading } from '../pipeline/pipeline-values.ts';
import type { Sample } from '../sample.ts';

/** Everything a probe may use. Probes read from it and return a Sample; they never store or notify. */
export interface ProbeContext {
  /** Aborted when the check is cancelled (engine stop, config change). */
  signal: AbortSignal;
  now(): number;
  http: HttpClient;
  /** May throw SecretUnavailableError, whose message names the variable and never a value. */
  resolveSecret(secret: Secret): string;
  /** This monitor's previous samples, newest first. */
  recent: readonly Sample[];
  /** Heartbeat arrival times (epoch ms), newest first. */
  beats: readonly number[];
  /** A heartbeat's last finished run and the run in progress. */
  push?: PushMemory;
  /** What the event intake counted for a pipeline monitor. */
  pipeline?: (m: PipelineMonitor) => PipelineReading;
}
