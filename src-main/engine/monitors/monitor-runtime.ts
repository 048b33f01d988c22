import { type CheckStrip, EMPTY_STRIP } from '../../api/check-strip.ts';
import type { MonitorConfig } from '../../api/config-schema.ts';
import type { MonitorState } from '../../api/monitor-state.ts';
import { remoteHost } from '../connectivity/offline-witnesses.ts';
import { type Rule, rulesFor } from '../rules/default-rules.ts';
import type { Evaluation } from '../rules/evaluate-rules.ts';
import type { Sample } from '../sample.ts';
import { applySignal, emptyPushMemory, type HeartbeatSignal, type PushMemory } from './heartbeat-signal.ts';

/** What the engine knows of one monitor between checks. Replaced, never mutated, by each step. */
export interface MonitorRuntime {
  readonly config: MonitorConfig;
  readonly rules: readonly Rule[];
  /** Host reached over the network, null for heartbeats and loopback targets. */
  readonly remoteHost: string | null;
  readonly state: MonitorState;
  readonly since: number | null;
  readonly last: Sample | null;
  readonly evaluation: Evaluation | null;
  /** Balance monitors' readings, newest first, for the burn rate (bodies left out); empty for other types. */
  readonly recent: readonly Sample[];
  /** Heartbeat arrival times, newest first. */
  readonly beats: readonly number[];
  /** The states of the last checks, for the card's strip. */
  readonly strip: CheckStrip;
  /** A heartbeat's last finished run and the run in progress. */
  readonly push: PushMemory;
}

/** What a new runtime takes over from an earlier one or from the history. */
export type RestoredMemory = Pick<MonitorRuntime, 'recent' | 'beats'> &
  Partial<Pick<MonitorRuntime, 'strip'>>;

export const RECENT_SAMPLES = 30;
export const RECENT_BEATS = 20;

/** A fresh runtime; `restored` carries what an earlier runtime or the history knows. */
export function createRuntime(
  config: MonitorConfig,
  restored: RestoredMemory & Partial<MonitorRuntime>,
): MonitorRuntime {
  return {
    state: 'unknown',
    strip: EMPTY_STRIP,
    since: null,
    last: null,
    evaluation: null,
    push: emptyPushMemory,
    ...restored,
    config,
    rules: rulesFor(config),
    remoteHost: remoteHost(config),
  };
}

/** A push arrived: a success or a failure is a beat; a start only opens a run. */
export const withSignal = (rt: MonitorRuntime, signal: HeartbeatSignal, at: number): MonitorRuntime => ({
  ...rt,
  beats: signal.kind === 'start' ? rt.beats : [at, ...rt.beats].slice(0, RECENT_BEATS),
  push: applySignal(rt.push, signal, at),
});
