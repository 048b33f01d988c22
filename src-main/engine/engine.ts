import { randomUUID } from 'node:crypto';
import type { Config, ConfigInput, MonitorConfig } from '../api/config-schema.ts';
import { MonitorSchema } from '../api/config-schema.ts';
import {
  ApiError,
  type ApiInput,
  type ApiOutputs,
  type EngineEvent,
  type SolvewatchApi,
  type StateSnapshot,
} from '../api/contract.ts';
import { toFieldIssues } from '../api/field-issues.ts';
import type { AlertNotice, Notification } from '../api/notification-types.ts';
import { DemoController } from '../demo/demo-controller.ts';
import { Alerting } from './alerts/alerting.ts';
import { buildDailySummary } from './alerts/daily-summary.ts';
import { type Clock, systemClock } from './clock.ts';
import { ConfigConflictError, type SettingsStore } from './config/config-file.ts';
import { takeInConfig } from './config/config-intake.ts';
import { monitorIssues, withMonitor, withoutMonitor } from './config/monitor-edit.ts';
import { maskSecrets, restoreStoredSecrets, secretValues } from './config/secret-masking.ts';
import { tryResolveSecret } from './config/secrets.ts';
import type { ConnectivityChange } from './connectivity/connectivity.ts';
import { EffectWriter } from './effects/effect-writer.ts';
import { Listeners } from './events/listeners.ts';
import { EngineStateStore } from './history/engine-state-store.ts';
import type { History } from './history/history.ts';
import type { DemoPort } from './host/demo-port.ts';
import { type HostPort, headlessHost } from './host/host-port.ts';
import { Housekeeping } from './housekeeping/housekeeping.ts';
import { HttpClient } from './http/http-client.ts';
import { CheckRunner } from './monitors/check-runner.ts';
import { restoredMemory } from './monitors/monitor-restore.ts';
import { createRuntime } from './monitors/monitor-runtime.ts';
import { toMonitorStatus } from './monitors/monitor-status.ts';
import { type HeartbeatResult, Monitoring } from './monitors/monitoring.ts';
import { buildChannels, closeChannels } from './notify/channels.ts';
import { type DesktopPort, loggingDesktopPort } from './notify/desktop.ts';
import { staleReason } from './notify/expiry.ts';
import { type ChannelEntry, Outbox } from './notify/outbox.ts';
import { evaluateRules } from './rules/evaluate-rules.ts';
import { buildSnapshot } from './snapshot.ts';

export type { HeartbeatResult } from './monitors/monitoring.ts';

export interface EngineOptions {
  settings: SettingsStore;
  history: History;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  random?: () => number;
  log?: (line: string) => void;
  /** Native notifications (the desktop shell); headless mode logs them. */
  desktop?: DesktopPort;
  /** The app around the engine; defaults to a headless host. */
  host?: HostPort;
  /** The simulated pipeline behind "Try the demo"; absent where the demo is not shipped. */
  demo?: DemoPort;
}

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
  private readonly o: Required<Omit<EngineOptions, 'demo' | 'random'>> & Pick<EngineOptions, 'random'>;
  private readonly events: Listeners<EngineEvent>;
  private readonly connectivity: Listeners<ConnectivityChange>;
  private readonly http = new HttpClient({ userAgent: 'Solvewatch/0.1 (+https://github.com/solvewatch)' });
  private readonly state: EngineStateStore;
  private readonly alerting: Alerting;
  private readonly outbox: Outbox;
  private readonly writer: EffectWriter;
  private readonly monitoring: Monitoring;
  private readonly housekeeping: Housekeeping;
  private readonly runner: CheckRunner;
  private readonly demo: DemoController;

  constructor(config: Config, options: EngineOptions) {
    const log = options.log ?? (() => {});
    const clock = options.clock ?? systemClock;
    this.o = {
      log,
      clock,
      env: options.env ?? process.env,
      desktop: options.desktop ?? loggingDesktopPort(log),
      host: options.host ?? headlessHost({ settings: '', data: '' }),
      settings: options.settings,
      history: options.history,
      random: options.random,
    };
    this.config = config;
    this.startedAt = clock.now();
    const { history } = options;
    this.events = new Listeners('event', log);
    this.connectivity = new Listeners('connectivity', log);
    this.state = new EngineStateStore(history.database, log);
    this.alerting = new Alerting({
      clock,
      config: () => this.config,
      recordedEvents: (id, from, to, limit) => history.alertEvents(id, from, to, limit),
    });
    this.outbox = new Outbox({
      db: history.database,
      clock,
      channels: this.channels,
      random: options.random,
      log,
      expiry: (n, channel, createdAt) =>
        staleReason(n, channel, clock.now() - createdAt, (id) => this.alerting.isFiring(id)),
      onChange: () => this.publishSnapshot(),
    });
    this.writer = new EffectWriter({
      history,
      outbox: this.outbox,
      clock,
      events: this.events,
      log,
      groupWindowMs: () => this.config.notifications.groupWindowSeconds * 1000,
      channels: () => this.channels.keys(),
    });
    this.runner = new CheckRunner({ http: this.http, clock, env: this.o.env });
    this.housekeeping = new Housekeeping({
      clock,
      history,
      writer: this.writer,
      config: () => this.config,
      log,
    });
    this.monitoring = new Monitoring({
      clock,
      runner: this.runner,
      alerting: this.alerting,
      writer: this.writer,
      connectivityListeners: this.connectivity,
      events: this.events,
      config: () => this.config,
      secrets: () => this.secrets,
      restore: (m) => restoredMemory(m, history, clock.now()),
      random: options.random,
      log,
      publishSnapshot: () => this.publishSnapshot(),
      onClockJump: () => this.housekeeping.rearm(),
    });
    this.demo = new DemoController(this, options.demo ?? null);
    this.apply(config);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.alerting.restore(this.config.monitors, this.state.load('snooze'));
    this.outbox.start();
    if (this.demo.needsRestart()) {
      this.demo.start().catch((err) => this.o.log(`could not restart the demo: ${(err as Error).message}`));
    }
    this.monitoring.scheduler.start();
    this.housekeeping.start();
  }

  /** Stops checks (aborting those in flight) and flushes history. Idempotent. */
  async stop(): Promise<void> {
    this.running = false;
    this.housekeeping.stop();
    // A demo (re)start still saving its config would rebuild channels that are being closed here.
    await this.demo.settled();
    await this.monitoring.scheduler.stop();
    this.writer.flushNotices();
    this.writer.stop();
    await this.outbox.stop();
    await closeChannels(this.channels);
    this.o.history.flush();
    await this.http.close();
  }

  onConnectivity(listener: (change: ConnectivityChange) => void): () => void {
    return this.connectivity.add(listener);
  }

  /** The desktop shell reports the OS's own online/offline events here. */
  reportNetwork(online: boolean): void {
    this.monitoring.reportNetwork(online);
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    return this.events.add(listener);
  }

  currentConfig(): Config {
    return this.config;
  }

  schedulerStats() {
    return this.monitoring.scheduler.stats();
  }

  recordHeartbeat(id: string, token: string | null): HeartbeatResult {
    return this.monitoring.recordHeartbeat(id, token, this.running);
  }

  /** A config file edited on disk (SIGHUP, file watch) that is valid: applied as a save would be. */
  applyLoadedConfig(config: Config): void {
    this.apply(config);
    this.publishSnapshot();
  }

  /** Sends what is grouped and waits until nothing can be sent right now (tests, clean shutdown). */
  async notificationsIdle(): Promise<void> {
    this.writer.flushNotices();
    await this.outbox.idle();
  }

  // ── API contract ─────────────────────────────────────────────────────────

  async getState(_input: ApiInput<'getState'> = {}): Promise<StateSnapshot> {
    return this.snapshot();
  }

  async getHistory(input: ApiInput<'getHistory'>): Promise<ApiOutputs['getHistory']> {
    const window = input.window ?? '24h';
    this.known(input.id);
    const now = this.o.clock.now();
    const { history } = this.o;
    const summary = history.summary(input.id, window, now);
    const series = history.series(input.id, window, now);
    return {
      id: input.id,
      window,
      summary,
      series,
      stateChanges: history.stateChanges(input.id, summary.from, now, 200),
    };
  }

  async checkNow(input: ApiInput<'checkNow'> = {}): Promise<ApiOutputs['checkNow']> {
    if (input.id !== undefined) this.known(input.id);
    const ids = input.id ? [input.id] : this.monitoring.registry.enabled().map((r) => r.config.id);
    await this.monitoring.scheduler.checkNow(input.id);
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
    const parsed = MonitorSchema.safeParse(input.monitor);
    if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error) };
    // Every secret stored for this monitor and target goes back in, as a save would put it.
    const restored = restoreStoredSecrets({ ...this.config, monitors: [parsed.data] }, this.config);
    const monitor = restored.monitors[0] as MonitorConfig;
    const own = secretValues({ ...restored, monitors: [monitor] }, (s) => tryResolveSecret(s, this.o.env));
    const signal = AbortSignal.timeout(monitor.timeoutMs + 5000);
    const sample = await this.runner.probe(monitor, signal, [...this.secrets, ...own]);
    const runtime = createRuntime(monitor, { recent: [], beats: [] });
    const evaluation = evaluateRules(runtime.rules, sample);
    const status = toMonitorStatus({
      ...runtime,
      state: evaluation.state,
      since: sample.time,
      last: sample,
      evaluation,
    });
    return { ok: true, issues: [], monitor: status };
  }

  async getAlerts(input: ApiInput<'getAlerts'> = {}): Promise<ApiOutputs['getAlerts']> {
    const limit = typeof input.limit === 'number' ? input.limit : 100;
    const now = this.o.clock.now();
    return {
      firing: this.alerting.firing(),
      transitions: this.o.history.alertEvents(null, now - 30 * 86_400_000, now, limit),
      deliveries: this.outbox.deliveries({ limit }),
      channels: this.outbox.channels(),
      snooze: this.alerting.snoozeState(),
    };
  }

  async snooze(input: ApiInput<'snooze'>): Promise<ApiOutputs['snooze']> {
    if (input.monitorId !== undefined) this.known(input.monitorId);
    const until = input.minutes === null ? null : this.o.clock.now() + input.minutes * 60_000;
    return this.snoozeChanged(this.alerting.snooze(input.monitorId ?? null, until));
  }

  async resumeAlerts(input: ApiInput<'resumeAlerts'> = {}): Promise<ApiOutputs['resumeAlerts']> {
    return this.snoozeChanged(this.alerting.resume(input.monitorId ?? null));
  }

  async sendTestNotification(
    input: ApiInput<'sendTestNotification'>,
  ): Promise<ApiOutputs['sendTestNotification']> {
    const entry = this.channels.get(input.channel);
    if (!entry) throw new ApiError(409, `the ${input.channel} channel is not configured`);
    const now = this.o.clock.now();
    const notice: AlertNotice = {
      kind: 'test',
      severity: 'info',
      monitorId: '',
      monitorName: 'Solvewatch',
      monitorType: null,
      ruleId: null,
      ruleName: null,
      summary: `Test notification from Solvewatch: the ${input.channel} channel works.`,
      url: null,
      values: {},
      threshold: null,
      currency: null,
      since: now,
      time: now,
    };
    const notification: Notification = {
      type: 'alerts',
      id: randomUUID(),
      createdAt: now,
      notices: [notice],
    };
    return entry.notifier.send(notification, AbortSignal.timeout(30_000));
  }

  async getDailySummary(): Promise<ApiOutputs['getDailySummary']> {
    this.o.history.flush();
    return buildDailySummary(this.o.history, this.config.monitors, this.o.clock.now());
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

  async getDemo(): Promise<ApiOutputs['getDemo']> {
    return this.demo.status();
  }

  /** Starts the simulated pipeline and puts its monitors and its Discord sink in the config. */
  startDemo(): Promise<ApiOutputs['startDemo']> {
    return this.demo.start();
  }

  /** Stops the simulated pipeline and removes its monitors and its Discord sink from the config. */
  stopDemo(): Promise<ApiOutputs['stopDemo']> {
    return this.demo.stop();
  }

  // ── Internals ────────────────────────────────────────────────────────────

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
    this.secrets = secretValues(config, (s) => tryResolveSecret(s, this.o.env));
    const { channels, problems } = buildChannels(
      config,
      this.channels,
      (s) => tryResolveSecret(s, this.o.env),
      this.o.desktop,
    );
    for (const p of problems) this.o.log(p);
    this.channels = channels;
    this.outbox.setChannels(channels);
    this.alerting.retain(new Set(config.monitors.filter((m) => m.enabled).map((m) => m.id)));
    this.monitoring.apply(config);
    this.housekeeping.rearm();
  }

  private known(id: string): void {
    if (!this.monitoring.registry.has(id)) throw new ApiError(404, `no monitor with id "${id}"`);
  }

  private snoozeChanged(state: ApiOutputs['snooze']): ApiOutputs['snooze'] {
    this.state.save('snooze', state);
    this.publishSnapshot();
    return state;
  }

  private snapshot(): StateSnapshot {
    return buildSnapshot(this.monitoring, this.alerting, this.outbox, this.startedAt, this.o.clock.now());
  }

  private publishSnapshot(): void {
    if (this.events.size > 0) this.writer.publish({ type: 'snapshot', state: this.snapshot() });
  }
}
