import type { Config, ConfigInput, Secret } from '../api/config-schema.ts';
import {
  ApiError,
  type ApiInput,
  type ApiOutputs,
  type EngineEvent,
  type SolvewatchApi,
  type StateSnapshot,
} from '../api/contract.ts';
import { DemoController } from '../demo/demo-controller.ts';
import { alertsOverview } from './alerts/alerts-overview.ts';
import { buildDailySummary } from './alerts/daily-summary.ts';
import { systemClock } from './clock.ts';
import { ConfigConflictError } from './config/config-file.ts';
import { takeInConfig } from './config/config-intake.ts';
import { monitorIssues, withMonitor, withoutMonitor } from './config/monitor-edit.ts';
import { configWithSecrets } from './config/secret-export.ts';
import { maskSecrets, secretValues } from './config/secret-masking.ts';
import { tryResolveSecret } from './config/secrets.ts';
import type { ConnectivityChange } from './connectivity/connectivity.ts';
import type { EngineOptions } from './engine-options.ts';
import { monitorHistory } from './history/monitor-history.ts';
import { headlessHost } from './host/host-port.ts';
import { endMaintenance, startMaintenance } from './maintenance/maintenance-edit.ts';
import type { HeartbeatResult, HeartbeatSignal } from './monitors/monitoring.ts';
import { testCheck } from './monitors/test-check.ts';
import { sendChannelTest } from './notify/channel-test.ts';
import { buildChannels, closeChannels } from './notify/channels.ts';
import { loggingDesktopPort } from './notify/desktop.ts';
import type { ChannelEntry } from './notify/outbox.ts';
import type { PipelineIntake } from './pipeline/pipeline-intake.ts';
import { type Services, wireServices } from './services.ts';
import { buildSnapshot } from './snapshot.ts';

export type { HeartbeatResult, HeartbeatSignal } from './monitors/monitoring.ts';

/**
 * The composition root and the API facade: wires the services once and implements the contract that
 * the server and the desktop shell carry. Decisions live in the pure steps the services call.
 */
export class Engine implements SolvewatchApi {
  readonly startedAt: number;
  private config: Config;
  private secrets: string[] = [];
  private channels = new Map<string, ChannelEntry>();
  private running = false;
  private readonly o: Required<Omit<EngineOptions, 'random' | 'demo'>>;
  private readonly s: Services;
  private readonly demo: DemoController;
  readonly startMaintenance = (i: ApiInput<'startMaintenance'>) => startMaintenance(this, i, this.o.clock);
  readonly endMaintenance = (i: ApiInput<'endMaintenance'>) => endMaintenance(this, i.id, this.o.clock);
  readonly exportConfigWithSecrets = async () => configWithSecrets(this.o.host, this.config);

  constructor(config: Config, options: EngineOptions) {
    const { random, demo, log = () => {}, ...given } = options;
    this.o = {
      ...given,
      log,
      clock: options.clock ?? systemClock,
      env: options.env ?? process.env,
      desktop: options.desktop ?? loggingDesktopPort(log),
      host: options.host ?? headlessHost({ settings: '', data: '' }),
    };
    this.config = config;
    this.startedAt = this.o.clock.now();
    this.s = wireServices({
      ...this.o,
      random,
      config: () => this.config,
      secrets: () => this.secrets,
      channels: () => this.channels,
      publishSnapshot: () => this.publishSnapshot(),
    });
    this.demo = new DemoController(this, demo ?? null);
    this.apply(config);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.s.alerting.restore(this.config.monitors, this.s.state.load('snooze'));
    this.s.outbox.start();
    if (this.demo.needsRestart()) {
      this.demo.start().catch((err) => this.o.log(`could not restart the demo: ${(err as Error).message}`));
    }
    this.s.monitoring.scheduler.start();
    this.s.housekeeping.start();
  }

  /** Stops checks (aborting those in flight) and flushes history. Idempotent. */
  async stop(): Promise<void> {
    this.running = false;
    this.s.housekeeping.stop();
    // A demo (re)start still saving its config would rebuild channels that are being closed here.
    await this.demo.settled();
    await this.s.monitoring.scheduler.stop();
    this.s.writer.flushNotices();
    this.s.writer.stop();
    await this.s.outbox.stop();
    await closeChannels(this.channels);
    this.s.writer.flushHistory();
    await this.s.http.close();
  }

  onConnectivity(listener: (change: ConnectivityChange) => void): () => void {
    return this.s.connectivity.add(listener);
  }

  /** The desktop shell reports the OS's own online/offline events here. */
  reportNetwork(online: boolean): void {
    this.s.monitoring.reportNetwork(online);
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.s.events.add(listener);
  }

  currentConfig(): Config {
    return this.config;
  }

  readonly schedulerStats = () => this.s.monitoring.scheduler.stats();

  recordHeartbeat(id: string, token: string | null, signal?: HeartbeatSignal): HeartbeatResult {
    return this.s.monitoring.recordHeartbeat(id, token, this.running, signal);
  }

  /** The pipeline monitors' events in (`POST /events/:id`) and their counters (/metrics). */
  get pipelineEvents(): PipelineIntake {
    return this.s.pipeline;
  }

  /** A config file edited on disk (SIGHUP, file watch) that is valid: applied as a save would be. */
  applyLoadedConfig(config: Config): void {
    this.apply(config);
    this.publishSnapshot();
  }

  /** Sends what is grouped and waits until nothing can be sent right now (tests, clean shutdown). */
  async notificationsIdle(): Promise<void> {
    this.s.writer.flushNotices();
    await this.s.outbox.idle();
  }

  async getState(_input: ApiInput<'getState'> = {}): Promise<StateSnapshot> {
    return this.snapshot();
  }

  async getHistory(input: ApiInput<'getHistory'>): Promise<ApiOutputs['getHistory']> {
    this.known(input.id);
    return monitorHistory(this.o.history, input.id, input.window, this.o.clock.now(), this.s);
  }

  async checkNow(input: ApiInput<'checkNow'> = {}): Promise<ApiOutputs['checkNow']> {
    if (input.id !== undefined) this.known(input.id);
    const ids = input.id ? [input.id] : this.s.monitoring.registry.enabled().map((r) => r.config.id);
    await this.s.monitoring.scheduler.checkNow(input.id);
    return { checked: ids };
  }

  async getConfig(): Promise<ConfigInput> {
    return maskSecrets(this.config);
  }

  async validateConfig(input: ApiInput<'validateConfig'>): Promise<ApiOutputs['validateConfig']> {
    const taken = takeInConfig(input.config, this.config);
    return taken.ok ? { ok: true } : taken;
  }

  async saveConfig(input: ApiInput<'saveConfig'>): Promise<ApiOutputs['saveConfig']> {
    await this.save(input.config);
    return { ok: true };
  }

  async saveSettings(input: ApiInput<'saveSettings'>): Promise<ApiOutputs['saveSettings']> {
    await this.save({ ...maskSecrets(this.config), ...input.settings });
    return { ok: true };
  }

  async saveMonitor(input: ApiInput<'saveMonitor'>): Promise<ApiOutputs['saveMonitor']> {
    const next = withMonitor(maskSecrets(this.config), input.id, input.monitor);
    const taken = takeInConfig(next.config, this.config);
    if (!taken.ok) throw new ApiError(400, 'invalid monitor', monitorIssues(taken.issues, next.index));
    await this.commit(taken.config);
    return { ok: true };
  }

  async removeMonitor(input: ApiInput<'removeMonitor'>): Promise<ApiOutputs['removeMonitor']> {
    this.known(input.id);
    await this.save(withoutMonitor(maskSecrets(this.config), input.id));
    return { ok: true };
  }

  async testMonitor(input: ApiInput<'testMonitor'>): Promise<ApiOutputs['testMonitor']> {
    return testCheck(input.monitor, this.config, this.s.runner, this.o.env, this.secrets);
  }

  async getAlerts(input: ApiInput<'getAlerts'> = {}): Promise<ApiOutputs['getAlerts']> {
    const limit = typeof input.limit === 'number' ? input.limit : 100;
    return alertsOverview(this.s.alerting, this.o.history, this.s.outbox, limit, this.o.clock.now());
  }

  async snooze(input: ApiInput<'snooze'>): Promise<ApiOutputs['snooze']> {
    if (input.monitorId !== undefined) this.known(input.monitorId);
    const until = input.minutes === null ? null : this.o.clock.now() + input.minutes * 60_000;
    return this.snoozeChanged(this.s.alerting.snooze(input.monitorId ?? null, until));
  }

  async resumeAlerts(input: ApiInput<'resumeAlerts'> = {}): Promise<ApiOutputs['resumeAlerts']> {
    return this.snoozeChanged(this.s.alerting.resume(input.monitorId ?? null));
  }

  async sendTestNotification(
    input: ApiInput<'sendTestNotification'>,
  ): Promise<ApiOutputs['sendTestNotification']> {
    const { config, channels, o } = this;
    const resolve = (s: Secret) => tryResolveSecret(s, o.env);
    const context = { config, channels, resolve, desktop: o.desktop, clock: o.clock };
    return sendChannelTest(input.channel, input.notifications, context);
  }

  async getDailySummary(): Promise<ApiOutputs['getDailySummary']> {
    this.o.history.flush();
    return buildDailySummary(this.o.history, this.config.monitors, this.o.clock.now(), this.s.pipeline.day);
  }

  async getHost(): Promise<ApiOutputs['getHost']> {
    return this.o.host.info();
  }

  async setHostPreferences(input: ApiInput<'setHostPreferences'>): Promise<ApiOutputs['setHostPreferences']> {
    try {
      return await this.o.host.setPreferences(input);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(409, (err as Error).message);
    }
  }

  readonly getDemo = async () => this.demo.status();
  readonly startDemo = () => this.demo.start();
  readonly stopDemo = () => this.demo.stop();

  /** The save path: validated once, stored, then applied. */
  private async save(value: unknown): Promise<void> {
    const taken = takeInConfig(value, this.config);
    if (!taken.ok) throw new ApiError(400, 'invalid config', taken.issues);
    await this.commit(taken.config);
  }

  private async commit(config: Config): Promise<void> {
    try {
      await this.o.settings.save(config);
    } catch (err) {
      throw err instanceof ConfigConflictError ? new ApiError(409, err.message) : err;
    }
    this.apply(config);
    this.publishSnapshot();
  }

  private apply(config: Config): void {
    this.config = config;
    const resolve = (s: Secret) => tryResolveSecret(s, this.o.env);
    this.secrets = secretValues(config, resolve);
    const { channels, problems } = buildChannels(
      config,
      this.channels,
      resolve,
      this.o.desktop,
      this.o.clock,
    );
    for (const p of problems) this.o.log(p);
    this.channels = channels;
    this.s.outbox.setChannels(channels);
    this.s.alerting.retain(new Set(config.monitors.filter((m) => m.enabled).map((m) => m.id)));
    this.s.monitoring.apply(config);
    this.s.housekeeping.rearm();
  }

  private known(id: string): void {
    if (!this.s.monitoring.registry.has(id)) throw new ApiError(404, `no monitor with id "${id}"`);
  }

  private snoozeChanged(state: ApiOutputs['snooze']): ApiOutputs['snooze'] {
    this.s.state.save('snooze', state);
    this.publishSnapshot();
    return state;
  }

  private snapshot(): StateSnapshot {
    return buildSnapshot(this.s, this.startedAt, this.o.clock.now(), this.config.maintenance);
  }

  private publishSnapshot(): void {
    if (this.s.events.size > 0) this.s.writer.publish({ type: 'snapshot', state: this.snapshot() });
  }
}
