/** What a push says: the job succeeded, failed (with its exit status when it gave one), or started. */
export type HeartbeatSignal =
  | { kind: 'success'; message?: string }
  | { kind: 'fail'; exitStatus?: number; message?: string }
  | { kind: 'start'; message?: string };

/** The last signal that ended a run (success or fail), as the heartbeat probe judges it. */
export interface FinishedRun {
  time: number;
  failed: boolean;
  exitStatus: number | null;
  message: string | null;
  /** Seconds since its `start`, when one came before it. */
  runSeconds: number | null;
}

/** A heartbeat monitor's memory of its pushes besides the beat times. */
export interface PushMemory {
  last: FinishedRun | null;
  /** When the run in progress started (a `start` not yet followed by a success or fail). */
  runStartedAt: number | null;
}

export const emptyPushMemory: PushMemory = { last: null, runStartedAt: null };

/** Messages are kept up to this many bytes of UTF-8 (Healthchecks.io keeps more; a tray line shows less). */
export const MAX_MESSAGE_BYTES = 1024;

/** Pure: the memory after a push arrived at `now`. */
export function applySignal(memory: PushMemory, signal: HeartbeatSignal, now: number): PushMemory {
  const message = signal.message ? capMessage(signal.message) : null;
  if (signal.kind === 'start') return { last: memory.last, runStartedAt: now };
  const runSeconds = memory.runStartedAt === null ? null : Math.round((now - memory.runStartedAt) / 100) / 10;
  return {
    runStartedAt: null,
    last: {
      time: now,
      failed: signal.kind === 'fail',
      exitStatus: signal.kind === 'fail' ? (signal.exitStatus ?? null) : null,
      message,
      runSeconds,
    },
  };
}

/** The message without control characters, cut at a character boundary within `MAX_MESSAGE_BYTES`. */
export function capMessage(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  let out = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').trim();
  if (Buffer.byteLength(out) <= MAX_MESSAGE_BYTES) return out;
  const bytes = Buffer.from(out).subarray(0, MAX_MESSAGE_BYTES);
  out = new TextDecoder().decode(bytes).replace(/\uFFFD+$/, '');
  return out;
}

/** A push path's signal: `/push/id`, `/push/id/fail`, `/push/id/start`, `/push/id/<exit status 0–255>`. */
export function signalOfPath(suffix: string | undefined): HeartbeatSignal | null {
  if (suffix === undefined || suffix === '') return { kind: 'success' };
  if (suffix === 'fail') return { kind: 'fail' };
  if (suffix === 'start') return { kind: 'start' };
  if (!/^\d{1,3}$/.test(suffix)) return null;
  const status = Number(suffix);
  if (status > 255) return null;
  return status === 0 ? { kind: 'success' } : { kind: 'fail', exitStatus: status };
}
