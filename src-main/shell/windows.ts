import type { ElectronModules } from './electron-modules.ts';

type BrowserWindow = InstanceType<ElectronModules['BrowserWindow']>;
type WebContents = BrowserWindow['webContents'];

export interface WindowsOptions {
  BrowserWindow: ElectronModules['BrowserWindow'];
  shell: ElectronModules['shell'];
  /** macOS only: the Dock icon shows while a window is open (the app is tray-only otherwise). */
  dock: { show(): unknown; hide(): void } | undefined;
  preloadPath: string;
  /** The window icon where the OS takes it from the window (Linux); undefined elsewhere. */
  icon?: string;
  /** `app://solvewatch/index.html`; routes go in the fragment. */
  startUrl: string;
  /** Developer tools for development builds only. */
  devTools: boolean;
  log?: (line: string) => void;
}

/**
 * The dashboard window, created when asked for and destroyed when closed: no renderer is kept
 * alive in the background while the app sits in the tray.
 */
export class Windows {
  private readonly options: WindowsOptions;
  private window: BrowserWindow | null = null;

  constructor(options: WindowsOptions) {
    this.options = options;
    options.dock?.hide();
  }

  /** Shows the window on `route` (`/`, `/monitors/<id>`, `/settings`), creating it when needed. */
  open(route = '/'): BrowserWindow {
    const url = `${this.options.startUrl}#${route}`;
    const existing = this.window;
    if (existing && !existing.isDestroyed()) {
      // Only the fragment differs: Chromium navigates in-page (the renderer's `hashchange`), no reload.
      if (existing.webContents.getURL() !== url) this.load(existing, url);
      if (existing.isMinimized()) existing.restore();
      existing.show();
      existing.focus();
      return existing;
    }
    const window = this.create();
    this.load(window, url);
    return window;
  }

  /** A load superseded by the next one rejects with ERR_ABORTED: worth a log line, never an unhandled rejection. */
  private load(window: BrowserWindow, url: string): void {
    window.loadURL(url).catch((err: Error) => this.options.log?.(`window: ${err.message}`));
  }

  /** Brings the open window forward (a second launch of the app), or opens the dashboard. */
  focus(): BrowserWindow {
    return this.window && !this.window.isDestroyed() ? this.open(this.routeOf(this.window)) : this.open('/');
  }

  /** True for the page of our window (IPC checks its senders with this). */
  owns(contents: WebContents | unknown): boolean {
    return this.window !== null && !this.window.isDestroyed() && this.window.webContents === contents;
  }

  get isOpen(): boolean {
    return this.window !== null && !this.window.isDestroyed();
  }

  closeAll(): void {
    if (this.window && !this.window.isDestroyed()) this.window.destroy();
    this.window = null;
  }

  private create(): BrowserWindow {
    const window = new this.options.BrowserWindow({
      width: 1120,
      height: 780,
      minWidth: 720,
      minHeight: 480,
      show: false,
      title: 'Solvewatch',
      autoHideMenuBar: true,
      ...(this.options.icon && { icon: this.options.icon }),
      webPreferences: {
        preload: this.options.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
        devTools: this.options.devTools,
      },
    });
    this.window = window;
    this.guard(window.webContents);
    window.once('ready-to-show', () => {
      if (!window.isDestroyed()) {
        window.show();
        window.focus();
      }
    });
    window.on('closed', () => {
      if (this.window === window) this.window = null;
      this.options.dock?.hide();
    });
    void this.options.dock?.show();
    return window;
  }

  /**
   * The page may not leave its document, open windows or attach webviews; http(s) links the user
   * opens go to the browser. Route changes are in-page navigations, which never fire `will-navigate`
   * (https://www.electronjs.org/docs/latest/api/web-contents#event-will-navigate).
   */
  private guard(contents: WebContents): void {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url, disposition, features }) => {
      // A click on a `target="_blank"` link asks for a tab; popup-shaped `window.open(url, name, features)`
      // calls ask for a new window. Electron passes no user-gesture flag, so this is the line we can draw.
      const asTab = (disposition === 'foreground-tab' || disposition === 'background-tab') && features === '';
      if (asTab && /^https?:\/\//i.test(url)) {
        this.options.shell
          .openExternal(url)
          .catch((err: Error) => this.options.log?.(`open link: ${err.message}`));
      }
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  }

  private routeOf(window: BrowserWindow): string {
    const url = window.webContents.getURL();
    const hash = url.indexOf('#');
    return hash < 0 ? '/' : url.slice(hash + 1) || '/';
  }
}
