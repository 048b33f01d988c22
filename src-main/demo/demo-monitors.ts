import type { MonitorInput } from '../api/config-schema.ts';
import { demoPace } from './demo-script.ts';
import { pipelinePace } from './demo-task-events.ts';

export const DEMO_MONITOR_IDS = {
  balance: `demo-balance`,
  callbacks: `demo-callbacks`,
  solverApi: `demo-solver-api`,
  heartbeat: `demo-heartbeat`,
  pipeline: `demo-pipeline`,
} as const;

/** Made up: only the demo's own CaptchaAI-compatible fake accepts it. */
export const DEMO_API_KEY = 'solvewatch-demo-key-not-a-real-account';

export interface DemoEndpoints {
  /** Base URL of the CaptchaAI-compatible balance API. */
  captchaAi: string;
  callbackHealth: string;
  solverApi: string;
}

/**
 * The monitors watching the simulated pipeline. Alerts fire and recover on the first check so each
 * phase of the cycle is announced. The cooldown is a quarter cycle: shorter than the quietest good
 * phase (0.45 of a cycle), so every new alert is told rather than held back as flapping.
 */
export function demoMonitors(
  endpoints: DemoEndpoints,
  cycleSeconds: number,
  signingSecret: string,
): MonitorInput[] {
  const pace = demoPace(cycleSeconds);
  const { checkIntervalSeconds, ...window } = pipelinePace(cycleSeconds);
  const common = {
    intervalSeconds: pace.checkIntervalSeconds,
    timeoutMs: 5000,
    failThreshold: 1,
    recoverThreshold: 1,
    cooldownSeconds: Math.max(1, Math.round(cycleSeconds / 4)),
    demo: true as const,
  };
  return [
    {
      ...common,
      id: DEMO_MONITOR_IDS.balance,
      name: 'Solver balance (demo)',
      type: 'balance',
      provider: 'captchaai',
      baseUrl: endpoints.captchaAi,
      apiKey: DEMO_API_KEY,
    },
    {
      ...common,
      id: DEMO_MONITOR_IDS.callbacks,
      name: 'Callback handler (demo)',
      type: 'callback-health',
      url: endpoints.callbackHealth,
    },
    {
      ...common,
      id: DEMO_MONITOR_IDS.solverApi,
      name: 'Solver API (demo)',
      type: 'http',
      url: endpoints.solverApi,
    },
    {
      ...common,
      id: DEMO_MONITOR_IDS.heartbeat,
      name: 'Pipeline heartbeat (demo)',
      type: 'heartbeat',
      periodSeconds: pace.beatSeconds,
      graceSeconds: pace.beatSeconds,
    },
    {
      ...common,
      id: DEMO_MONITOR_IDS.pipeline,
      name: 'Solver pipeline (demo)',
      type: 'pipeline',
      signingSecret,
      intervalSeconds: checkIntervalSeconds,
      // Its alerts follow each other within seconds: each is told at once, and none is repeated.
      cooldownSeconds: 0,
      ...window,
    },
  ];
}
