import { randomUUID } from 'node:crypto';
import type { Config } from '../../api/config-schema.ts';
import { buildDailySummary, nextSummaryAt, type PipelineDay } from '../alerts/daily-summary.ts';
import type { Clock, TimerHandle } from '../clock.ts';
import type { EffectWriter } from '../effects/effect-writer.ts';
import type { History } from '../history/history.ts';
import { activeWindows } from '../maintenance/maintenance-windows.ts';

const PRUNE_EVERY_MS = 3_600_000;
/** Timers this long or longer are re-armed instead (setTimeout takes at most ~24.8 days). */
const MAX_WAIT_MS = 86_400_000;

export interface HousekeepingOptions {
  clock: Clock;
  history: History;
  writer: EffectWriter;
  config: () => Config;
  log: (line: string) => void;
  pipelineDay?: PipelineDay;
  /** Runs with the hourly history prune: the pipeline buckets follow the same retention. */
  pipelinePrune?: (now: number, retention: Config['history']) => void;
  /** A maintenance window just ended: check these monitors (all when undefined), so what differs is told now. */
  maintenanceEnded?: (monitorIds: readonly string[] | undefined) => void;
}

/**
 * The engine's wall-clock timers: the daily summary at its local time, the hourly history prune and
 * the end of the maintenance window under way.
 * `rearm` after a clock jump (sleep/resume) or a config change sets them afresh from the new time.
 */
export class Housekeeping {
  private summaryTimer: TimerHandle | null = null;
  private pruneTimer: TimerHandle | null = null;
  private maintenanceTimer: TimerHandle | null = null;
  private running = false;

  private readonly o: HousekeepingOptions;

  constructor(o: HousekeepingOptions) {
    this.o = o;
  }

  start(): void {
    this.running = true;
    this.armPrune(0);
    this.armSummary();
    this.armMaintenanceEnd();
  }

  stop(): void {
    this.running = false;
    this.clear();
  }

  rearm(): void {
    if (!this.running) return;
    this.clear();
    this.armPrune(PRUNE_EVERY_MS);
    this.armSummary();
    this.armMaintenanceEnd();
  }

  private clear(): void {
    for (const t of [this.summaryTimer, this.pruneTimer, this.maintenanceTimer])
      if (t) this.o.clock.clearTimeout(t);
    this.summaryTimer = null;
    this.pruneTimer = null;
    this.maintenanceTimer = null;
  }

  /** At the end of the soonest-ending window under way, its monitors are checked at once. */
  private armMaintenanceEnd(): void {
    if (!this.o.maintenanceEnded || !this.running) return;
    const now = this.o.clock.now();
    const soonest = activeWindows(this.o.config().maintenance, now)[0];
    if (!soonest) return;
    const wait = soonest.end - now;
    this.maintenanceTimer = this.o.clock.setTimeout(
      () => {
        this.maintenanceTimer = null;
        if (!this.running) return;
        if (wait <= MAX_WAIT_MS)
          this.guard('maintenance end', () => this.o.maintenanceEnded?.(soonest.window.monitors));
        this.armMaintenanceEnd();
      },
      Math.min(wait, MAX_WAIT_MS),
    );
  }

  private armSummary(): void {
    if (this.summaryTimer) this.o.clock.clearTimeout(this.summaryTimer);
    this.summaryTimer = null;
    const at = this.o.config().notifications.dailySummaryAt;
    if (!at || !this.running) return;
    const now = this.o.clock.now();
    this.summaryTimer = this.o.clock.setTimeout(() => {
      this.summaryTimer = null;
      if (!this.running) return;
      this.guard('daily summary', () => {
        this.o.history.flush();
        const { history, config, clock, pipelineDay } = this.o;
        const summary = buildDailySummary(history, config().monitors, clock.now(), pipelineDay);
        this.o.writer.send({ type: 'summary', id: randomUUID(), createdAt: this.o.clock.now(), summary });
      });
      this.armSummary();
    }, nextSummaryAt(now, at) - now);
  }

  private armPrune(delayMs: number): void {
    this.pruneTimer = this.o.clock.setTimeout(() => {
      this.pruneTimer = null;
      if (!this.running) return;
      this.guard('history prune', () => {
        this.o.history.flush();
        this.o.history.prune(this.o.clock.now(), this.o.config().history);
        this.o.pipelinePrune?.(this.o.clock.now(), this.o.config().history);
      });
      this.armPrune(PRUNE_EVERY_MS);
    }, delayMs);
  }

  private guard(what: string, run: () => void): void {
    try {
      run();
    } catch (err) {
      this.o.log(`${what} failed: ${(err as Error).message}`);
    }
  }
}
