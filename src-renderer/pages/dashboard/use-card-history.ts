import { useEffect, useState } from 'react';
import type { MonitorHistory, MonitorStatus, SolvewatchApi } from '../../../src-main/api/contract.ts';
import { requestQueue } from '../../api/request-queue.ts';
import { trimGaps } from '../../charts/chart-data.ts';

const REFRESH_MS = 5 * 60_000;
const SPARK_SPAN_MS = 60 * 60_000;
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

/**
 * A card's sparkline follows the last hour, where buckets are a check or a few wide, from its first
 * reading to its last; 24 h buckets are 5 minutes wide, a single dot for a new monitor. Uptime stays the 24 h figure.
 */
export function fromHistory(recent: MonitorHistory, day: MonitorHistory, type: string): CardHistory {
  const values = sparkMetric(type) === 'latency' ? recent.series.latencyMs : recent.series.value;
  return { ...trimGaps(recent.series.t, values), uptime: day.summary.uptime, loaded: true };
}

/** Adds the monitor's latest check to the series unless it is already there; keeps the last hour. */
export function appendLatest(history: CardHistory, m: MonitorStatus): CardHistory {
  const last = history.times.at(-1);
  if (m.lastCheck === null || (last !== undefined && m.lastCheck <= last)) return history;
  const from = m.lastCheck - SPARK_SPAN_MS;
  let drop = history.times.findIndex((t) => t >= from);
  if (drop < 0) drop = history.times.length;
  drop = Math.max(drop, history.times.length + 1 - MAX_POINTS);
  const times = [...history.times.slice(drop), m.lastCheck];
  const values = [...history.values.slice(drop), pointOf(m)];
  return { ...history, times, values };
}

/** Card histories load a few at a time, however many cards appear together. */
const inTurn = requestQueue(4);

/**
 * The last hour of a monitor's readings and its 24 h uptime, for its card, once the card has been
 * `seen`; then its live checks appended.
 */
export function useCardHistory(api: SolvewatchApi, monitor: MonitorStatus, seen = true): CardHistory {
  const [history, setHistory] = useState<CardHistory>({ times: [], values: [], uptime: null, loaded: false });
  const { id, type, state } = monitor;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a state change moves the uptime, so it reloads too and the card agrees with the monitor's page.
  useEffect(() => {
    if (!seen) return;
    let live = true;
    const load = () =>
      inTurn(() =>
        live
          ? Promise.all([api.getHistory({ id, window: '1h' }), api.getHistory({ id, window: '24h' })])
          : Promise.reject(new Error('card gone')),
      ).then(
        ([recent, day]) => live && setHistory(fromHistory(recent, day, type)),
        () => live && setHistory((c) => ({ ...c, loaded: true })),
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, id, type, state, seen]);

  useEffect(() => {
    setHistory((h) => (h.loaded ? appendLatest(h, monitor) : h));
  }, [monitor]);

  return history;
}
