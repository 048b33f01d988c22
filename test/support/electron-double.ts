import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';

/**
 * The one test double of the `electron` module (vitest aliases every `electron` import here, and the
 * child-process test of the built bundle resolves it here through test/support/electron-loader.mjs).
 * It records what the app asks for and lets a test play the OS's part: click a tray item, close a
 * window, send an IPC request from a given frame, switch the keychain off. `electronDouble.reset()`
 * between tests. Plain, erasable TypeScript only: Node runs it without a build step.
 */

/** An Electron-style event: `preventDefault()` and `defaultPrevented`. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  [key: string]: unknown;
}

export function fakeEvent(extra: Record<string, unknown> = {}): FakeEvent {
  const event: FakeEvent = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...extra,
  };
  return event;
}

class Emitter extends EventEmitter {
  /** Emits with an Electron-style event first; returns the event so callers see `defaultPrevented`. */
  emitEvent(name: string, ...args: unknown[]): FakeEvent {
    const event = fakeEvent();
    this.emit(name, event, ...args);
    return event;
  }
}

// ── app ─────────────────────────────────────────────────────────────────────

interface LoginItemSettings {
  openAtLogin: boolean;
  openAsHidden?: boolean;
  args?: string[];
  path?: string;
}

class DockDouble {
  visible = true;
  hideCalls = 0;
  showCalls = 0;
  hide(): void {
    this.visible = false;
    this.hideCalls++;
  }
  show(): Promise<void> {
    this.visible = true;
    this.showCalls++;
    return Promise.resolve();
  }
  isVisible(): boolean {
    return this.visible;
  }
}

class AppDouble extends Emitter {
  singleInstanceLock = true;
  ready = false;
  quitCalls = 0;
  /** Set once a quit went through (not prevented by a `before-quit` listener). */
  quitted = false;
  exitCode: number | null = null;
  appUserModelId: string | null = null;
  loginItem: LoginItemSettings = { openAtLogin: false };
  loginItemCalls: LoginItemSettings[] = [];
  dock: DockDouble | undefined = new DockDouble();
  isPackaged = false;
  version = '0.1.0';
  name = 'Solvewatch';
  appPath = process.cwd();
  focusCalls = 0;
  readonly paths = new Map<string, string>();
  /** The userData folder when the lock was asked for: Chromium keys the lock on it. */
  lockedUserData: string | undefined;
  private readyPromise: Promise<void> | null = null;

  requestSingleInstanceLock(): boolean {
    this.lockedUserData = this.paths.get('userData');
    return this.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    this.readyPromise ??= Promise.resolve().then(() => {
      this.ready = true;
      this.emitEvent('ready');
    });
    return this.readyPromise;
  }
  isReady(): boolean {
    return this.ready;
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) {
      if (name === 'temp') return tmpdir();
      throw new Error(`electron double: app.getPath('${name}') was not set by the test`);
    }
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return this.version;
  }
  getLocale(): string {
    return 'en-US';
  }
  getName(): string {
    return this.name;
  }
  setName(name: string): void {
    this.name = name;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  focus(): void {
    this.focusCalls++;
  }
  setLoginItemSettings(settings: LoginItemSettings): void {
    this.loginItemCalls.push(settings);
    this.loginItem = { ...this.loginItem, ...settings };
  }
  getLoginItemSettings(): LoginItemSettings & { wasOpenedAtLogin: boolean } {
    return { ...this.loginItem, wasOpenedAtLogin: false };
  }
  /** Like Electron: `before-quit` (preventable), then `will-quit` (preventable), then the app is gone. */
  quit(): void {
    this.quitCalls++;
    if (this.quitted) return;
    if (this.emitEvent('before-quit').defaultPrevented) return;
    if (this.emitEvent('will-quit').defaultPrevented) return;
    this.quitted = true;
    this.emitEvent('quit', 0);
  }
  exit(code = 0): void {
    this.exitCode = code;
    this.quitted = true;
  }
  /** The OS starting a second copy of the app: Electron tells the first one. */
  launchSecondInstance(argv: string[], workingDirectory = process.cwd()): void {
    this.emitEvent('second-instance', argv, workingDirectory, {});
  }
}

// ── windows ─────────────────────────────────────────────────────────────────

interface WindowOpenDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
}

type WindowOpenHandler = (details: WindowOpenDetails) => {
  action: 'allow' | 'deny';
};

let nextWebContentsId = 1;

export class WebContentsDouble extends Emitter {
  readonly id = nextWebContentsId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  url = '';
  destroyed = false;
  readonly mainFrame: { url: string };
  readonly session: SessionDouble;

  constructor(session: SessionDouble) {
    super();
    this.session = session;
    const contents = this;
    this.mainFrame = {
      get url() {
        return contents.url;
      },
    };
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
    if (ipcRenderer.attachedTo === this) ipcRenderer.deliver(channel, ...args);
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /**
   * A link or script in the page going to `url`; true when the page got there. Like Electron, only a
   * cross-document navigation asks `will-navigate`; a fragment change is in-page (`did-navigate-in-page`).
   */
  navigate(url: string): boolean {
    if (isSameDocument(this.url, url)) {
      this.url = url;
      this.emitEvent('did-navigate-in-page', url, true, 1, 1);
      return true;
    }
    const event = fakeEvent({ url, isSameDocument: false, isMainFrame: true });
    this.emit('will-navigate', event, url, false, true);
    if (event.defaultPrevented) return false;
    this.url = url;
    this.emitEvent('did-navigate', url, 200, 'OK');
    return true;
  }
  /**
   * A request for a new window, as Chromium describes it: a click on a `target=_blank` link is a
   * `foreground-tab` with no features; `window.open(url, name, 'width=…')` is a `new-window` popup.
   * Answers what the app's open handler says (Electron's default: allow).
   */
  openWindow(
    url: string,
    how: Partial<Pick<WindowOpenDetails, 'disposition' | 'features'>> = {},
  ): 'allow' | 'deny' {
    const details: WindowOpenDetails = {
      url,
      frameName: '',
      features: how.features ?? '',
      disposition: how.disposition ?? 'foreground-tab',
    };
    return this.windowOpenHandler?.(details).action ?? 'allow';
  }
}

/** Same page, another fragment: Chromium navigates in-page, without a reload. */
function isSameDocument(from: string, to: string): boolean {
  return from !== '' && to.includes('#') && to.split('#')[0] === from.split('#')[0];
}

export class BrowserWindowDouble extends Emitter {
  static readonly instances: BrowserWindowDouble[] = [];
  readonly options: Record<string, unknown>;
  readonly webContents: WebContentsDouble;
  readonly id: number;
  destroyed = false;
  visible = false;
  minimized = false;
  focusCalls = 0;
  showCalls = 0;
  restoreCalls = 0;
  loadedUrls: string[] = [];
  /** Makes `loadURL` reject like Electron when a load is cut short (superseded, page gone). */
  failLoadsWith: string | null = null;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    this.webContents = new WebContentsDouble(session.defaultSession);
    this.id = this.webContents.id;
    this.visible = options.show !== false;
    BrowserWindowDouble.instances.push(this);
    app.emitEvent('browser-window-created', this);
    app.emitEvent('web-contents-created', this.webContents);
  }

  static getAllWindows(): BrowserWindowDouble[] {
    return BrowserWindowDouble.instances.filter((w) => !w.destroyed);
  }
  static fromWebContents(contents: unknown): BrowserWindowDouble | null {
    return BrowserWindowDouble.getAllWindows().find((w) => w.webContents === contents) ?? null;
  }
  static fromId(id: number): BrowserWindowDouble | null {
    return BrowserWindowDouble.getAllWindows().find((w) => w.id === id) ?? null;
  }

  /** Like Electron: a fragment change of the loaded page is an in-page navigation (no reload, no `ready-to-show`). */
  loadURL(url: string): Promise<void> {
    this.assertAlive();
    this.loadedUrls.push(url);
    if (this.failLoadsWith) {
      return Promise.reject(new Error(`${this.failLoadsWith} loading '${url}'`));
    }
    const inPage = isSameDocument(this.webContents.url, url);
    this.webContents.url = url;
    if (inPage) {
      this.webContents.emitEvent('did-navigate-in-page', url, true, 1, 1);
      return Promise.resolve();
    }
    queueMicrotask(() => {
      if (!this.destroyed) this.emit('ready-to-show');
    });
    return Promise.resolve();
  }
  /** The URL the window shows now. */
  get url(): string {
    return this.webContents.url;
  }
  show(): void {
    this.assertAlive();
    this.visible = true;
    this.showCalls++;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.assertAlive();
    this.focusCalls++;
  }
  restore(): void {
    this.minimized = false;
    this.restoreCalls++;
  }
  minimize(): void {
    this.minimized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setTitle(_title: string): void {}
  setMenuBarVisibility(_visible: boolean): void {}
  removeMenu(): void {}
  /** Like the user closing it: `close` (preventable), then the window and its page are destroyed. */
  close(): void {
    if (this.destroyed) return;
    if (this.emitEvent('close').defaultPrevented) return;
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
    if (BrowserWindowDouble.getAllWindows().length === 0) app.emitEvent('window-all-closed');
  }
  private assertAlive(): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
  }
}

// ── tray and menus ──────────────────────────────────────────────────────────

export interface MenuItemTemplate {
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: (...args: unknown[]) => unknown;
  submenu?: MenuItemTemplate[];
  [key: string]: unknown;
}

export class MenuDouble {
  static readonly built: MenuDouble[] = [];
  /** undefined until the app sets one (Electron then shows its default menu). */
  static applicationMenu: MenuDouble | null | undefined = undefined;
  readonly items: MenuItemTemplate[];
  constructor(items: MenuItemTemplate[] = []) {
    this.items = items;
  }
  static buildFromTemplate(template: MenuItemTemplate[]): MenuDouble {
    const menu = new MenuDouble(template);
    MenuDouble.built.push(menu);
    return menu;
  }
  static setApplicationMenu(menu: MenuDouble | null): void {
    MenuDouble.applicationMenu = menu;
  }
  static getApplicationMenu(): MenuDouble | null {
    return MenuDouble.applicationMenu ?? null;
  }
  /** Every item, depth first, submenus included. */
  allItems(): MenuItemTemplate[] {
    const walk = (items: MenuItemTemplate[]): MenuItemTemplate[] =>
      items.flatMap((i) => [i, ...(i.submenu ? walk(i.submenu) : [])]);
    return walk(this.items);
  }
  /** The item whose label matches (a string matches the start of the label), submenus included. */
  item(label: string | RegExp): MenuItemTemplate {
    const found = this.allItems().find((i) =>
      typeof label === 'string' ? i.label?.startsWith(label) : label.test(i.label ?? ''),
    );
    if (!found) {
      const labels = this.allItems().map((i) => i.label ?? `(${i.type})`);
      throw new Error(`no menu item ${String(label)} in ${JSON.stringify(labels)}`);
    }
    return found;
  }
  /** Clicks an item the way Electron does: checkboxes flip first, then `click` runs. */
  click(label: string | RegExp): unknown {
    const item = this.item(label);
    if (item.enabled === false) throw new Error(`menu item ${item.label} is disabled`);
    if (item.type === 'checkbox') item.checked = !item.checked;
    return item.click?.(item, undefined, {});
  }
}

export class NativeImageDouble {
  readonly path: string | null;
  template = false;
  constructor(path: string | null) {
    this.path = path;
  }
  static createFromPath(path: string): NativeImageDouble {
    return new NativeImageDouble(path);
  }
  static createEmpty(): NativeImageDouble {
    return new NativeImageDouble(null);
  }
  isEmpty(): boolean {
    return this.path === null || !existsSync(this.path);
  }
  setTemplateImage(template: boolean): void {
    this.template = template;
  }
}

export class TrayDouble extends Emitter {
  static readonly instances: TrayDouble[] = [];
  image: NativeImageDouble | string;
  tooltip = '';
  menu: MenuDouble | null = null;
  menuUpdates = 0;
  tooltipUpdates = 0;
  imageUpdates = 0;
  destroyed = false;

  constructor(image: NativeImageDouble | string) {
    super();
    this.image = image;
    TrayDouble.instances.push(this);
  }
  setImage(image: NativeImageDouble | string): void {
    this.image = image;
    this.imageUpdates++;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
    this.tooltipUpdates++;
  }
  setContextMenu(menu: MenuDouble | null): void {
    this.menu = menu;
    this.menuUpdates++;
  }
  setTitle(_title: string): void {}
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** A left click on the icon (not delivered on some Linux desktops). */
  click(): void {
    this.emitEvent('click', { x: 0, y: 0, width: 0, height: 0 }, { x: 0, y: 0 });
  }
  /** The menu the tray shows now. */
  get currentMenu(): MenuDouble {
    if (!this.menu) throw new Error('the tray has no menu');
    return this.menu;
  }
}

// ── notifications ───────────────────────────────────────────────────────────

export class NotificationDouble extends Emitter {
  static supported = true;
  static readonly instances: NotificationDouble[] = [];
  readonly options: Record<string, unknown>;
  shown = false;
  closed = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    NotificationDouble.instances.push(this);
  }
  static isSupported(): boolean {
    return NotificationDouble.supported;
  }
  show(): void {
    this.shown = true;
    queueMicrotask(() => this.emitEvent('show'));
  }
  close(): void {
    this.closed = true;
    this.emitEvent('close');
  }
  /** The user clicking the notification. */
  click(): void {
    this.emitEvent('click');
  }
}

// ── IPC ─────────────────────────────────────────────────────────────────────

type InvokeHandler = (event: FakeEvent, ...args: unknown[]) => unknown;

export interface SenderSpec {
  /** The page that sends: its frame URL and, by default, the webContents of a window. */
  url: string;
  webContents?: unknown;
}

class IpcMainDouble extends Emitter {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke(channel, ...args)` from `sender` gets back (a rejection becomes a throw). */
  async invoke(channel: string, sender: SenderSpec, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event = fakeEvent({
      sender: sender.webContents,
      senderFrame: { url: sender.url, parent: null },
      processId: 1,
      frameId: 1,
    });
    return handler(event, ...args);
  }
}

class IpcRendererDouble extends EventEmitter {
  /** Where `invoke` calls come from; a test sets it to one of the app's windows. */
  sender: SenderSpec | null = null;
  /** `webContents.send` to this page reaches the `on` listeners here. */
  attachedTo: WebContentsDouble | null = null;

  /** Makes this renderer the page of `window`: its requests come from there, its events arrive here. */
  attach(window: BrowserWindowDouble, url = window.url): void {
    this.attachedTo = window.webContents;
    this.sender = { url, webContents: window.webContents };
  }
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    if (!this.sender) return Promise.reject(new Error('electron double: ipcRenderer has no sender'));
    // Like Electron, only data crosses the process boundary (structured clone).
    return ipcMain.invoke(channel, this.sender, ...structuredClone(args)).then((v) => structuredClone(v));
  }
  deliver(channel: string, ...args: unknown[]): void {
    this.emit(channel, fakeEvent(), ...structuredClone(args));
  }
}

class ContextBridgeDouble {
  readonly exposed = new Map<string, unknown>();
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
    this.exposed.set(key, api);
  }
}

// ── keychain ────────────────────────────────────────────────────────────────

const MAGIC = Buffer.from('dbl-enc:');

/** Reversible and obviously not the plain text (each byte flipped), like real ciphertext for the tests' purpose. */
function scramble(bytes: Buffer): Buffer {
  return Buffer.from(bytes.map((b) => b ^ 0xa5));
}

class SafeStorageDouble {
  available = true;
  /** Ciphertext of an older key still decrypts, with `shouldReEncrypt` (see `rotateKey`). */
  keyVersion = 1;
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' =
    'gnome_libsecret';
  encryptCalls = 0;
  decryptCalls = 0;

  isEncryptionAvailable(): boolean {
    return this.available;
  }
  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(this.available);
  }
  getSelectedStorageBackend(): SafeStorageDouble['backend'] {
    return this.backend;
  }
  setUsePlainTextEncryption(_plain: boolean): void {}
  encryptString(plainText: string): Buffer {
    if (!this.available)
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
      );
    this.encryptCalls++;
    return Buffer.concat([MAGIC, Buffer.from([this.keyVersion]), scramble(Buffer.from(plainText, 'utf8'))]);
  }
  /** The OS keychain moving to a new key (Chromium's os_crypt key rotation). */
  rotateKey(): void {
    this.keyVersion++;
  }
  decryptString(encrypted: Buffer): string {
    return this.open(encrypted).result;
  }
  private open(encrypted: Buffer): { result: string; shouldReEncrypt: boolean } {
    if (!this.available)
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.',
      );
    if (!encrypted.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    this.decryptCalls++;
    const version = encrypted[MAGIC.length] as number;
    return {
      result: scramble(encrypted.subarray(MAGIC.length + 1)).toString('utf8'),
      shouldReEncrypt: version < this.keyVersion,
    };
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    return this.encryptString(plainText);
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    return this.open(encrypted);
  }
}

// ── power, network, protocols, sessions, shell ─────────────────────────────

class PowerMonitorDouble extends Emitter {
  /** The OS going to sleep / waking up. */
  suspend(): void {
    this.emitEvent('suspend');
  }
  resume(): void {
    this.emitEvent('resume');
  }
  getSystemIdleTime(): number {
    return 0;
  }
}

/** Chromium's colour theme: `themeSource` overrides the OS (`systemDark`), as native dialogs and the page see it. */
class NativeThemeDouble extends Emitter {
  /** The OS's own dark mode setting. */
  systemDark = false;
  private source: 'system' | 'light' | 'dark' = 'system';
  get themeSource(): 'system' | 'light' | 'dark' {
    return this.source;
  }
  set themeSource(source: 'system' | 'light' | 'dark') {
    if (!['system', 'light', 'dark'].includes(source)) throw new TypeError(`Invalid themeSource: ${source}`);
    this.source = source;
    this.emit('updated');
  }
  get shouldUseDarkColors(): boolean {
    return this.source === 'dark' || (this.source === 'system' && this.systemDark);
  }
}

class NetDouble {
  online = true;
  isOnline(): boolean {
    return this.online;
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

class ProtocolDouble {
  readonly privileged: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  /** Electron only accepts privileged schemes before `ready`. */
  registeredBeforeReady: boolean | null = null;
  readonly handlers = new Map<string, ProtocolHandler>();

  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    this.registeredBeforeReady = !app.ready;
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    if (!app.ready) throw new Error('protocol.handle must be called after the app is ready');
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
  /** What the page gets when it requests `url` from a custom scheme. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`no handler for ${scheme}:`);
    return handler(new Request(url, init));
  }
}

type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
type PermissionCheckHandler = (
  webContents: unknown,
  permission: string,
  origin: string,
  details: unknown,
) => boolean;

class SessionDouble {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
  /** What a page asking for `permission` gets (Electron's default without a handler: granted). */
  requestPermission(permission: string, webContents: unknown = null): Promise<boolean> {
    const handler = this.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(webContents, permission, resolve, { requestingUrl: '' }));
  }
  checkPermission(permission: string, origin = ''): boolean {
    return this.permissionCheckHandler?.(null, permission, origin, {}) ?? true;
  }
}

class ShellDouble {
  readonly opened: string[] = [];
  readonly openedPaths: string[] = [];
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
  openPath(path: string): Promise<string> {
    this.openedPaths.push(path);
    return Promise.resolve('');
  }
}

// ── the module ──────────────────────────────────────────────────────────────

export const app = new AppDouble();
export const BrowserWindow = BrowserWindowDouble;
export const Menu = MenuDouble;
export const Tray = TrayDouble;
export const nativeImage = NativeImageDouble;
export const Notification = NotificationDouble;
export const ipcMain = new IpcMainDouble();
export const ipcRenderer = new IpcRendererDouble();
export const contextBridge = new ContextBridgeDouble();
export const safeStorage = new SafeStorageDouble();
export const powerMonitor = new PowerMonitorDouble();
export const net = new NetDouble();
export const nativeTheme = new NativeThemeDouble();
export const protocol = new ProtocolDouble();
export const session = { defaultSession: new SessionDouble() };
export const shell = new ShellDouble();

/** What a test controls and inspects, beyond the module's own exports. */
export const electronDouble = {
  app,
  ipcMain,
  ipcRenderer,
  contextBridge,
  safeStorage,
  powerMonitor,
  net,
  nativeTheme,
  protocol,
  session: session.defaultSession,
  shell,
  get windows(): BrowserWindowDouble[] {
    return BrowserWindowDouble.getAllWindows();
  },
  get allWindowsEverCreated(): BrowserWindowDouble[] {
    return BrowserWindowDouble.instances;
  },
  get trays(): TrayDouble[] {
    return TrayDouble.instances;
  },
  get menus(): MenuDouble[] {
    return MenuDouble.built;
  },
  /** What `Menu.setApplicationMenu` was given; undefined while Electron's default menu stands. */
  get applicationMenu(): MenuDouble | null | undefined {
    return MenuDouble.applicationMenu;
  },
  get notifications(): NotificationDouble[] {
    return NotificationDouble.instances;
  },
  /** The one tray the app made (throws when there is none or several). */
  get tray(): TrayDouble {
    const live = TrayDouble.instances.filter((t) => !t.destroyed);
    if (live.length !== 1) throw new Error(`expected one tray, found ${live.length}`);
    return live[0] as TrayDouble;
  },
  setNotificationsSupported(supported: boolean): void {
    NotificationDouble.supported = supported;
  },
  /** Back to a fresh process: no windows, trays, handlers or listeners; keychain available. */
  reset(): void {
    for (const w of BrowserWindowDouble.instances) w.removeAllListeners();
    BrowserWindowDouble.instances.length = 0;
    TrayDouble.instances.length = 0;
    MenuDouble.built.length = 0;
    MenuDouble.applicationMenu = undefined;
    NotificationDouble.instances.length = 0;
    NotificationDouble.supported = true;
    Object.assign(app, new AppDouble());
    app.removeAllListeners();
    ipcMain.handlers.clear();
    ipcMain.removeAllListeners();
    ipcRenderer.removeAllListeners();
    ipcRenderer.sender = null;
    ipcRenderer.attachedTo = null;
    contextBridge.exposed.clear();
    Object.assign(safeStorage, new SafeStorageDouble());
    powerMonitor.removeAllListeners();
    net.online = true;
    nativeTheme.removeAllListeners();
    Object.assign(nativeTheme, { systemDark: false, source: 'system' });
    protocol.privileged.length = 0;
    protocol.registeredBeforeReady = null;
    protocol.handlers.clear();
    session.defaultSession.permissionRequestHandler = null;
    session.defaultSession.permissionCheckHandler = null;
    shell.opened.length = 0;
    shell.openedPaths.length = 0;
  },
};

export default {
  app,
  BrowserWindow,
  Menu,
  Tray,
  nativeImage,
  Notification,
  ipcMain,
  ipcRenderer,
  contextBridge,
  safeStorage,
  powerMonitor,
  net,
  nativeTheme,
  protocol,
  session,
  shell,
};
