import { type Config, type ConfigInput, isDemoMonitor } from '../api/config-schema.ts';
import { ApiError, type ApiOutputs, type SolvewatchApi } from '../api/contract.ts';
import { isLoopbackUrl } from '../api/loopback.ts';
import type { DemoPort } from '../engine/host/demo-port.ts';
import type { PipelineIntake } from '../engine/pipeline/pipeline-intake.ts';

/** What the demo needs of the engine: its API, the running config, the heartbeat and event doors. */
export interface DemoEngine extends Pick<SolvewatchApi, 'getConfig' | 'saveConfig' | 'checkNow'> {
  currentConfig(): Config;
  recordHeartbeat(id: string, token: string | null): 'recorded' | 'not-found' | 'forbidden';
  readonly pipelineEvents: Pick<PipelineIntake, 'receive'>;
}

/**
 * "Try the demo": starts the simulated pipeline and puts its monitors (marked `demo: true`) and its
 * Discord sink in the config through the engine's API; "Stop demo" takes exactly those out again.
 */
export class DemoController {
  private steps: Promise<unknown> = Promise.resolve();

  private readonly engine: DemoEngine;
  private readonly pipeline: DemoPort | null;

  constructor(engine: DemoEngine, pipeline: DemoPort | null) {
    this.engine = engine;
    this.pipeline = pipeline;
  }

  status(): ApiOutputs['getDemo'] {
    return {
      available: this.pipeline !== null,
      running: this.pipeline?.running() ?? false,
      monitorIds: this.engine
        .currentConfig()
        .monitors.filter(isDemoMonitor)
        .map((m) => m.id),
      inbox: this.pipeline?.inbox() ?? [],
    };
  }

  /** Demo monitors saved by an earlier run point at ports of a pipeline that is gone: start it again. */
  needsRestart(): boolean {
    return this.pipeline !== null && this.engine.currentConfig().monitors.some(isDemoMonitor);
  }

  start(): Promise<ApiOutputs['startDemo']> {
    return this.step(() => this.restart());
  }

  stop(): Promise<ApiOutputs['stopDemo']> {
    return this.step(async () => {
      await this.save((c) => ({ ...c, monitors: this.userMonitors(c), notifications: this.withoutSink(c) }));
      await this.pipeline?.stop();
      return this.status();
    });
  }

  /** Waits for a start or stop in progress (clean shutdown). */
  async settled(): Promise<void> {
    await this.steps;
  }

  /** Starts and stops run one after another: a double click must not leave monitors on closed ports. */
  private step<T>(run: () => Promise<T>): Promise<T> {
    const result = this.steps.then(run, run);
    this.steps = result.catch(() => {});
    return result;
  }

  private async restart(): Promise<ApiOutputs['startDemo']> {
    if (!this.pipeline) throw new ApiError(501, 'the demo is not available in this build');
    const own = this.engine.currentConfig().notifications;
    if ((own.discord && !this.sinkIsLoopback()) || own.webhook) {
      throw new ApiError(
        409,
        'the demo would post its alerts to your own Discord or webhook channel: remove them first, or run `npm run demo`, which keeps its own settings',
      );
    }
    // Until the restarted pipeline's new ports are saved, its old monitors would only see refused connections.
    if (this.needsRestart()) await this.save((c) => ({ ...c, monitors: this.userMonitors(c) }));
    const setup = await this.pipeline.start({
      beat: (id) => this.engine.recordHeartbeat(id, null),
      ingestEvents: (id, request) => this.engine.pipelineEvents.receive(id, request),
    });
    try {
      await this.save((c) => ({
        ...c,
        monitors: [...setup.monitors.map((m) => ({ ...m, demo: true as const })), ...this.userMonitors(c)],
        notifications: { ...c.notifications, discord: { webhookUrl: setup.discordWebhookUrl } },
      }));
    } catch (err) {
      await this.pipeline.stop();
      throw err;
    }
    // Only the demo's own monitors: the user's are checked on their schedule as before.
    for (const m of setup.monitors) void this.engine.checkNow({ id: m.id });
    return this.status();
  }

  private async save(change: (current: ConfigInput) => ConfigInput): Promise<void> {
    await this.engine.saveConfig({ config: change(await this.engine.getConfig({})) });
  }

  private userMonitors(c: ConfigInput): NonNullable<ConfigInput['monitors']> {
    return (c.monitors ?? []).filter((m) => m.demo !== true);
  }

  private withoutSink(c: ConfigInput): ConfigInput['notifications'] {
    const notifications = { ...(c.notifications ?? {}) };
    if (this.sinkIsLoopback()) delete notifications.discord;
    return notifications;
  }

  private sinkIsLoopback(): boolean {
    const url = this.engine.currentConfig().notifications.discord?.webhookUrl;
    return typeof url === 'string' && isLoopbackUrl(url);
  }
}
