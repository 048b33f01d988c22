import { Cron } from 'croner';
import type { MaintenanceWindow } from '../../api/maintenance-schema.ts';

/** One occurrence of a window: from `start` until `end` (epoch ms, end excluded). */
export interface WindowSpan {
  window: MaintenanceWindow;
  start: number;
  end: number;
}

// Config windows stay the same objects until the next save: parse each pattern once.
const crons = new WeakMap<MaintenanceWindow, Cron>();

function cronOf(w: MaintenanceWindow & { cron: string }): Cron {
  let cron = crons.get(w);
  if (!cron) {
    cron = new Cron(w.cron, { timezone: w.timezone ?? 'Etc/UTC', paused: true });
    crons.set(w, cron);
  }
  return cron;
}

const durationMs = (w: MaintenanceWindow) => (w.durationMinutes ?? 0) * 60_000;

/** The occurrence of `w` under way at `now`, or the first one starting after `now` when `upcoming`. */
function spanOf(w: MaintenanceWindow, now: number, upcoming: boolean): WindowSpan | null {
  if (w.cron === undefined) {
    const start = Date.parse(w.start ?? '');
    const end = Date.parse(w.end ?? '');
    const inSpan = upcoming ? start > now : start <= now && now < end;
    return inSpan ? { window: w, start, end } : null;
  }
  const cron = cronOf(w as MaintenanceWindow & { cron: string });
  const ms = durationMs(w);
  // The first run after `now - duration` is the earliest one still under way, if it began by `now`.
  const first = cron.nextRun(new Date(upcoming ? now : now - ms))?.getTime();
  if (first === undefined) return null;
  if (upcoming) return { window: w, start: first, end: first + ms };
  const endedAt = w.endedAt === undefined ? null : Date.parse(w.endedAt);
  if (first > now || (endedAt !== null && first <= endedAt)) return null;
  return { window: w, start: first, end: first + ms };
}

/** The windows under way at `now`, soonest ending first. */
export function activeWindows(windows: readonly MaintenanceWindow[], now: number): WindowSpan[] {
  return windows
    .map((w) => spanOf(w, now, false))
    .filter((s) => s !== null)
    .sort((a, b) => a.end - b.end);
}

/** The next window to begin after `now`, or null when none will. */
export function nextWindow(windows: readonly MaintenanceWindow[], now: number): WindowSpan | null {
  let next: WindowSpan | null = null;
  for (const w of windows) {
    const s = spanOf(w, now, true);
    if (s && (!next || s.start < next.start)) next = s;
  }
  return next;
}

export const coversMonitor = (w: MaintenanceWindow, monitorId: string): boolean =>
  w.monitors === undefined || w.monitors.includes(monitorId);

/** Whether a window under way at `now` covers this monitor. */
export function inMaintenance(
  windows: readonly MaintenanceWindow[],
  monitorId: string,
  now: number,
): boolean {
  return activeWindows(windows, now).some((s) => coversMonitor(s.window, monitorId));
}
