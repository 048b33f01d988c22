import { randomUUID } from 'node:crypto';
import type { Notification } from '../../api/notification-types.ts';

/** What "Send test" sends on a channel. */
export function testNotification(channel: string, now: number): Notification {
  return {
    type: 'alerts',
    id: randomUUID(),
    createdAt: now,
    notices: [
      {
        kind: 'test',
        severity: 'info',
        monitorId: '',
        monitorName: 'Solvewatch',
        monitorType: null,
        ruleId: null,
        ruleName: null,
        summary: `Test notification from Solvewatch: the ${channel} channel works.`,
        url: null,
        values: {},
        threshold: null,
        currency: null,
        since: now,
        time: now,
      },
    ],
  };
}
