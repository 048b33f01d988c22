// Preloaded into a measured process (`node --import ./bench/process-probe.mjs …`): every
// SOLVEWATCH_PROBE_MS it sends its own memory, descriptors and event-loop delay to the parent over IPC
// (a ProbeSample, see probe-sample.ts), and answers a "heap-snapshot" message with the path of a
// snapshot it wrote. Bench-only. Plain JavaScript: a .ts preload would load Node's type stripper into
// the measured process (about 20 MiB of RSS that serve itself never has).
import { readdirSync, readlinkSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';

const MiB = 1_048_576;
/**
 * The loop-delay timer's period. Coarse on purpose: a 10 ms timer wakes the measured process 100
 * times a second, more often than serve's own scheduler, and a wake-up costs about as much as a check.
 */
const RESOLUTION_MS = 100;
/** The histogram records the time between timer runs; the delay is what exceeds the period. */
const delayMs = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);

function descriptors() {
  let fds = 0;
  let sockets = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    fds++;
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) sockets++;
    } catch {
      // Closed between listing and reading (the listing's own descriptor is one of them).
    }
  }
  return { fds, sockets };
}

function sample(loop, sinceStart) {
  const m = process.memoryUsage();
  const heap = getHeapStatistics();
  const s = {
    at: Date.now(),
    rssMiB: m.rss / MiB,
    heapUsedMiB: m.heapUsed / MiB,
    heapTotalMiB: m.heapTotal / MiB,
    externalMiB: m.external / MiB,
    arrayBuffersMiB: m.arrayBuffers / MiB,
    mallocedMiB: heap.malloced_memory / MiB,
    nativeContexts: heap.number_of_native_contexts,
    ...descriptors(),
    loopDelayP99Ms: delayMs(loop.percentile(99)),
    loopDelayMaxMs: delayMs(loop.max),
    loopDelayP99SinceStartMs: delayMs(sinceStart.percentile(99)),
  };
  loop.reset();
  return s;
}

const periodMs = Number(process.env.SOLVEWATCH_PROBE_MS ?? 10_000);
if (process.send) {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const sinceStart = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  loop.enable();
  sinceStart.enable();
  const send = (message) => process.send?.(message);
  send({ probe: sample(loop, sinceStart) });
  setInterval(() => send({ probe: sample(loop, sinceStart) }), periodMs).unref();
  process.on('message', (message) => {
    if (message.heapSnapshot) send({ heapSnapshot: writeHeapSnapshot(message.heapSnapshot) });
  });
  // The IPC channel must not keep the process alive on its own, nor stop it exiting on SIGTERM.
  process.channel?.unref();
}
