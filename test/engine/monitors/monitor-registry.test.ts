import { describe, expect, it } from 'vitest';
import { ConfigSchema, type MonitorConfig } from '../../../src-main/api/config-schema.ts';
import { checkKey, MonitorRegistry } from '../../../src-main/engine/monitors/monitor-registry.ts';

const monitor = (extra: Record<string, unknown> = {}): MonitorConfig =>
  ConfigSchema.parse({ monitors: [{ id: 'api', type: 'http', url: 'http://127.0.0.1:9/', ...extra }] })
    .monitors[0] as MonitorConfig;

describe('the monitor registry', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['a new name', { name: 'Renamed' }, true],
    ['a custom rule', { rules: [{ when: '[STATUS] == 500', severity: 'warning' }] }, true],
    ['an alert threshold', { failThreshold: 3 }, true],
    ['a new URL', { url: 'http://127.0.0.1:10/' }, false],
    ['a header', { headers: { 'X-Key': 'k' } }, false],
    ['a timeout', { timeoutMs: 500 }, false],
  ])('%s keeps the check in flight: %s', (_name, change, same) => {
    expect(checkKey(monitor(change)) === checkKey(monitor())).toBe(same);
  });

  it('keeps what it knows of a monitor across a save, and starts afresh when its type changes', () => {
    const registry = new MonitorRegistry(() => ({ recent: [], beats: [] }));
    registry.apply([monitor()]);
    const known = {
      ...(registry.get('api') as NonNullable<ReturnType<typeof registry.get>>),
      state: 'critical' as const,
    };
    registry.replace(known);
    registry.apply([monitor({ name: 'Renamed' })]);
    expect(registry.get('api')?.state).toBe('critical');
    expect(registry.get('api')?.config.name).toBe('Renamed');
    registry.apply([
      ConfigSchema.parse({ monitors: [{ id: 'api', type: 'heartbeat', periodSeconds: 60 }] })
        .monitors[0] as MonitorConfig,
    ]);
    expect(registry.get('api')?.state).toBe('unknown');
  });

  it('does not bring back a removed monitor when a late check result replaces it', () => {
    const registry = new MonitorRegistry(() => ({ recent: [], beats: [] }));
    registry.apply([monitor()]);
    const late = registry.get('api') as NonNullable<ReturnType<typeof registry.get>>;
    registry.apply([]);
    registry.replace(late);
    expect(registry.has('api')).toBe(false);
  });
});

describe('the monitor registry across a save', () => {
  it('names the monitors whose check is new or changed: added, edited, enabled — not renamed or untouched', () => {
    const registry = new MonitorRegistry(() => ({ recent: [], beats: [] }));
    const other = (extra: Record<string, unknown> = {}) =>
      ({ ...monitor(extra), id: 'other' }) as MonitorConfig;
    expect(registry.apply([monitor({ enabled: false })])).toEqual(['api']);
    expect(registry.apply([monitor({ enabled: false })])).toEqual([]);
    expect(registry.apply([monitor(), other()])).toEqual(['api', 'other']);
    expect(registry.apply([monitor({ name: 'Renamed' }), other({ url: 'http://127.0.0.1:10/' })])).toEqual([
      'other',
    ]);
  });
});
