import type { MonitorInput } from '../../api/config-schema.ts';
import type { DemoMessage } from '../../api/contract.ts';
import type { EventRequest, IntakeResult } from '../pipeline/pipeline-intake.ts';

export interface DemoSetup {
  monitors: MonitorInput[];
  /** The local Discord-compatible sink. */
  discordWebhookUrl: string;
}

/**
 * The engine's doors the simulated pipeline knocks on, in process (the desktop app may have no HTTP
 * listener): the heartbeat, and the same event intake `POST /events/:id` feeds, signatures and all.
 */
export interface DemoEnginePorts {
  beat(monitorId: string): 'recorded' | 'not-found' | 'forbidden';
  ingestEvents(monitorId: string, request: EventRequest): IntakeResult;
}

/** The built-in simulated CAPTCHA pipeline on loopback (src-main/demo), started on the user's request. */
export interface DemoPort {
  /** Starts the pipeline (restarts it when running); its heartbeats and task events go through `ports`. */
  start(ports: DemoEnginePorts): Promise<DemoSetup>;
  stop(): Promise<void>;
  running(): boolean;
  /** What the local Discord sink received, newest first. */
  inbox(): DemoMessage[];
}
