import { describe, expect, it } from 'vitest';
import { MonitorSchema } from '../../../src-main/api/config-schema.ts';
import { monitorUrl, toMonitorStatus, withHold } from '../../../src-main/engine/monitors/monitor-status.ts';

const view = (input: Record<string, unknown>) => ({
  config: MonitorSchema.parse(input),
  state: 'ok' as const,
  since: null,
  last: null,
  evaluation: null,
});

describe('monitor status', () => {
  it('flags a monitor that skips TLS verification, and only that one', () => {
    const insecure = view({ id: 'a', type: 'http', url: 'https://x.test/', tls: { insecure: true } });
    const trusted = view({ id: 'b', type: 'http', url: 'https://x.test/', tls: { ca: '/ca.pem' } });
    expect(toMonitorStatus(insecure).tlsInsecure).toBe(true);
    expect('tlsInsecure' in toMonitorStatus(trusted)).toBe(false);
  });

  it('shows a tcp monitor as its address, with tls:// when it does a handshake', () => {
    expect(
      monitorUrl(MonitorSchema.parse({ id: 'r', type: 'tcp', host: 'redis.internal', port: 6379 })),
    ).toBe('tcp://redis.internal:6379');
    expect(
      monitorUrl(MonitorSchema.parse({ id: 'r', type: 'tcp', host: '::1', port: 6380, tls: true })),
    ).toBe('tls://[::1]:6380');
  });

  it('says who holds its alerts, only while someone does', () => {
    const status = toMonitorStatus(view({ id: 'orders', type: 'heartbeat', periodSeconds: 60 }));
    expect(withHold({ ...status }, () => 'API').heldBy).toBe('API');
    expect('heldBy' in withHold({ ...status }, () => null)).toBe(false);
  });
});
