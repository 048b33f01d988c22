import { type Config, checkIntervalSeconds, type MonitorConfig } from '../../api/config-schema.ts';
import type { EngineEvent } from '../../api/contract.ts';
import { type MonitorState, worstState } from '../../api/monitor-state.ts';
import type { Alerting } from '../alerts/alerting.ts';
import { connectivityNotice } from '../alerts/alerting.ts';
import { type Clock, systemClock } from '../clock.ts';
import {
  type Connectivity,
  type ConnectivityChange,
  type ConnectivityInput,
  initialConnectivity,
  stepConnectivity,
} from '../connectivity/connectivity.ts';
import { isOfflineFailure } from '../connectivity/offline-witnesses.ts';
import type { EffectWriter } from '../effects/effect-writer.ts';
import type { Listeners } from '../events/listeners.ts';
import { redactText } from '../redact.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import type { CheckRunner } from './check-runner.ts';
import type { HeartbeatSignal } from './heartbeat-signal.ts';
import { type CheckToken, MonitorRegistry } from './monitor-registry.ts';
import { type MonitorRuntime, type RestoredMemory, withSignal } from './monitor-runtime.ts';
import { toMonitorStatus, withHold, withMaintenance } from './monitor-status.ts';
import { markOffline, stepMonitor } from './monitor-step.ts';

/**
 * In real time the runs due within each 25 ms start together: a wake-up of the process costs about
 * as much as a check (at 100 checks/s, 10 ms ticks cost 1.6× the CPU of 25 ms ones), and a laptop
 * sleeps longer between them. A check is then at most 25 ms late; a test clock keeps exact due times.
 */
const SCHEDULE_TICK_MS = 25;

export type HeartbeatResult = 'recorded' | 'not-found' | 'forbidden';
export type { HeartbeatSignal } from './heartbeat-signal.ts';

export interface MonitoringOptions {
  clock: Clock;
  runner: CheckRunner;
  alerting: Alerting;
  writer: EffectWriter;
  connectivityListeners: Listeners<ConnectivityChange>;
  events: Listeners<EngineEvent>;
  config: () => Config;
  secrets: () => readonly string[];
  restore: (m: MonitorConfig) => RestoredMemory;
  random?: () => number;
  log: (line: string) => void;
  publishSnapshot: () => void;
  /** After sleep/resume, with the gap: wall-clock timers elsewhere re-arm. */
  onClockJump: (gapMs: number) => void;
}

/**
 * The check path: the scheduler runs a monitor's probe, then the pure steps decide (monitor,
 * connectivity, alert) and the effect writer records what they decided. Also heartbeats in.
 */
export class Monitoring {
  readonly registry: MonitorRegistry;
  readonly scheduler: Scheduler;
  private connectivity: Connectivity = initialConnectivity;

  private readonly o: MonitoringOptions;

  constructor(o: MonitoringOptions) {
    this.o = o;
    this.registry = new MonitorRegistry(o.restore);
    this.scheduler = new Scheduler({
      clock: o.clock,
      maxConcurrent: o.config().engine.maxConcurrentChecks,
      random: o.random,
      tickMs: o.clock === systemClock ? SCHEDULE_TICK_MS : 0,
      run: (id, signal) => this.check(id, signal),
      onClockJump: (gap) => this.clockJumped(gap),
      onError: (id, err) =>
        o.log(`check of ${id || 'the schedule'} failed: ${(err as Error)?.message ?? err}`),
    });
  }

  apply(config: Config): void {
    const changed = this.registry.apply(config.monitors);
    this.scheduler.setMaxConcurrent(config.engine.maxConcurrentChecks);
    this.scheduler.set(
      config.monitors
        .filter((m) => m.enabled)
        .map((m) => ({ id: m.id, intervalMs: checkIntervalSeconds(m) * 1000 })),
    );
    // A monitor saved, enabled or imported is checked at once, not after its whole interval (a no-op
    // before start, where the schedule spreads the first checks). Disabled ones are not scheduled.
    for (const id of changed) void this.scheduler.checkNow(id);
  }

  get offline(): Connectivity['offline'] {
    return this.connectivity.offline;
  }

  overall(): MonitorState {
    return worstState(this.registry.enabled().map((r) => r.state));
  }

  recordHeartbeat(
    id: string,
    token: string | null,
    running: boolean,
    signal: HeartbeatSignal = { kind: 'success' },
  ): HeartbeatResult {
    const rt = this.registry.get(id);
    if (rt?.config.type !== 'heartbeat') return 'not-found';
    if (rt.config.token && token !== rt.config.token) return 'forbidden';
    const said = signal.message
      ? { ...signal, message: redactText(signal.message, this.o.secrets()) }
      : signal;
    this.registry.replace(withSignal(rt, said, this.o.clock.now()));
    // A reported failure is judged now, not at the next staleness check.
    if (running && (rt.state !== 'ok' || signal.kind === 'fail')) void this.scheduler.checkNow(id);
    return 'recorded';
  }

  reportNetwork(online: boolean): void {
    this.judge({ type: 'os', online });
  }

  private async check(id: string, signal: AbortSignal): Promise<void> {
    const started = this.registry.get(id);
    const key = this.registry.keyOf(id);
    if (!started) return;
    const sample = await this.o.runner.probe(started.config, signal, this.o.secrets(), started);
    // A check aborted by stop() or a config change of its monitor says nothing about the endpoint.
    if (!this.stillOurs(id, key, signal)) return;
    if (started.remoteHost !== null) {
      if (!isOfflineFailure(sample)) this.judge({ type: 'reachable' });
      else if (
        !this.connectivity.offline &&
        (await this.o.runner.confirmOffline(
          started,
          this.registry.enabled(),
          this.o.config().engine.connectivityUrl ?? undefined,
          signal,
        ))
      ) {
        this.judge({ type: 'unreachable', reason: sample.error ?? 'network error' });
      }
      if (!this.stillOurs(id, key, signal)) return;
    }
    const current = this.registry.get(id) as MonitorRuntime;
    const step = stepMonitor(current, sample, this.connectivity.offline !== null);
    this.registry.replace(step.runtime);
    this.o.writer.recordCheck(step);
    this.o.writer.recordAlert(
      this.o.alerting.handleCheck({
        monitor: current.config,
        rules: current.rules,
        sample,
        evaluation: step.evaluation,
      }),
    );
    if (this.o.events.size > 0) {
      this.o.writer.publish({
        type: 'monitor',
        monitor: withMaintenance(
          withHold(toMonitorStatus(step.runtime), (m) => this.o.alerting.heldBy(m)),
          (m) => this.o.alerting.inMaintenance(m),
        ),
        overall: this.overall(),
      });
    }
  }

  private stillOurs(id: string, key: CheckToken | undefined, signal: AbortSignal): boolean {
    return !signal.aborted && this.registry.keyOf(id) === key;
  }

  private judge(input: ConnectivityInput): void {
    const now = this.o.clock.now();
    const before = this.connectivity.offline;
    const { state, change } = stepConnectivity(this.connectivity, input, now);
    this.connectivity = state;
    if (!change) return;
    this.o.connectivityListeners.emit(change);
    this.o.writer.tellNow(connectivityNotice(change, now));
    if (change.offline) {
      this.o.log(`offline: ${change.reason}`);
      for (const rt of this.registry.all()) {
        const marked = markOffline(rt, now);
        if (!marked) continue;
        this.registry.replace(marked.runtime);
        this.o.writer.recordStateChange(marked.stateChange);
      }
      this.o.publishSnapshot();
    } else {
      this.o.log(`back online after ${Math.round((now - (before?.since ?? now)) / 1000)} s`);
      // Re-check everything now rather than wait a full interval to learn the true state.
      void this.scheduler.checkNow();
    }
  }

  private clockJumped(gapMs: number): void {
    this.o.log(`clock jumped ${Math.round(gapMs / 1000)} s (sleep/resume?): schedule restarted`);
    this.o.alerting.handleClockJump();
    // Beats could not arrive while the machine slept: measure staleness from the resume instead.
    const now = this.o.clock.now();
    for (const rt of this.registry.all())
      if (rt.beats.length > 0) this.registry.replace({ ...rt, beats: [now] });
    this.o.onClockJump(gapMs);
  }
}
