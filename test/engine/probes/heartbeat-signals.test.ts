import { describe, expect, it } from 'vitest';
import { HeartbeatMonitorSchema } from '../../../src-main/api/config-schema.ts';
import {
  applySignal,
  emptyPushMemory,
  type HeartbeatSignal,
} from '../../../src-main/engine/monitors/heartbeat-signal.ts';
import { probeHeartbeat } from '../../../src-main/engine/probes/heartbeat.ts';
import { httpClientForFile, NOW, probeContext } from './probe-test-context.ts';

const http = httpClientForFile();
const worker = HeartbeatMonitorSchema.parse({
  id: 'worker',
  type: 'heartbeat',
  periodSeconds: 3600,
  maxRunSeconds: 120,
});

/** The probe at NOW after these pushes (seconds before NOW). */
function judge(pushes: Array<[HeartbeatSignal, number]>, monitor = worker) {
  let push = emptyPushMemory;
  const beats: number[] = [];
  for (const [signal, ago] of pushes) {
    push = applySignal(push, signal, NOW - ago * 1000);
    if (signal.kind !== 'start') beats.unshift(NOW - ago * 1000);
  }
  return probeHeartbeat(monitor, probeContext(http, { beats, push }));
}

describe('heartbeat probe: signals', () => {
  it('is down at once after /fail, with the message, well within the period', async () => {
    const sample = await judge([[{ kind: 'fail', message: 'disk full' }, 5]]);
    expect(sample).toMatchObject({
      status: 'down',
      errorKind: 'reported',
      error: 'the job reported a failure: disk full',
      values: { message: 'disk full', seconds_since_beat: 5 },
    });
  });

  it('names the exit status of a failed command', async () => {
    const sample = await judge([[{ kind: 'fail', exitStatus: 2 }, 1]]);
    expect(sample).toMatchObject({ status: 'down', error: 'the job reported a failure (exit status 2)' });
    expect(sample.values.exit_status).toBe(2);
  });

  it('is up again after the next success, with how long the run took', async () => {
    const sample = await judge([
      [{ kind: 'fail' }, 600],
      [{ kind: 'start' }, 100],
      [{ kind: 'success', message: 'ok: 12 rows' }, 10],
    ]);
    expect(sample).toMatchObject({ status: 'up', values: { run_seconds: 90, message: 'ok: 12 rows' } });
    expect(sample.error).toBeUndefined();
  });

  it('is down when a started run outlives maxRunSeconds, and fine while it is within it', async () => {
    const late = await judge([
      [{ kind: 'success' }, 400],
      [{ kind: 'start' }, 121],
    ]);
    expect(late).toMatchObject({
      status: 'down',
      errorKind: 'reported',
      error: 'the run started 121 s ago has not finished (maxRunSeconds 120)',
    });
    const running = await judge([
      [{ kind: 'success' }, 400],
      [{ kind: 'start' }, 60],
    ]);
    expect(running.status).toBe('up');
  });

  it('lets a run take its time without maxRunSeconds', async () => {
    const free = HeartbeatMonitorSchema.parse({ id: 'w', type: 'heartbeat', periodSeconds: 3600 });
    const sample = await judge(
      [
        [{ kind: 'success' }, 3000],
        [{ kind: 'start' }, 2900],
      ],
      free,
    );
    expect(sample.status).toBe('up');
  });
});
