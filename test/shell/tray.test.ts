import { beforeEach, describe, expect, it } from 'vitest';
import type { MonitorStatus, StateSnapshot } from '../../src-main/api/contract.ts';
import type { ElectronModules } from '../../src-main/shell/electron-modules.ts';
import { AppTray } from '../../src-main/shell/tray.ts';
import electronModule, { electronDouble, type NativeImageDouble } from '../support/electron-double.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { monitorStatus, stateSnapshot } from '../support/state-snapshot.ts';

const electron = electronModule as unknown as ElectronModules;
const THROTTLE_MS = 1500;

beforeEach(() => electronDouble.reset());

const status = (over: Partial<MonitorStatus> & { id: string }) => monitorStatus(over, 2_000);
const snapshot = (monitors: MonitorStatus[], now = 2_000): StateSnapshot => stateSnapshot(monitors, now);

async function tray(initial: StateSnapshot) {
  const clock = new ManualClock(0);
  let state = initial;
  const app = new AppTray({
    Tray: electron.Tray,
    Menu: electron.Menu,
    nativeImage: electron.nativeImage,
    iconPath: (name) => `/icons/tray-${name}.png`,
    menuIconPath: (name) => `/icons/menu-${name}.png`,
    platform: 'linux',
    state: async () => state,
    startAtLogin: () => false,
    onAction: () => {},
    clock,
  });
  await app.render();
  const set = async (next: StateSnapshot) => {
    state = next;
    app.refresh();
    await clock.advance(THROTTLE_MS);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { app, set, double: electronDouble.tray };
}

describe('the tray', () => {
  it('leaves the open menu alone when a check changed nothing it shows', async () => {
    const { set, double } = await tray(snapshot([status({ id: 'api', latencyMs: 141 })]));
    const updates = () => [double.menuUpdates, double.tooltipUpdates, double.imageUpdates];
    const before = updates();
    await set(snapshot([status({ id: 'api', latencyMs: 138, lastCheck: 31_000 })], 32_000));
    expect(updates()).toEqual(before);
  });

  it('rebuilds the menu when a line changes, and swaps the icon when the state does', async () => {
    const { set, double } = await tray(snapshot([status({ id: 'api' })]));
    const menus = double.menuUpdates;
    await set(snapshot([status({ id: 'api', latencyMs: 900 })]));
    expect(double.menuUpdates).toBe(menus + 1);
    await set(snapshot([status({ id: 'api', state: 'critical', sampleStatus: 'down', error: 'refused' })]));
    expect(double.menuUpdates).toBe(menus + 2);
    expect((double.image as NativeImageDouble).path).toBe('/icons/tray-critical.png');
  });

  it('folds a burst of changes into one rebuild', async () => {
    const { app, set, double } = await tray(snapshot([status({ id: 'api' })]));
    const menus = double.menuUpdates;
    app.refresh();
    app.refresh();
    await set(snapshot([status({ id: 'api', latencyMs: 900 })]));
    expect(double.menuUpdates).toBe(menus + 1);
  });

  it('shows each monitor line with a small image of its state', async () => {
    const { double } = await tray(
      snapshot([status({ id: 'api' }), status({ id: 'bad', state: 'critical', sampleStatus: 'down' })]),
    );
    const icon = (label: RegExp) => (double.currentMenu.item(label).icon as NativeImageDouble).path;
    expect(icon(/^api/)).toBe('/icons/menu-ok.png');
    expect(icon(/^bad/)).toBe('/icons/menu-critical.png');
  });
});
