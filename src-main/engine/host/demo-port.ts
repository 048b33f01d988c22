import type { MonitorInput } from '../../api/config-schema.ts';
import type { DemoMessage } from '../../api/contract.ts';

export interface DemoSetup {
  monitors: MonitorInput[];
  /** The local Discord-compatible sink. */
  discordWebhookUrl: string;
}

/** The built-in simulated CAPTCHA pipeline on loopback (src-main/demo), started on the user's request. */
export interface DemoPort {
  /** Starts the pipeline (restarts it when running); the heartbeat sender calls `beat` (the engine's recordHeartbeat). */
  start(beat: (monitorId: string) => 'recorded' | 'not-found' | 'forbidden'): Promise<DemoSetup>;
  stop(): Promise<void>;
  running(): boolean;
  /** What the local Discord sink received, newest first. */
  inbox(): DemoMessage[];
}
