import type { AlertEvent } from '../../../src-main/api/history-types.ts';

/** One line of the transitions log: an event, or a run of the same muted event folded into one. */
export interface TransitionRow {
  event: AlertEvent;
  /** How many events the line stands for (1 unless folded). */
  count: number;
  /** The oldest folded event's time (the row's own time when not folded). */
  firstTime: number;
}

const isQuiet = (e: AlertEvent) => e.kind.endsWith('.quiet');

/**
 * Folds repeated "not notified" events of one monitor (a snoozed alert's reminders) into one line
 * with a count. Events arrive newest first; a told event of that monitor ends the run, so what was
 * actually sent is never hidden inside a fold.
 */
export function foldTransitions(events: readonly AlertEvent[]): TransitionRow[] {
  const rows: TransitionRow[] = [];
  const open = new Map<string, TransitionRow>();
  for (const event of events) {
    if (!isQuiet(event)) {
      for (const key of open.keys()) if (key.startsWith(`${event.monitorId}\u0000`)) open.delete(key);
      rows.push({ event, count: 1, firstTime: event.time });
      continue;
    }
    const key = `${event.monitorId}\u0000${event.kind}\u0000${event.severity}`;
    const row = open.get(key);
    if (row) {
      row.count += 1;
      row.firstTime = event.time;
      continue;
    }
    const fresh = { event, count: 1, firstTime: event.time };
    rows.push(fresh);
    open.set(key, fresh);
  }
  return rows;
}

export interface TransitionFilter {
  monitorId: string;
  severity: string;
  kind: string;
}

export const ALL = '';

/** The base kind of an event ("reminder" for "reminder.quiet"), as the kind filter lists them. */
export const baseKind = (kind: string): string => kind.replace(/\.quiet$/, '');

export function matchesFilter(e: AlertEvent, f: TransitionFilter): boolean {
  return (
    (f.monitorId === ALL || e.monitorId === f.monitorId) &&
    (f.severity === ALL || e.severity === f.severity) &&
    (f.kind === ALL || baseKind(e.kind) === f.kind)
  );
}
