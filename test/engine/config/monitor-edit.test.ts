import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../src-main/api/config-schema.ts';
import { monitorIssues, withMonitor, withoutMonitor } from '../../../src-main/engine/config/monitor-edit.ts';

const config: ConfigInput = {
  monitors: [
    { id: 'a', type: 'http', url: 'http://127.0.0.1:1/' },
    { id: 'b', type: 'heartbeat', periodSeconds: 60 },
  ],
};

describe('editing one monitor of a config', () => {
  it('replaces the monitor with the id in place, the path giving the id', () => {
    const { config: next, index } = withMonitor(config, 'b', {
      id: 'other',
      type: 'heartbeat',
      periodSeconds: 60,
      name: 'B',
    });
    expect(index).toBe(1);
    expect(next.monitors).toEqual([
      config.monitors?.[0],
      { id: 'b', type: 'heartbeat', periodSeconds: 60, name: 'B' },
    ]);
  });

  it('adds a new monitor last', () => {
    const { config: next, index } = withMonitor(config, 'c', { type: 'heartbeat' });
    expect(index).toBe(2);
    expect(next.monitors?.map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('removes only the monitor with the id', () => {
    expect(withoutMonitor(config, 'a').monitors?.map((m) => m.id)).toEqual(['b']);
  });

  it('names the issues of the saved monitor by its own fields', () => {
    const issues = [
      { path: 'monitors[1].url', message: 'must be a URL' },
      { path: 'monitors[1]', message: 'bad monitor' },
      { path: 'monitors[10].url', message: 'another monitor' },
      { path: 'notifications.discord.webhookUrl', message: 'required' },
    ];
    expect(monitorIssues(issues, 1).map((i) => i.path)).toEqual([
      'url',
      '(monitor)',
      'monitors[10].url',
      'notifications.discord.webhookUrl',
    ]);
  });
});
