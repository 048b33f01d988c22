import { randomUUID } from 'node:crypto';
import {
  type Config,
  type ConfigInput,
  checkIntervalSeconds,
  type MonitorConfig,
  MonitorSchema,
  type Secret,
} from '../api/config-schema.ts';
import {
  ApiError,
  type ApiInput,
  type ApiOutputs,
  type EngineEvent,
  type MonitorStatus,
  type SolvewatchApi,
  type StateSnapshot,
} from '../api/contract.ts';
import { toFieldIssues } from '../api/field-issues.ts';
import { type MonitorState, worstState } from '../api/monitor-state.ts';
import type { Notification } from '../api/notification-types.ts';
import { Alerting } from './alerts/alerting.ts';
import { buildDailySummary, nextSummaryAt } from './alerts/daily-summary.ts';
import { isLoopbackUrl, isOfflineFailure, pickWitnesses, remoteHost } from './alerts/offline.ts';
import { type Clock, systemClock, type TimerHandle } from './clock.ts';
import type { SettingsStore } from './config/config-file.ts';
import { parseConfig } from './config/parse-config.ts';
import {
  maskSecrets,
  restoreStoredSecrets,
  secretValues,
  unresolvedStoredSecrets,
} from './config/secret-masking.ts';
import { resolveSecret } from './config/secrets.ts';
import type { History, StoredSample } from './history/history.ts';
import { type DemoPort, isDemoMonitor } from './host/demo-port.ts';
import { type HostPort, headlessHost } from './host/host-port.ts';
import { HttpClient } from './http/http-client.ts';
import { type MonitorView, primaryValue, toMonitorStatus } from './monitor-status.ts';
import { buildChannels, closeChannels } from './notify/channels.ts';
import { type DesktopPort, loggingDesktopPort } from './notify/desktop.ts';
import { type ChannelEntry, Outbox } from './notify/outbox.ts';
import type { ProbeContext } from './probes/probe-context.ts';
import { runProbe } from './probes/run-probe.ts';
import { redactSecrets } from './redact.ts';
import { type Rule, rulesFor } from './rules/default-rules.ts';
import { type Evaluation, evaluateRules } from './rules/evaluate-rules.ts';
import type { Sample } from './sample.ts';
import { Scheduler } from './scheduler/scheduler.ts';

const RECENT_SAMPLES = 30;
const RECENT_BEATS = 20;
const PRUNE_EVERY_MS = 3_600_000;

/** One finished check, as the alert layer and other subscribers see it. */
export interface CheckResult {
  monitor: MonitorConfig;
  sample: Sample;
  evaluation: Evaluation;
  previousState: MonitorState;
}

/** The engine's view of this computer's connectivity; alerts stay quiet while offline. */
export interface ConnectivityChange {
  offline: boolean;
  since: number;
  reason: string;
}

interface Runtime extends MonitorView {
  rules: Rule[];
  /** Host reached over the network, null for heartbeats and loopback targets. */
  remoteHost: string | null;
  recent: Sample[];
  beats: number[];
}

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

export type HeartbeatResult = 'recorded' | 'not-found' | 'forbidden';

/**
 * The monitoring engine: schedules probes, evaluates rules, keeps live state, writes history and
 * publishes events. It implements the API contract that the server and the desktop shell carry.
 */
export class Engine implements SolvewatchApi {
  readonly startedAt: number;
  private config: Config;
  private readonly runtimes = new Map<string, Runtime>();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly checkListeners = new Set<(result: CheckResult) => void>();
  private readonly connectivityListeners = new Set<(change: ConnectivityChange) => void>();
  private offline: ConnectivityChange | null = null;
  private osOffline = false;
  private readonly http = new HttpClient({ userAgent: 'Solvewatch/0.1 (+https://github.com/solvewatch)' });
  private readonly scheduler: Scheduler;
  private readonly clock: Clock;
  private readonly env: NodeJS.ProcessEnv;
  private readonly history: History;
  private readonly settings: SettingsStore;
  private readonly log: (line: string) => void;
  private secrets: string[] = [];
  private pruneTimer: TimerHandle | null = null;
  private summaryTimer: TimerHandle | null = null;
  private readonly alerting: Alerting;
  private readonly outbox: Outbox;
  private readonly desktop: DesktopPort;
  private readonly host: HostPort;
  private readonly demo: DemoPort | null;
  private demoSteps: Promise<unknown> = Promise.resolve();
  private channels: Map<string, ChannelEntry> = new Map();
  private running = false;

  constructor(config: Config, options: EngineOptions) {
    this.config = config;
    this.settings = options.settings;
    this.history = options.history;
    this.clock = options.clock ?? systemClock;
    this.env = options.env ?? process.env;
    this.log = options.log ?? (() => {});
    this.startedAt = this.clock.now();
    this.desktop = options.desktop ?? loggingDesktopPort(this.log);
    this.host = options.host ?? headlessHost({ settings: '', data: '' });
    this.demo = options.demo ?? null;
    this.alerting = new Alerting({
      clock: this.clock,
      history: this.history,
      config: () => this.config,
      deliver: (n, which) => this.deliver(n, which),
      log: this.log,
    });
    this.outbox = new Outbox({
      db: this.history.database,
      clock: this.clock,
      channels: this.channels,
      random: options.random,
      log: this.log,
      isFiring: (monitorId) => this.alerting.isFiring(monitorId),
      onChange: () => this.emit({ type: 'snapshot', state: this.snapshot() }),
    });
    this.onCheck((r) => this.alerting.handleCheck(r));
    this.onConnectivity((c) => this.alerting.handleConnectivity(c));
    this.scheduler = new Scheduler({
      clock: this.clock,
      maxConcurrent: config.engine.maxConcurrentChecks,
      random: options.random,
      run: (id, signal) => this.check(id, signal),
      onClockJump: (gap) => this.onClockJump(gap),
      onError: (id, err) =>
        this.log(`check of ${id || 'the schedule'} failed: ${(err as Error)?.message ?? err}`),
    });
    this.applyConfig(config);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.alerting.restore(this.config.monitors, this.loadState('snooze'));
    this.outbox.start();
    // Demo monitors saved by an earlier run point at ports of a pipeline that is gone: restart it
    // (startDemo sets them aside synchronously, so no check hits a dead port).
    if (this.demo && this.config.monitors.some((m) => isDemoMonitor(m.id))) {
      this.startDemo().catch((err) => this.log(`could not restart the demo: ${(err as Error).message}`));
    }
    this.scheduler.start();
    this.schedulePrune(0);
    this.scheduleSummary();
  }

  /** Stops checks (aborting those in flight) and flushes history. Idempotent. */
  async stop(): Promise<void> {
    this.running = false;
    for (const t of [this.pruneTimer, this.summaryTimer]) if (t) this.clock.clearTimeout(t);
    this.pruneTimer = null;
    this.summaryTimer = null;
    // A demo (re)start still saving its config would rebuild channels that are being closed here.
    await this.demoSteps;
    await this.scheduler.stop();
    this.alerting.flush();
    await this.outbox.stop();
    await closeChannels(this.channels);
    this.history.flush();
    await this.http.close();
  }

  /** Subscribes to every finished check (for alerts and notifications); returns the unsubscribe. */
  onCheck(listener: (result: CheckResult) => void): () => void {
    this.checkListeners.add(listener);
    return () => this.checkListeners.delete(listener);
  }

  /** Subscribes to offline/online changes; returns the unsubscribe. */
  onConnectivity(listener: (change: ConnectivityChange) => void): () => void {
    this.connectivityListeners.add(listener);
    return () => this.connectivityListeners.delete(listener);
  }

  /** The desktop shell reports the OS's own online/offline events here. */
  reportNetwork(online: boolean): void {
    this.osOffline = !online;
    if (!online) this.setOffline('the operating system reports no network connection');
    else if (this.offline) this.setOnline();
  }

  isOffline(): boolean {
    return this.offline !== null;
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  currentConfig(): Config {
    return this.config;
  }

  schedulerStats() {
    return this.scheduler.stats();
  }

  resetSchedulerStats(): void {
    this.scheduler.resetStats();
  }

  // ── API contract ─────────────────────────────────────────────────────────

  async getState(_input: ApiInput<'getState'> = {}): Promise<StateSnapshot> {
    return this.snapshot();
  }

  async getHistory(input: ApiInput<'getHistory'>): Promise<ApiOutputs['getHistory']> {
    const window = input.window ?? '24h';
    if (!this.runtimes.has(input.id)) throw new ApiError(404, `no monitor with id "${input.id}"`);
    const now = this.clock.now();
    const summary = this.history.summary(input.id, window, now);
    return {
      id: input.id,
      window,
      summary,
      series: this.history.series(input.id, window, now),
      stateChanges: this.history.stateChanges(input.id, summary.from, now, 200),
    };
  }

  async checkNow(input: ApiInput<'checkNow'> = {}): Promise<ApiOutputs['checkNow']> {
    if (input.id !== undefined && !this.runtimes.has(input.id)) {
      throw new ApiError(404, `no monitor with id "${input.id}"`);
    }
    const ids = input.id
      ? [input.id]
      : [...this.runtimes.values()].filter((r) => r.config.enabled).map((r) => r.config.id);
    await this.scheduler.checkNow(input.id);
    return { checked: ids };
  }

  async getConfig(): Promise<ConfigInput> {
    return maskSecrets(this.config);
  }

  async validateConfig(input: ApiInput<'validateConfig'>): Promise<ApiOutputs['validateConfig']> {
    const parsed = this.parseIncoming(input.config);
    return parsed.ok ? { ok: true } : parsed;
  }

  async saveConfig(input: ApiInput<'saveConfig'>): Promise<ApiOutputs['saveConfig']> {
    const parsed = this.parseIncoming(input.config);
    if (!parsed.ok) throw new ApiError(400, 'invalid config', parsed.issues);
    await this.settings.save(parsed.config);
    this.applyConfig(parsed.config);
    this.emit({ type: 'snapshot', state: this.snapshot() });
    return { ok: true };
  }

  async testMonitor(input: ApiInput<'testMonitor'>): Promise<ApiOutputs['testMonitor']> {
    const parsed = MonitorSchema.safeParse(input.monitor);
    if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error) };
    let monitor = parsed.data;
    if (monitor.type === 'balance') {
      const restored = restoreStoredSecrets({ ...this.config, monitors: [monitor] }, this.config).monitors[0];
      if (restored) monitor = restored;
    }
    const rules = rulesFor(monitor);
    const sample = await runProbe(monitor, this.probeContext(AbortSignal.timeout(monitor.timeoutMs + 5000)));
    const key = monitor.type === 'balance' ? this.tryResolve(monitor.apiKey) : null;
    this.redactSample(sample, key ? [...this.secrets, key] : this.secrets);
    const evaluation = evaluateRules(rules, sample);
    return {
      ok: true,
      issues: [],
      monitor: toMonitorStatus({
        config: monitor,
        state: evaluation.state,
        since: sample.time,
        last: sample,
        evaluation,
      }),
    };
  }

  async getAlerts(input: ApiInput<'getAlerts'> = {}): Promise<ApiOutputs['getAlerts']> {
    const limit = typeof input.limit === 'number' ? input.limit : 100;
    const now = this.clock.now();
    return {
      firing: this.alerting.firing(),
      transitions: this.history.alertEvents(null, now - 30 * 86_400_000, now, limit),
      deliveries: this.outbox.deliveries({ limit }),
      channels: this.outbox.channels(),
      snooze: this.alerting.snoozeState(),
    };
  }

  async snooze(input: ApiInput<'snooze'>): Promise<ApiOutputs['snooze']> {
    if (input.monitorId !== undefined && !this.runtimes.has(input.monitorId)) {
      throw new ApiError(404, `no monitor with id "${input.monitorId}"`);
    }
    const until = input.minutes === null ? null : this.clock.now() + input.minutes * 60_000;
    const state = this.alerting.snooze(input.monitorId ?? null, until);
    this.saveState('snooze', state);
    this.emit({ type: 'snapshot', state: this.snapshot() });
    return state;
  }

  async resumeAlerts(input: ApiInput<'resumeAlerts'> = {}): Promise<ApiOutputs['resumeAlerts']> {
    const state = this.alerting.resume(input.monitorId ?? null);
    this.saveState('snooze', state);
    this.emit({ type: 'snapshot', state: this.snapshot() });
    return state;
  }

  async sendTestNotification(
    input: ApiInput<'sendTestNotification'>,
  ): Promise<ApiOutputs['sendTestNotification']> {
    const entry = this.channels.get(input.channel);
    if (!entry) throw new ApiError(409, `the ${input.channel} channel is not configured`);
    const now = this.clock.now();
    const notification: Notification = {
      type: 'alerts',
      id: randomUUID(),
      createdAt: now,
      notices: [
        {
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
        },
      ],
    };
    return entry.notifier.send(notification, AbortSignal.timeout(30_000));
  }

  async getDailySummary(): Promise<ApiOutputs['getDailySummary']> {
    this.history.flush();
    return buildDailySummary(this.history, this.config.monitors, this.clock.now());
  }

  async getHost(): Promise<ApiOutputs['getHost']> {
    return this.host.info();
  }

  async setHostPreferences(input: ApiInput<'setHostPreferences'>): Promise<ApiOutputs['setHostPreferences']> {
    try {
      return await this.host.setPreferences(input);
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw new ApiError(409, (err as Error).message);
    }
  }

  async getDemo(): Promise<ApiOutputs['getDemo']> {
    const demoIds = this.config.monitors.map((m) => m.id).filter(isDemoMonitor);
    return {
      available: this.demo !== null,
      running: this.demo?.running() ?? false,
      monitorIds: demoIds,
      inbox: this.demo?.inbox() ?? [],
    };
  }

  /** Starts the simulated pipeline and puts its monitors and its Discord sink in the config. */
  startDemo(): Promise<ApiOutputs['startDemo']> {
    return this.demoStep(() => this.restartDemo());
  }

  /** Stops the simulated pipeline and removes its monitors and its Discord sink from the config. */
  stopDemo(): Promise<ApiOutputs['stopDemo']> {
    return this.demoStep(async () => {
      await this.saveWithoutDemo();
      await this.demo?.stop();
      return this.getDemo();
    });
  }

  /** Demo starts and stops run one after another: a double click must not leave monitors on closed ports. */
  private demoStep<T>(step: () => Promise<T>): Promise<T> {
    const result = this.demoSteps.then(step, step);
    this.demoSteps = result.catch(() => {});
    return result;
  }

  private async restartDemo(): Promise<ApiOutputs['startDemo']> {
    if (!this.demo) throw new ApiError(501, 'the demo is not available in this build');
    const own = this.config.notifications;
    if ((own.discord && !this.discordIsLoopback()) || own.webhook) {
      throw new ApiError(
        409,
        'the demo would post its alerts to your own Discord or webhook channel: remove them first, or run `npm run demo`, which keeps its own settings',
      );
    }
    // Until the restarted pipeline's new ports are saved, its old monitors would only see refused connections.
    this.applyConfig({ ...this.config, monitors: this.config.monitors.filter((m) => !isDemoMonitor(m.id)) });
    const setup = await this.demo.start((id) => this.recordHeartbeat(id, null));
    const current = maskSecrets(this.config);
    try {
      await this.saveConfig({
        config: {
          ...current,
          monitors: [...setup.monitors, ...(current.monitors ?? []).filter((m) => !isDemoMonitor(m.id))],
          notifications: { ...current.notifications, discord: { webhookUrl: setup.discordWebhookUrl } },
        },
      });
    } catch (err) {
      await this.demo.stop();
      throw err;
    }
    // Only the demo's own monitors: the user's are checked on their schedule as before.
    for (const m of setup.monitors) void this.scheduler.checkNow(m.id);
    return this.getDemo();
  }

  private async saveWithoutDemo(): Promise<void> {
    const current = maskSecrets(this.config);
    const notifications = { ...(current.notifications ?? {}) };
    if (this.discordIsLoopback()) delete notifications.discord;
    await this.saveConfig({
      config: {
        ...current,
        monitors: (current.monitors ?? []).filter((m) => !isDemoMonitor(m.id)),
        notifications,
      },
    });
  }

  private discordIsLoopback(): boolean {
    const url = this.config.notifications.discord?.webhookUrl;
    return typeof url === 'string' && isLoopbackUrl(url);
  }

  /** Sends what is grouped and waits until nothing can be sent right now (tests, clean shutdown). */
  async notificationsIdle(): Promise<void> {
    this.alerting.flush();
    await this.outbox.idle();
  }

  // ── Heartbeats ───────────────────────────────────────────────────────────

  recordHeartbeat(id: string, token: string | null): HeartbeatResult {
    const rt = this.runtimes.get(id);
    if (rt?.config.type !== 'heartbeat') return 'not-found';
    if (rt.config.token && token !== rt.config.token) return 'forbidden';
    rt.beats.unshift(this.clock.now());
    if (rt.beats.length > RECENT_BEATS) rt.beats.length = RECENT_BEATS;
    if (this.running && rt.state !== 'ok') void this.scheduler.checkNow(id);
    return 'recorded';
  }

  // ── Internals ────────────────────────────────────────────────────────────

  private parseIncoming(value: unknown) {
    const parsed = parseConfig(value);
    if (!parsed.ok) return parsed;
    const config = restoreStoredSecrets(parsed.config, this.config);
    const missing = unresolvedStoredSecrets(config);
    if (missing.length > 0) {
      return {
        ok: false as const,
        issues: missing.map((path) => ({ path, message: 'no stored secret to keep: enter the value' })),
      };
    }
    return { ok: true as const, config };
  }

  private applyConfig(config: Config): void {
    this.config = config;
    const next = new Map<string, Runtime>();
    for (const m of config.monitors) {
      const old = this.runtimes.get(m.id);
      const sameType = old?.config.type === m.type;
      next.set(m.id, {
        config: m,
        rules: rulesFor(m),
        remoteHost: remoteHost(m),
        state: sameType ? old.state : 'unknown',
        since: sameType ? old.since : null,
        last: sameType ? old.last : null,
        evaluation: sameType ? old.evaluation : null,
        recent: sameType ? old.recent : this.restoreRecent(m),
        beats: sameType ? old.beats : this.restoreBeats(m),
      });
    }
    this.runtimes.clear();
    for (const [id, rt] of next) this.runtimes.set(id, rt);
    this.secrets = secretValues(config, (s) => this.tryResolve(s));
    const { channels, problems } = buildChannels(
      config,
      this.channels,
      (s) => this.tryResolve(s),
      this.desktop,
    );
    for (const p of problems) this.log(p);
    this.channels = channels;
    this.outbox.setChannels(channels);
    this.alerting.retain(new Set(config.monitors.filter((m) => m.enabled).map((m) => m.id)));
    if (this.running) this.scheduleSummary();
    this.scheduler.set(
      config.monitors
        .filter((m) => m.enabled)
        .map((m) => ({ id: m.id, intervalMs: checkIntervalSeconds(m) * 1000 })),
    );
  }

  /**
   * Beats are not stored; a heartbeat monitor that existed before a restart is judged from the
   * restart, so a pipeline that died meanwhile still goes stale instead of "waiting" forever.
   */
  private restoreBeats(m: MonitorConfig): number[] {
    if (m.type !== 'heartbeat' || this.history.recentSamples(m.id, 1).length === 0) return [];
    return [this.clock.now()];
  }

  /** Balance burn rate needs the readings from before a restart. */
  private restoreRecent(m: MonitorConfig): Sample[] {
    if (m.type !== 'balance') return [];
    return this.history.recentSamples(m.id, RECENT_SAMPLES).map(
      (s): Sample => ({
        monitorId: s.monitorId,
        time: s.time,
        status: s.status,
        latencyMs: s.latencyMs,
        values: s.value === null ? {} : { balance: s.value },
      }),
    );
  }

  private tryResolve(secret: Secret): string | null {
    try {
      return resolveSecret(secret, this.env);
    } catch {
      return null;
    }
  }

  private probeContext(signal: AbortSignal, rt?: Runtime): ProbeContext {
    return {
      signal,
      now: () => this.clock.now(),
      http: this.http,
      resolveSecret: (s) => resolveSecret(s, this.env),
      recent: rt?.recent ?? [],
      beats: rt?.beats ?? [],
    };
  }

  private redactSample(sample: Sample, secrets: readonly string[]): void {
    if (secrets.length === 0) return;
    if (sample.error) sample.error = redactSecrets(sample.error, secrets);
    if (sample.bodyText) sample.bodyText = redactSecrets(sample.bodyText, secrets);
  }

  private async check(id: string, signal: AbortSignal): Promise<void> {
    const rt = this.runtimes.get(id);
    if (!rt) return;
    const monitor = rt.config;
    const sample = await runProbe(monitor, this.probeContext(signal, rt));
    // A check aborted by stop() or a config change says nothing about the endpoint.
    if (signal.aborted || this.runtimes.get(id) !== rt) return;
    this.redactSample(sample, this.secrets);
    let evaluation = evaluateRules(rt.rules, sample);
    if (rt.remoteHost !== null) {
      if (isOfflineFailure(sample)) {
        if (!this.offline && (await this.offlineConfirmed(rt, signal))) {
          this.setOffline(`every monitored host is unreachable (${sample.error ?? 'network error'})`);
        }
        if (this.offline) {
          evaluation = {
            ...evaluation,
            state: 'unknown',
            summary: `offline: ${sample.error ?? 'no network'}`,
          };
        }
      } else if (this.offline && !this.osOffline) {
        this.setOnline();
      }
    }
    if (signal.aborted || this.runtimes.get(id) !== rt) return;
    const previousState = rt.state;
    rt.last = sample;
    rt.evaluation = evaluation;
    rt.recent.unshift(sample);
    if (rt.recent.length > RECENT_SAMPLES) rt.recent.length = RECENT_SAMPLES;
    if (evaluation.state !== previousState)
      this.changeState(rt, evaluation.state, sample.time, evaluation.summary);
    this.history.add(this.toStored(monitor, sample, evaluation.state));
    for (const l of this.checkListeners) {
      try {
        l({ monitor, sample, evaluation, previousState });
      } catch (err) {
        this.log(`check listener failed: ${(err as Error).message}`);
      }
    }
    if (this.listeners.size > 0) {
      this.emit({ type: 'monitor', monitor: toMonitorStatus(rt), overall: this.overall() });
    }
  }

  /**
   * A network-layer failure means "offline" only if other hosts fail the same way right now: the
   * connectivity URL when configured, else up to two other remote monitors probed on the spot.
   */
  private async offlineConfirmed(rt: Runtime, signal: AbortSignal): Promise<boolean> {
    const url = this.config.engine.connectivityUrl;
    if (url) {
      const probe = await this.http.request({
        url,
        method: 'HEAD',
        timeoutMs: 5000,
        maxRedirects: 3,
        signal,
      });
      return (
        !probe.ok &&
        (probe.errorKind === 'dns' ||
          probe.errorKind === 'unreachable' ||
          probe.errorKind === 'network' ||
          probe.errorKind === 'timeout')
      );
    }
    const others = [...this.runtimes.values()]
      .filter((r) => r !== rt && r.remoteHost !== null && r.config.enabled)
      .map((r) => ({ runtime: r, host: r.remoteHost as string, lastOk: r.last?.status === 'up' }));
    const witnesses = pickWitnesses(others, rt.remoteHost as string);
    if (witnesses.length === 0) return false;
    const samples = await Promise.all(
      witnesses.map((w) => runProbe(w.runtime.config, this.probeContext(signal))),
    );
    return !signal.aborted && samples.every(isOfflineFailure);
  }

  private setOffline(reason: string): void {
    if (this.offline) return;
    this.offline = { offline: true, since: this.clock.now(), reason };
    this.log(`offline: ${reason}`);
    this.emitConnectivity(this.offline);
    // Monitors whose last result was a network failure now say "unknown", not "down".
    for (const rt of this.runtimes.values()) {
      if (
        rt.remoteHost !== null &&
        rt.last &&
        rt.evaluation &&
        isOfflineFailure(rt.last) &&
        rt.state !== 'unknown'
      ) {
        const summary = `offline: ${rt.last.error ?? 'no network'}`;
        rt.evaluation = { ...rt.evaluation, state: 'unknown', summary };
        this.changeState(rt, 'unknown', this.clock.now(), summary);
      }
    }
    this.emit({ type: 'snapshot', state: this.snapshot() });
  }

  private setOnline(): void {
    const since = this.offline?.since ?? this.clock.now();
    this.offline = null;
    this.log(`back online after ${Math.round((this.clock.now() - since) / 1000)} s`);
    this.emitConnectivity({ offline: false, since: this.clock.now(), reason: 'network reachable again' });
    // Re-check everything now rather than wait a full interval to learn the true state.
    void this.scheduler.checkNow();
  }

  private emitConnectivity(change: ConnectivityChange): void {
    for (const l of this.connectivityListeners) {
      try {
        l(change);
      } catch (err) {
        this.log(`connectivity listener failed: ${(err as Error).message}`);
      }
    }
  }

  private changeState(rt: Runtime, to: MonitorState, time: number, reason: string): void {
    this.history.addStateChange({ monitorId: rt.config.id, time, from: rt.state, to, reason });
    rt.state = to;
    rt.since = time;
  }

  private toStored(m: MonitorConfig, s: Sample, state: MonitorState): StoredSample {
    return {
      monitorId: m.id,
      time: s.time,
      // Uptime counts critical checks as down: a reachable handler that reports itself unhealthy is an outage.
      status: state === 'critical' && s.status === 'degraded' ? 'down' : s.status,
      latencyMs: s.latencyMs,
      httpStatus: s.httpStatus ?? null,
      value: primaryValue(m.type, s.values),
      error: s.error ?? null,
    };
  }

  private onClockJump(gapMs: number): void {
    this.log(`clock jumped ${Math.round(gapMs / 1000)} s (sleep/resume?): schedule restarted`);
    this.alerting.handleClockJump();
    // Beats could not arrive while the machine slept: measure staleness from the resume instead.
    const now = this.clock.now();
    for (const rt of this.runtimes.values()) if (rt.beats.length > 0) rt.beats = [now];
  }

  private loadState(key: string): unknown {
    const row = this.history.database.prepare('SELECT value FROM engine_state WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    try {
      return row ? JSON.parse(row.value) : undefined;
    } catch {
      this.log(`ignoring unreadable saved ${key} state`);
      return undefined;
    }
  }

  private saveState(key: string, value: unknown): void {
    this.history.database
      .prepare(
        'INSERT INTO engine_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, JSON.stringify(value));
  }

  private deliver(notification: Notification, which: 'all' | 'desktop'): void {
    for (const channel of this.channels.keys()) {
      if (which === 'all' || channel === 'desktop') this.outbox.enqueue(channel, notification);
    }
  }

  private scheduleSummary(): void {
    if (this.summaryTimer) this.clock.clearTimeout(this.summaryTimer);
    this.summaryTimer = null;
    const at = this.config.notifications.dailySummaryAt;
    if (!at || !this.running) return;
    const now = this.clock.now();
    this.summaryTimer = this.clock.setTimeout(() => {
      this.summaryTimer = null;
      if (!this.running) return;
      try {
        this.history.flush();
        const summary = buildDailySummary(this.history, this.config.monitors, this.clock.now());
        const notification: Notification = {
          type: 'summary',
          id: randomUUID(),
          createdAt: this.clock.now(),
          summary,
        };
        for (const channel of this.channels.keys())
          if (channel !== 'desktop') this.outbox.enqueue(channel, notification);
      } catch (err) {
        this.log(`daily summary failed: ${(err as Error).message}`);
      }
      this.scheduleSummary();
    }, nextSummaryAt(now, at) - now);
  }

  private schedulePrune(delayMs: number): void {
    this.pruneTimer = this.clock.setTimeout(() => {
      if (!this.running) return;
      try {
        this.history.flush();
        this.history.prune(this.clock.now(), this.config.history);
      } catch (err) {
        this.log(`history prune failed: ${(err as Error).message}`);
      }
      this.schedulePrune(PRUNE_EVERY_MS);
    }, delayMs);
  }

  private overall(): MonitorState {
    return worstState([...this.runtimes.values()].filter((r) => r.config.enabled).map((r) => r.state));
  }

  private snapshot(): StateSnapshot {
    const monitors: MonitorStatus[] = [];
    const counts: Record<MonitorState, number> = { ok: 0, warning: 0, critical: 0, unknown: 0 };
    for (const rt of this.runtimes.values()) {
      monitors.push(toMonitorStatus(rt));
      if (rt.config.enabled) counts[rt.state]++;
    }
    const snooze = this.alerting.snoozeState();
    return {
      overall: this.overall(),
      counts,
      monitors,
      alerts: {
        firing: this.alerting.firing().length,
        ...(snooze.global !== undefined && { snoozedUntil: snooze.global }),
        brokenChannels: this.outbox
          .channels()
          .filter((c) => c.broken)
          .map((c) => c.channel),
      },
      offline: this.offline ? { since: this.offline.since, reason: this.offline.reason } : null,
      startedAt: this.startedAt,
      now: this.clock.now(),
    };
  }

  private emit(event: EngineEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (err) {
        this.log(`event listener failed: ${(err as Error).message}`);
      }
    }
  }
}
