import { randomBytes } from 'node:crypto';
import { type Clock, systemClock, type TimerHandle } from '../engine/clock.ts';
import type { DemoEnginePorts, DemoPort, DemoSetup } from '../engine/host/demo-port.ts';
import { startFakeCallbackHealth } from '../fakes/callback-health-server.ts';
import { startFakeCaptchaAi } from '../fakes/captchaai-server.ts';
import { startFakeDiscord } from '../fakes/discord-server.ts';
import { startHttpTarget } from '../fakes/http-target.ts';
import { demoInbox, INBOX_LIMIT } from './demo-inbox.ts';
import { DEMO_API_KEY, DEMO_MONITOR_IDS, demoMonitors } from './demo-monitors.ts';
import {
  DEFAULT_CYCLE_SECONDS,
  type DemoReport,
  demoPace,
  demoScript,
  MAX_CYCLE_SECONDS,
  MIN_CYCLE_SECONDS,
} from './demo-script.ts';
import { demoTaskSender } from './demo-task-sender.ts';

export interface DemoOptions {
  /** Length of one degrade-and-recover cycle; default 60. */
  cycleSeconds?: number;
  clock?: Clock;
  log?: (line: string) => void;
}

/** How often the fakes are brought in line with the script and the heartbeat sender looks at its watch. */
const TICK_MS = 250;

type Fakes = {
  captchaAi: Awaited<ReturnType<typeof startFakeCaptchaAi>>;
  callbackHealth: Awaited<ReturnType<typeof startFakeCallbackHealth>>;
  solverApi: Awaited<ReturnType<typeof startHttpTarget>>;
  discord: Awaited<ReturnType<typeof startFakeDiscord>>;
};

interface Run {
  fakes: Fakes;
  startedAt: number;
  lastBeat: number;
  timer: TimerHandle | null;
  /** The engine's doors: they answer "not found" until the demo's monitors are saved. */
  ports: DemoEnginePorts;
  /** Posts the task events due since its last call. */
  sendTasks: (elapsedMs: number) => void;
}

/**
 * The built-in simulated CAPTCHA pipeline: a CaptchaAI-compatible balance API, a callback health
 * endpoint, a solver API and a Discord-compatible sink, all on 127.0.0.1 ports of their own, plus a
 * heartbeat sender and the pipeline's own signed task events; they follow `demoScript` and
 * `demoTaskPosts` so every state shows within one cycle.
 */
export function createDemo(options: DemoOptions = {}): DemoPort {
  const cycleSeconds = options.cycleSeconds ?? DEFAULT_CYCLE_SECONDS;
  if (!(cycleSeconds >= MIN_CYCLE_SECONDS && cycleSeconds <= MAX_CYCLE_SECONDS)) {
    throw new RangeError(
      `cycleSeconds must be ${MIN_CYCLE_SECONDS}–${MAX_CYCLE_SECONDS}, got ${cycleSeconds}`,
    );
  }
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  const beatMs = demoPace(cycleSeconds).beatSeconds * 1000;
  let run: Run | null = null;
  /** start and stop wait for each other, so a restart never leaves two pipelines behind. */
  let queue: Promise<unknown> = Promise.resolve();

  const apply = (current: Run, report: DemoReport) => {
    const { captchaAi, callbackHealth, solverApi, discord } = current.fakes;
    captchaAi.setBalance(report.balance);
    callbackHealth.set(report.callbackMetrics);
    solverApi.setResponse(report.solverApi);
    if (discord.received.length > INBOX_LIMIT)
      discord.received.splice(0, discord.received.length - INBOX_LIMIT);
  };

  const tick = (current: Run) => {
    current.timer = null;
    if (run !== current) return;
    const now = clock.now();
    const report = demoScript(now - current.startedAt, cycleSeconds);
    apply(current, report);
    current.sendTasks(now - current.startedAt);
    if (!report.heartbeatPaused && now - current.lastBeat >= beatMs && sendBeat(current)) {
      current.lastBeat = now;
    }
    current.timer = clock.setTimeout(() => tick(current), TICK_MS);
  };

  /** False when the heartbeat monitor does not exist yet: the beat goes again next tick, not a whole beat later. */
  const sendBeat = (current: Run): boolean => {
    try {
      return current.ports.beat(DEMO_MONITOR_IDS.heartbeat) !== 'not-found';
    } catch (err) {
      log(`demo heartbeat failed: ${(err as Error).message}`);
      return true;
    }
  };

  const halt = async () => {
    const current = run;
    if (!current) return;
    run = null;
    if (current.timer) clock.clearTimeout(current.timer);
    await closeAll(current.fakes);
  };

  const launch = async (ports: DemoEnginePorts): Promise<DemoSetup> => {
    await halt();
    const fakes = await startFakes();
    // Fresh each run: the secret is the demo's alone, and task ids never repeat an earlier run's (24 h duplicates).
    const signingSecret = randomBytes(24).toString('hex');
    const sendTasks = demoTaskSender({
      monitorId: DEMO_MONITOR_IDS.pipeline,
      cycleSeconds,
      signingSecret,
      taskPrefix: `task-${randomBytes(4).toString('hex')}`,
      ingest: (id, request) => ports.ingestEvents(id, request),
      log,
    });
    const current: Run = {
      fakes,
      startedAt: clock.now(),
      lastBeat: -Infinity,
      timer: null,
      ports,
      sendTasks,
    };
    run = current;
    tick(current);
    log(`demo pipeline running on 127.0.0.1 (cycle of ${cycleSeconds} s)`);
    return {
      monitors: demoMonitors(
        {
          captchaAi: fakes.captchaAi.url,
          callbackHealth: fakes.callbackHealth.url,
          solverApi: `${fakes.solverApi.url}api/status`,
        },
        cycleSeconds,
        signingSecret,
      ),
      discordWebhookUrl: fakes.discord.webhookUrl(),
    };
  };

  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => {});
    return next;
  };

  return {
    start: (ports) => enqueue(() => launch(ports)),
    stop: () => enqueue(halt),
    running: () => run !== null,
    inbox: () => (run ? demoInbox(run.fakes.discord.received) : []),
  };
}

async function startFakes(): Promise<Fakes> {
  const started = await Promise.allSettled([
    startFakeCaptchaAi({ validKeys: [DEMO_API_KEY] }),
    startFakeCallbackHealth(),
    startHttpTarget(),
    startFakeDiscord(),
  ]);
  const [captchaAi, callbackHealth, solverApi, discord] = started;
  if (
    captchaAi.status === 'fulfilled' &&
    callbackHealth.status === 'fulfilled' &&
    solverApi.status === 'fulfilled' &&
    discord.status === 'fulfilled'
  ) {
    return {
      captchaAi: captchaAi.value,
      callbackHealth: callbackHealth.value,
      solverApi: solverApi.value,
      discord: discord.value,
    };
  }
  await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.close() : undefined)));
  const failure = started.find((s) => s.status === 'rejected');
  throw failure?.reason ?? new Error('the demo pipeline could not start');
}

function closeAll(fakes: Fakes): Promise<unknown> {
  return Promise.all(Object.values(fakes).map((fake) => fake.close()));
}
