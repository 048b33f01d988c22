import { useEffect, useState } from 'react';
import type { MonitorHistory, MonitorStatus, SolvewatchApi } from '../../../src-main/api/contract.ts';

const REFRESH_MS = 5 * 60_000;
const MAX_POINTS = 600;

export interface CardHistory {
  times: number[];
  values: (number | null)[];
  uptime: number | null;
  loaded: boolean;
}

/** The number a card's sparkline follows: latency for HTTP checks, the type's headline value otherwise. */
export const sparkMetric = (type: string): 'latency' | 'value' => (type === 'http' ? 'latency' : 'value');

function pointOf(m: MonitorStatus): number | null {
  return sparkMetric(m.type) === 'latency' ? m.latencyMs : m.value;
}

export function fromHistory(h: MonitorHistory, type: string): CardHistory {
  const values = sparkMetric(type) === 'latency' ? h.series.latencyMs : h.series.value;
  return { times: h.series.t, values, uptime: h.summary.uptime, loaded: true };
}

/** Adds the monitor's latest check to the series unless it is already there. */
export function appendLatest(history: CardHistory, m: MonitorStatus): CardHistory {
  const last = history.times.at(-1);
  if (m.lastCheck === null || (last !== undefined && m.lastCheck <= last)) return history;
  const times = [...history.times, m.lastCheck].slice(-MAX_POINTS);
  const values = [...history.values, pointOf(m)].slice(-MAX_POINTS);
  return { ...history, times, values };
}

/** 24 h of a monitor's history for its card (uptime + sparkline), then its live checks appended. */
export function useCardHistory(api: SolvewatchApi, monitor: MonitorStatus): CardHistory {
  const [history, setHistory] = useState<CardHistory>({ times: [], values: [], uptime: null, loaded: false });
  const { id, type } = monitor;

  useEffect(() => {
    let live = true;
    const load = () =>
      api.getHistory({ id, window: '24h' }).then(
        (h) => live && setHistory(fromHistory(h, type)),
        () => live && setHistory((c) => ({ ...c, loaded: true })),
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, id, type]);

  useEffect(() => {
    setHistory((h) => (h.loaded ? appendLatest(h, monitor) : h));
  }, [monitor]);

  return history;
}
