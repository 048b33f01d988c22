import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigSchema } from '../src-main/api/config-schema.ts';
import { Alerting } from '../src-main/engine/alerts/alerting.ts';
import { EffectWriter } from '../src-main/engine/effects/effect-writer.ts';
import { Listeners } from '../src-main/engine/events/listeners.ts';
import { openHistory } from '../src-main/engine/history/history.ts';
import { rulesFor } from '../src-main/engine/rules/default-rules.ts';
import { evaluateRules } from '../src-main/engine/rules/evaluate-rules.ts';
import { ManualClock } from '../test/support/manual-clock.ts';
import type { BenchRow } from './engine.ts';

const MONITORS = 100;
const INTERVAL_S = 60;
const DISCORD_PER_WINDOW = 5;
const DISCORD_WINDOW_MS = 2000;

/**
 * A 100-monitor outage through the real alerting (default thresholds: 2 failures, 2 s grouping),
 * with monitors at 60 s intervals and spread offsets as the scheduler gives them. Counts the
 * messages per channel, and when Discord's 5-per-2-s limit lets the last one out.
 */
export async function benchOutage(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'solvewatch-outage-'));
  const history = openHistory(join(dir, 'h.sqlite'));
  try {
    const clock = new ManualClock();
    const config = ConfigSchema.parse({
      monitors: Array.from({ length: MONITORS }, (_, i) => ({
        id: `api-${i}`,
        type: 'http',
        url: `https://api-${i}.example.com/`,
        intervalSeconds: INTERVAL_S,
      })),
    });
    const sent: number[] = [];
    const alerting = new Alerting({
      clock,
      config: () => config,
      recordedEvents: (id, from, to, limit) => history.alertEvents(id, from, to, limit),
    });
    const writer = new EffectWriter({
      history,
      outbox: { enqueue: () => sent.push(clock.now()) },
      clock,
      events: new Listeners('event', () => {}),
      log: () => {},
      groupWindowMs: () => config.notifications.groupWindowSeconds * 1000,
      channels: () => ['discord'],
    });
    const start = clock.now();
    const rules = config.monitors.map(rulesFor);
    for (let i = 0; i < MONITORS; i++) {
      const m = config.monitors[i];
      if (!m) continue;
      // Offsets spread evenly over the interval, as the scheduler's random offsets are on average.
      const offset = (i * INTERVAL_S * 1000) / MONITORS;
      for (let k = 0; k < 2; k++) {
        clock.setTimeout(
          () => {
            const sample = {
              monitorId: m.id,
              time: clock.now(),
              status: 'down' as const,
              latencyMs: null,
              values: {},
              error: 'connection refused',
              errorKind: 'refused' as const,
            };
            writer.recordAlert(
              alerting.handleCheck({
                monitor: m,
                rules: rules[i] ?? [],
                sample,
                evaluation: evaluateRules(rules[i] ?? [], sample),
              }),
            );
          },
          offset + k * INTERVAL_S * 1000,
        );
      }
    }
    await clock.advance(3 * INTERVAL_S * 1000);
    // Discord pacing: at most 5 messages in any 2 s window, each sent no earlier than it was queued.
    const delivered: number[] = [];
    for (const at of sent) {
      const earlier = delivered[delivered.length - DISCORD_PER_WINDOW];
      delivered.push(Math.max(at, earlier === undefined ? at : earlier + DISCORD_WINDOW_MS));
    }
    const last = ((delivered.at(-1) ?? start) - start) / 1000;
    return [
      {
        figure: `100-monitor outage: messages per channel (Discord, webhook, desktop)`,
        value: `${sent.length} each (2 s grouping)`,
        target: '',
      },
      {
        figure: '100-monitor outage: last Discord message delivered after',
        value: `${last.toFixed(0)} s (detection-bound: 2 checks at ${INTERVAL_S} s)`,
        target: '',
      },
    ];
  } finally {
    history.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
