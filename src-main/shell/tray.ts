import type { MenuItemConstructorOptions } from 'electron';
import type { StateSnapshot } from '../api/contract.ts';
import type { Clock, TimerHandle } from '../engine/clock.ts';
import type { ElectronModules } from './electron-modules.ts';
import { type TrayAction, type TrayIconName, type TrayMenuItem, trayModel } from './tray-model.ts';

export interface TrayOptions {
  Tray: ElectronModules['Tray'];
  Menu: ElectronModules['Menu'];
  nativeImage: ElectronModules['nativeImage'];
  iconPath: (name: TrayIconName) => string;
  /** The small coloured image beside each monitor line of the menu. */
  menuIconPath: (name: TrayIconName) => string;
  platform: NodeJS.Platform;
  state: () => Promise<StateSnapshot>;
  startAtLogin: () => boolean | null;
  /** The user's locale, for money and times in the menu. */
  locale?: string;
  onAction: (action: TrayAction) => void;
  clock: Clock;
  /** The model is looked at no more often than this, however busy the engine is (default 1.5 s). */
  throttleMs?: number;
  log?: (line: string) => void;
}

/** The tray icon: icon, tooltip and menu from the pure `trayModel`, rebuilt when the state changes. */
export class AppTray {
  private readonly options: TrayOptions;
  private readonly tray: InstanceType<ElectronModules['Tray']>;
  private timer: TimerHandle | null = null;
  private icon: TrayIconName | null = null;
  private tooltip: string | null = null;
  private menu: string | null = null;
  private destroyed = false;

  constructor(options: TrayOptions) {
    this.options = options;
    this.tray = new options.Tray(this.image('unknown'));
    this.tray.setToolTip('Solvewatch');
    // Left click opens the dashboard where the desktop delivers it; many Linux trays only show the
    // menu (https://www.electronjs.org/docs/latest/api/tray#platform-considerations), so every action is in it too.
    this.tray.on('click', () => options.onAction({ kind: 'open-dashboard' }));
  }

  /**
   * Brings the tray in line with the model now (first show, or after the user toggled something).
   * Only what changed is replaced: a menu swapped while open closes or flickers on Linux's AppIndicator.
   */
  async render(): Promise<void> {
    if (this.destroyed) return;
    const state = await this.options.state();
    if (this.destroyed) return;
    const model = trayModel(state, {
      startAtLogin: this.options.startAtLogin(),
      locale: this.options.locale,
    });
    if (model.icon !== this.icon) {
      this.tray.setImage(this.image(model.icon));
      this.icon = model.icon;
    }
    if (model.tooltip !== this.tooltip) {
      this.tray.setToolTip(model.tooltip);
      this.tooltip = model.tooltip;
    }
    const menu = JSON.stringify(model.menu);
    if (menu !== this.menu) {
      this.tray.setContextMenu(this.options.Menu.buildFromTemplate(this.template(model.menu)));
      this.menu = menu;
    }
  }

  /** Asks for a rebuild; changes arriving meanwhile are folded into one. */
  refresh(): void {
    if (this.timer || this.destroyed) return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      this.render().catch((err: Error) => this.options.log?.(`tray: ${err.message}`));
    }, this.options.throttleMs ?? 1500);
  }

  destroy(): void {
    this.destroyed = true;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.tray.destroy();
  }

  private image(name: TrayIconName) {
    const image = this.options.nativeImage.createFromPath(this.options.iconPath(name));
    if (this.options.platform === 'darwin') image.setTemplateImage(true);
    return image;
  }

  private template(items: TrayMenuItem[]): MenuItemConstructorOptions[] {
    const act = (action: TrayAction) => () => this.options.onAction(action);
    return items.map((item): MenuItemConstructorOptions => {
      switch (item.type) {
        case 'separator':
          return { type: 'separator' };
        case 'submenu':
          return { label: item.label, submenu: this.template(item.items) };
        case 'checkbox':
          return { type: 'checkbox', label: item.label, checked: item.checked, click: act(item.action) };
        default:
          return {
            label: item.label,
            enabled: item.enabled,
            ...(item.icon && {
              icon: this.options.nativeImage.createFromPath(this.options.menuIconPath(item.icon)),
            }),
            ...(item.action && { click: act(item.action) }),
          };
      }
    });
  }
}
