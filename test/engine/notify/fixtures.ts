import type { AlertNotice, DailySummary, Notification } from '../../../src-main/api/notification-types.ts';
import type { NotifierClock } from '../../../src-main/engine/notify/rate-limit.ts';

/** 2025-01-15T09:30:00.000Z */
export const T = Date.UTC(2025, 0, 15, 9, 30);

export function notice(overrides: Partial<AlertNotice> = {}): AlertNotice {
  return {
    kind: 'down',
    severity: 'critical',
    monitorId: 'api',
    monitorName: 'Solver API',
    monitorType: 'http',
    ruleId: 'down',
    ruleName: 'Down',
    summary: 'connection refused by 127.0.0.1:9',
    url: 'https://api.example.com/health?key=***',
    values: {},
    threshold: null,
    currency: null,
    since: T,
    time: T,
    ...overrides,
  };
}

export function alerts(notices: AlertNotice[], id = 'n-1'): Notification {
  return { type: 'alerts', id, createdAt: T, notices };
}

export function daySummary(overrides: Partial<DailySummary> = {}): DailySummary {
  return {
    from: T - 86_400_000,
    to: T,
    checks: 12450,
    successRate: 0.952,
    latencyAvgMs: 212.4,
    incidents: 3,
    balance: 142.3,
    spend24h: 12.4,
    currency: '$',
    monitors: [
      {
        monitorId: 'api',
        monitorName: 'Solver API',
        monitorType: 'http',
        checks: 1440,
        uptime: 0.9986,
        latencyAvgMs: 212.4,
        incidents: 1,
        balance: null,
        spend24h: null,
      },
      {
        monitorId: 'captchaai',
        monitorName: 'CaptchaAI balance',
        monitorType: 'balance',
        checks: 1,
        uptime: 1,
        latencyAvgMs: null,
        incidents: 0,
        balance: 142.3,
        spend24h: 12.4,
      },
    ],
    ...overrides,
  };
}

/** A clock whose sleeps return at once and move virtual time, recording how long each would have been. */
export class VirtualClock implements NotifierClock {
  time: number;
  readonly sleeps: number[] = [];

  constructor(start = T) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    this.sleeps.push(ms);
    this.time += ms;
  }
}
