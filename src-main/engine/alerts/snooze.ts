import type { SnoozeState, SnoozeUntil } from '../../api/alert-types.ts';

const active = (until: SnoozeUntil | undefined, now: number) =>
  until !== undefined && (until === null || until > now);

/** Alerts for this monitor are muted now (globally or for the monitor). */
export function isMuted(state: SnoozeState, monitorId: string | null, now: number): boolean {
  return active(state.global, now) || (monitorId !== null && active(state.monitors[monitorId], now));
}

export function snooze(state: SnoozeState, monitorId: string | null, until: SnoozeUntil): SnoozeState {
  if (monitorId === null) return { ...state, global: until };
  return { ...state, monitors: { ...state.monitors, [monitorId]: until } };
}

export function resume(state: SnoozeState, monitorId: string | null): SnoozeState {
  if (monitorId === null) {
    const { global: _, ...rest } = state;
    return rest;
  }
  const { [monitorId]: _, ...monitors } = state.monitors;
  return { ...state, monitors };
}

/** Drops expired snoozes; returns the same object when nothing expired, so callers can tell. */
export function expireSnoozes(state: SnoozeState, now: number): SnoozeState {
  let next = state;
  if (state.global !== undefined && !active(state.global, now)) next = resume(next, null);
  for (const [id, until] of Object.entries(state.monitors)) if (!active(until, now)) next = resume(next, id);
  return next;
}

const isUntil = (v: unknown): v is SnoozeUntil => v === null || typeof v === 'number';

/** Checks a snooze state read back from storage. */
export function isSnoozeState(v: unknown): v is SnoozeState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  if (s.global !== undefined && !isUntil(s.global)) return false;
  return typeof s.monitors === 'object' && s.monitors !== null && Object.values(s.monitors).every(isUntil);
}
