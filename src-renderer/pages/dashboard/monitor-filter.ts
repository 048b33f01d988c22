import type { MonitorStatus } from '../../../src-main/api/contract.ts';
import type { DisplayState } from '../../components/icons.tsx';
import { displayState } from '../../format/monitor-display.ts';

export interface MonitorFilter {
  /** Part of the name or id, any case. */
  text: string;
  /** '' for every state. */
  state: DisplayState | '';
  /** '' for every type. */
  type: string;
}

export const NO_FILTER: MonitorFilter = { text: '', state: '', type: '' };

/** Beyond this many monitors the dashboard offers search and filters. */
export const FILTER_FROM = 8;

export function filterMonitors(monitors: readonly MonitorStatus[], f: MonitorFilter): MonitorStatus[] {
  const text = f.text.trim().toLowerCase();
  return monitors.filter(
    (m) =>
      (text === '' || m.name.toLowerCase().includes(text) || m.id.toLowerCase().includes(text)) &&
      (f.state === '' || displayState(m) === f.state) &&
      (f.type === '' || m.type === f.type),
  );
}
