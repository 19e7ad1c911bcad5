import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { LoginItemSettings, LoginItemSettingsOptions, Settings as LoginItemSettingsChange } from 'electron';
import type {
  AppPort,
  ElectronPorts,
  FramePort,
  ImagePort,
  IpcInvokeEvent,
  IpcMainPort,
  MenuPort,
  MenuTemplate,
  PowerPort,
  SessionPort,
  TrayPort,
  WebContentsPort,
  WindowPort,
} from '../../src/main/ports.js';

/**
 * The one Electron fake every main-process test uses (after electron/fiddle's
 * tests/mocks/electron.ts): each object records what was done to it and lets a test do what a
 * user or the platform would (click a menu item, focus a window, send IPC from a frame).
 */
export class FakeImage implements ImagePort {
  constructor(readonly path: string) {}
  isEmpty(): boolean {
    return false;
  }
}

export class FakeMenu implements MenuPort {
  constructor(readonly template: MenuTemplate) {}

  /** The item whose label is `label` (at any depth), or of which it is the start. */
  item(label: string | RegExp): MenuTemplate[number] {
    const found = findItem(this.template, label);
    if (!found) throw new Error(`no menu item ${String(label)} in ${labels(this.template).join(' | ')}`);
    return found;
  }

  click(label: string | RegExp): void {
    const item = this.item(label);
    if (item.enabled === false) throw new Error(`menu item ${String(label)} is disabled`);
    (item.click as (() => void) | undefined)?.();
  }

  labels(): string[] {
    return labels(this.template);
  }
}

function findItem(template: MenuTemplate, label: string | RegExp): MenuTemplate[number] | undefined {
  for (const item of template) {
    const text = item.label ?? '';
    if (typeof label === 'string' ? text === label : label.test(text)) return item;
    if (Array.isArray(item.submenu)) {
      const inner = findItem(item.submenu, label);
      if (inner) return inner;
    }
  }
  return undefined;
}

function labels(template: MenuTemplate): string[] {
  return template.flatMap((i) => (i.type === 'separator' ? ['—'] : [i.label ?? '']));
}

export class FakeTray extends EventEmitter implements TrayPort {
  readonly images: FakeImage[] = [];
  tooltip = '';
  menu: FakeMenu | null = null;
  destroyed = false;

  constructor(image: ImagePort) {
    super();
    this.images.push(image as FakeImage);
  }
  get image(): FakeImage {
    const last = this.images.at(-1);
    if (!last) throw new Error('the tray has no image');
    return last;
  }
  setImage(image: ImagePort): void {
    this.images.push(image as FakeImage);
    this.emit('set-image', image);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: MenuPort): void {
    this.menu = menu as FakeMenu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeWebContents extends EventEmitter implements WebContentsPort {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** A navigation the page asks for; true when main let it happen. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return !prevented;
  }
}

export class FakeWindow extends EventEmitter implements WindowPort {
  readonly webContents = new FakeWebContents();
  loaded: { path: string; hash: string | undefined } | null = null;
  shown = 0;
  focused = false;
  minimized = false;
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }
  loadFile(path: string, options?: { hash?: string }): Promise<void> {
    this.loaded = { path, hash: options?.hash };
    queueMicrotask(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show(): void {
    this.shown += 1;
    this.focus();
  }
  focus(): void {
    this.focused = true;
    this.emit('focus');
  }
  blur(): void {
    this.focused = false;
    this.emit('blur');
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** The user closes the window: Electron destroys it and its renderer. */
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.focused = false;
    this.emit('closed');
  }
}

type Handler = (event: IpcInvokeEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain implements IpcMainPort {
  readonly handlers = new Map<string, Handler>();
  readonly listeners = new Map<string, Array<(event: IpcInvokeEvent, ...args: unknown[]) => void>>();

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  on(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => void): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }
  /** ipcRenderer.invoke from `from`: what the handler answered. */
  async invoke(channel: string, from: { sender: { id: number }; frameUrl: string | null }, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return await handler(ipcEvent(from), ...args);
  }
  /** ipcRenderer.send from `from`. */
  send(channel: string, from: { sender: { id: number }; frameUrl: string | null }, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(ipcEvent(from), ...args);
  }
}

function ipcEvent(from: { sender: { id: number }; frameUrl: string | null }): IpcInvokeEvent {
  const frame: FramePort | null = from.frameUrl === null ? null : { url: from.frameUrl };
  return { sender: from.sender, senderFrame: frame };
}

export class FakeSession implements SessionPort {
  permissionHandler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  checkHandler: (() => boolean) | null = null;

  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void {
    this.permissionHandler = handler;
  }
  setPermissionCheckHandler(handler: () => boolean): void {
    this.checkHandler = handler;
  }
  /** A page asks for a permission: whether it was granted. */
  ask(permission: string): boolean {
    let granted: boolean | null = null;
    if (!this.permissionHandler) throw new Error('no permission handler was set: Electron would grant it');
    this.permissionHandler({}, permission, (g) => (granted = g));
    if (granted === null) throw new Error('the permission handler did not answer');
    return granted;
  }
}

export class FakeApp extends EventEmitter implements AppPort {
  quits = 0;
  readonly paths: Record<string, string>;
  isPackaged = false;

  constructor(paths: Partial<Record<'documents' | 'userData' | 'home' | 'exe', string>> = {}) {
    super();
    this.paths = { documents: '/nonexistent/documents', userData: '/nonexistent/userData', home: '/nonexistent/home', exe: '/nonexistent/nom', ...paths };
  }
  getPath(name: 'documents' | 'userData' | 'home' | 'exe'): string {
    const path = this.paths[name];
    if (path === undefined) throw new Error(`no path ${name}`);
    return path;
  }
  exits: number[] = [];
  exit(code = 0): void {
    this.exits.push(code);
  }
  /** Electron's quit: before-quit (which may be held off), then the app ends. */
  quit(): void {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.quits += 1;
  }
  /** The login item as Windows keeps it: on, and the arguments it starts with. */
  loginItem: { openAtLogin: boolean; args: string[] } = { openAtLogin: false, args: [] };
  /** As on Windows, the item counts as on only when asked with the arguments it was set with. */
  getLoginItemSettings(options?: LoginItemSettingsOptions): Pick<LoginItemSettings, 'openAtLogin'> {
    const args = options?.args ?? [];
    return { openAtLogin: this.loginItem.openAtLogin && args.join('\0') === this.loginItem.args.join('\0') };
  }
  setLoginItemSettings(settings: LoginItemSettingsChange): void {
    this.loginItem = { openAtLogin: settings.openAtLogin ?? false, args: settings.args ?? [] };
  }
}

export class FakePower extends EventEmitter implements PowerPort {
  /** The system says it is going down: whether the app asked it to wait. */
  shutDown(): boolean {
    let delayed = false;
    this.emit('shutdown', { preventDefault: () => (delayed = true) });
    return delayed;
  }
}

export class FakeDialog {
  readonly saves: SaveDialogOptions[] = [];
  readonly errors: Array<{ title: string; content: string }> = [];
  /** What the next save dialogs answer, in turn; then they are canceled. */
  answers: SaveDialogReturnValue[] = [];

  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue> {
    this.saves.push(options);
    return Promise.resolve(this.answers.shift() ?? { canceled: true, filePath: '' });
  }
  showErrorBox(title: string, content: string): void {
    this.errors.push({ title, content });
  }
}

export class FakeShell {
  readonly shown: string[] = [];
  showItemInFolder(fullPath: string): void {
    this.shown.push(fullPath);
  }
}

/** The whole fake, as main.ts's `electronPorts()` would give it, and every object it made. */
export class FakeElectron implements ElectronPorts {
  readonly app: FakeApp;
  readonly power = new FakePower();
  readonly dialog = new FakeDialog();
  readonly shell = new FakeShell();
  readonly ipcMain = new FakeIpcMain();
  readonly session = new FakeSession();
  readonly trays: FakeTray[] = [];
  readonly windows: FakeWindow[] = [];

  constructor(paths?: ConstructorParameters<typeof FakeApp>[0]) {
    this.app = new FakeApp(paths);
  }
  defaultSession(): SessionPort {
    return this.session;
  }
  imageFromPath(path: string): ImagePort {
    return new FakeImage(path);
  }
  createTray(image: ImagePort): TrayPort {
    const tray = new FakeTray(image);
    this.trays.push(tray);
    return tray;
  }
  buildMenu(template: MenuTemplate): MenuPort {
    return new FakeMenu(template);
  }
  createWindow(options: BrowserWindowConstructorOptions): WindowPort {
    const window = new FakeWindow(options);
    this.windows.push(window);
    return window;
  }
  get tray(): FakeTray {
    const tray = this.trays[0];
    if (!tray) throw new Error('no tray was made');
    return tray;
  }
  /** The windows not closed. */
  openWindows(): FakeWindow[] {
    return this.windows.filter((w) => !w.destroyed);
  }
}
