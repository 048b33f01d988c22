import type { Config } from '../api/config-schema.ts';
import type { ListenerInfo } from '../api/contract.ts';
import {
  DEFAULT_LISTENER_PORT,
  type InboundEngine,
  type InboundListener,
  ListenerPortError,
  startInboundListener,
} from '../server/inbound-listener.ts';

export interface ListenerPreferences {
  port: number;
  lan: boolean;
}

/** Only heartbeat and pipeline monitors receive anything; without one the app keeps no port open. */
export const needsListener = (config: Config): boolean =>
  config.monitors.some((m) => m.enabled && (m.type === 'heartbeat' || m.type === 'pipeline'));

/**
 * Runs the desktop app's inbound listener while a heartbeat or pipeline monitor exists, on the port
 * and interface the user chose; a port in use becomes a message, never a failed start.
 */
export class DesktopListener {
  private readonly engine: InboundEngine;
  private readonly log: (line: string) => void;
  private running: { listener: InboundListener; prefs: ListenerPreferences } | null = null;
  private prefs: ListenerPreferences = { port: DEFAULT_LISTENER_PORT, lan: false };
  private error: string | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(engine: InboundEngine, log: (line: string) => void) {
    this.engine = engine;
    this.log = log;
  }

  /** Starts, restarts or stops the listener for this config and these preferences. Calls run in turn. */
  apply(config: Config, prefs: ListenerPreferences): Promise<void> {
    this.queue = this.queue.then(() => this.settle(needsListener(config), prefs));
    return this.queue;
  }

  info(): ListenerInfo {
    return {
      port: this.prefs.port,
      lan: this.prefs.lan,
      url: this.running?.listener.url ?? null,
      error: this.error,
    };
  }

  stop(): Promise<void> {
    this.queue = this.queue.then(() => this.settle(false, this.prefs));
    return this.queue;
  }

  private async settle(wanted: boolean, prefs: ListenerPreferences): Promise<void> {
    this.prefs = prefs;
    const same = this.running?.prefs.port === prefs.port && this.running.prefs.lan === prefs.lan;
    if (wanted && same) return;
    if (this.running) {
      await this.running.listener.close();
      this.running = null;
    }
    this.error = null;
    if (!wanted) return;
    try {
      const listener = await startInboundListener({ engine: this.engine, ...prefs, log: this.log });
      this.running = { listener, prefs };
      this.log(`listening for heartbeats and pipeline events on ${listener.url}`);
    } catch (err) {
      this.error =
        err instanceof ListenerPortError
          ? err.message
          : `the listener did not start: ${(err as Error).message}`;
      this.log(this.error);
    }
  }
}
