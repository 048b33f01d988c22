import { describe, expect, it } from 'vitest';
import { DEFAULT_CYCLE_SECONDS, demoScript, MIN_CYCLE_SECONDS } from '../../src-main/demo/demo-script.ts';
import {
  type DemoTaskEvent,
  demoTaskPosts,
  pipelineCycleSeconds,
  pipelinePace,
  pipelinePhaseOf,
  RETRY_MS,
} from '../../src-main/demo/demo-task-events.ts';

const PREFIX = 'task-test';
const QUEUE_WARN = 500;

/** Every event of one pipeline cycle, each with the moment it is due, by 100 ms steps as the sender asks. */
function oneCycle(cycleSeconds: number) {
  const cycleMs = pipelineCycleSeconds(cycleSeconds) * 1000;
  const signed: Array<DemoTaskEvent & { at: number }> = [];
  const forged: Array<DemoTaskEvent & { at: number }> = [];
  for (let t = 0; t < cycleMs; t += 100) {
    const posts = demoTaskPosts(t, t + 100, cycleSeconds, PREFIX);
    signed.push(...posts.signed.map((e) => ({ ...e, at: t })));
    forged.push(...posts.forged.map((e) => ({ ...e, at: t })));
  }
  return { cycleMs, signed, forged };
}

const isResult = (e: DemoTaskEvent) => e.event !== 'task.submitted';

describe('the demo pipeline task events', () => {
  it.each([MIN_CYCLE_SECONDS, DEFAULT_CYCLE_SECONDS])(
    'go through every phase within one pipeline cycle (demo cycle %s s)',
    (cycleSeconds) => {
      const { cycleMs } = oneCycle(cycleSeconds);
      const phases = new Set<string>();
      for (let t = 0; t < cycleMs; t += 100) phases.add(pipelinePhaseOf(t, cycleSeconds));
      expect([...phases].sort()).toEqual(['error-spike', 'queue-backup', 'quiet', 'retries', 'steady']);
      // What the report says is what the events follow.
      expect(demoScript(0.7 * cycleMs, cycleSeconds).pipelinePhase).toBe('error-spike');
    },
  );

  it('take 80 s below an 80 s demo cycle, and the demo cycle above it', () => {
    expect(pipelineCycleSeconds(MIN_CYCLE_SECONDS)).toBe(80);
    expect(pipelineCycleSeconds(DEFAULT_CYCLE_SECONDS)).toBe(80);
    expect(pipelineCycleSeconds(600)).toBe(600);
  });

  it.each([MIN_CYCLE_SECONDS, DEFAULT_CYCLE_SECONDS, 600])(
    'flow steadily with solve times, costs, queue depth and workers (demo cycle %s s)',
    (cycleSeconds) => {
      const { signed, cycleMs } = oneCycle(cycleSeconds);
      const submitted = signed.filter((e) => e.event === 'task.submitted');
      expect(submitted.every((e) => typeof e.queueDepth === 'number' && typeof e.workers === 'number')).toBe(
        true,
      );
      const completed = signed.filter((e) => e.event === 'task.completed');
      expect(completed.every((e) => (e.solveMs ?? 0) > 0 && (e.cost ?? 0) > 0)).toBe(true);
      // A few events a second.
      const perSecond = signed.length / (cycleMs / 1000);
      expect(perSecond).toBeGreaterThan(2);
      expect(perSecond).toBeLessThan(10);
    },
  );

  it.each([MIN_CYCLE_SECONDS, DEFAULT_CYCLE_SECONDS, 600])(
    'spike ERROR_CAPTCHA_UNSOLVABLE and ERROR_TIMEOUT well above 15 % only in the error spike (demo cycle %s s)',
    (cycleSeconds) => {
      const { signed } = oneCycle(cycleSeconds);
      const results = (phase: string) =>
        signed.filter((e) => isResult(e) && pipelinePhaseOf(e.at, cycleSeconds) === phase);
      const failedShare = (events: DemoTaskEvent[]) =>
        events.filter((e) => e.event === 'task.failed').length / events.length;
      const spike = results('error-spike');
      expect(failedShare(spike)).toBeGreaterThan(0.5);
      expect(new Set(spike.map((e) => e.errorCode).filter(Boolean))).toEqual(
        new Set(['ERROR_CAPTCHA_UNSOLVABLE', 'ERROR_TIMEOUT']),
      );
      expect(failedShare(results('steady'))).toBeLessThan(0.05);
      expect(failedShare(results('retries'))).toBeLessThan(0.05);
    },
  );

  it.each([MIN_CYCLE_SECONDS, DEFAULT_CYCLE_SECONDS, 600])(
    'send the results of the retries phase twice, 2 s apart, and no other (demo cycle %s s)',
    (cycleSeconds) => {
      const { signed } = oneCycle(cycleSeconds);
      const sent = new Map<string, number[]>();
      for (const e of signed.filter(isResult)) sent.set(e.taskId, [...(sent.get(e.taskId) ?? []), e.at]);
      const twice = [...sent].filter(([, times]) => times.length > 1);
      expect(twice.length).toBeGreaterThan(10);
      for (const [, [first, again]] of twice) {
        expect(pipelinePhaseOf(first as number, cycleSeconds)).toBe('retries');
        expect((again as number) - (first as number)).toBe(RETRY_MS);
      }
      expect([...sent.values()].every((times) => times.length <= 2)).toBe(true);
    },
  );

  it.each([MIN_CYCLE_SECONDS, DEFAULT_CYCLE_SECONDS, 600])(
    'forge exactly one event, back up the queue and fall quiet for longer than staleSeconds (demo cycle %s s)',
    (cycleSeconds) => {
      const { signed, forged } = oneCycle(cycleSeconds);
      expect(forged).toHaveLength(1);
      expect(forged[0]?.taskId).toBe(`${PREFIX}-forged-0`);

      const backedUp = signed.filter((e) => (e.queueDepth ?? 0) > QUEUE_WARN);
      expect(backedUp.length).toBeGreaterThan(0);
      expect(backedUp.every((e) => pipelinePhaseOf(e.at, cycleSeconds) === 'queue-backup')).toBe(true);
      expect(backedUp.every((e) => e.workers === 3)).toBe(true);

      const times = signed.filter(isResult).map((e) => e.at);
      const longestGap = Math.max(...times.slice(1).map((t, i) => t - (times[i] as number)));
      // Long enough for a check to see it stale.
      const { staleSeconds, checkIntervalSeconds } = pipelinePace(cycleSeconds);
      expect(longestGap / 1000).toBeGreaterThan(staleSeconds + checkIntervalSeconds);
    },
  );

  it.each([MIN_CYCLE_SECONDS, DEFAULT_CYCLE_SECONDS, 600])(
    'submit tasks through the quiet spell whose results never come, so delivery falls under 90 % after stale and before the flow resumes (demo cycle %s s)',
    (cycleSeconds) => {
      const { signed, forged, cycleMs } = oneCycle(cycleSeconds);
      const resultAt = new Map(signed.filter(isResult).map((e) => [e.taskId, e.at]));
      const submitted = signed.filter((e) => e.event === 'task.submitted');
      const lost = submitted.filter((e) => !resultAt.has(e.taskId));
      expect(lost.length).toBeGreaterThan(10);
      expect(lost.every((e) => pipelinePhaseOf(e.at, cycleSeconds) === 'quiet')).toBe(true);
      // Nor in the next cycle: a lost callback stays lost.
      const next = demoTaskPosts(
        pipelineCycleSeconds(cycleSeconds) * 1000,
        2 * pipelineCycleSeconds(cycleSeconds) * 1000,
        cycleSeconds,
        PREFIX,
      );
      const lostIds = new Set(lost.map((e) => e.taskId));
      expect(next.signed.some((e) => lostIds.has(e.taskId))).toBe(false);

      // The delivery rate as the monitor sees it (seed 000): of the tasks due in the window, on time ÷ all.
      const { windowSeconds, deliveryTimeoutSeconds, staleSeconds, checkIntervalSeconds } =
        pipelinePace(cycleSeconds);
      const deadlineMs = deliveryTimeoutSeconds * 1000;
      const deliveryRateAt = (t: number) => {
        const due = submitted.filter(
          (e) => e.at + deadlineMs <= t && e.at + deadlineMs > t - windowSeconds * 1000,
        );
        const onTime = due.filter((e) => (resultAt.get(e.taskId) ?? Infinity) <= e.at + deadlineMs);
        return onTime.length / due.length;
      };
      const step = checkIntervalSeconds * 1000;
      const times = Array.from({ length: Math.ceil(cycleMs / step) }, (_, i) => i * step);
      const low = times.filter((t) => deliveryRateAt(t) < 0.9);
      const firstLow = low[0] as number;
      const lastResultBefore = Math.max(
        ...[...resultAt.values()].filter((t) => t < (lost[0] as DemoTaskEvent & { at: number }).at),
      );
      // Stale is seen first (at least a check before), delivery-rate while still quiet, and both end before the forged event.
      expect(firstLow - lastResultBefore).toBeGreaterThan((staleSeconds + 2 * checkIntervalSeconds) * 1000);
      expect(pipelinePhaseOf(firstLow + step, cycleSeconds)).toBe('quiet');
      const forgedAt = forged[0]?.at as number;
      expect(low.every((t) => t < forgedAt - step)).toBe(true);
    },
  );

  it('split into any ranges yield each event once, and a new run prefix names new tasks', () => {
    const whole = demoTaskPosts(0, 60_000, 60, PREFIX);
    const parts = [0, 1234, 5000, 5001, 33_333, 60_000];
    const pieces = parts.slice(1).map((to, i) => demoTaskPosts(parts[i] as number, to, 60, PREFIX));
    expect(pieces.flatMap((p) => p.signed)).toEqual(whole.signed);
    expect(pieces.flatMap((p) => p.forged)).toEqual(whole.forged);
    const other = demoTaskPosts(0, 1000, 60, 'task-other');
    expect(other.signed.every((e) => e.taskId.startsWith('task-other-'))).toBe(true);
  });

  it('repeat every pipeline cycle with new task ids', () => {
    const first = demoTaskPosts(0, 80_000, 60, PREFIX);
    const second = demoTaskPosts(80_000, 160_000, 60, PREFIX);
    expect(second.signed.map((e) => e.event)).toEqual(first.signed.map((e) => e.event));
    const ids = new Set(first.signed.map((e) => e.taskId));
    expect(second.signed.some((e) => ids.has(e.taskId))).toBe(false);
    expect(second.forged.map((e) => e.taskId)).toEqual([`${PREFIX}-forged-1`]);
  });

  it.each([
    { cycle: 10, check: 1, window: 10, stale: 3.2, deadline: 4.8 },
    { cycle: 60, check: 1, window: 10, stale: 3.2, deadline: 4.8 },
    { cycle: 120, check: 2, window: 15, stale: 4.8, deadline: 7.2 },
    { cycle: 3600, check: 5, window: 300, stale: 144, deadline: 216 },
  ])(
    'scales the monitor to a $cycle s cycle: checks every $check s over $window s, stale after $stale s, callbacks due in $deadline s',
    ({ cycle, check, window, stale, deadline }) => {
      expect(pipelinePace(cycle)).toEqual({
        checkIntervalSeconds: check,
        windowSeconds: window,
        staleSeconds: stale,
        deliveryTimeoutSeconds: deadline,
      });
    },
  );
});
