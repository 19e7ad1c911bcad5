import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { LoginItemSettings, LoginItemSettingsOptions, Settings as LoginItemSettingsChange } from 'electron';

/**
 * The Electron objects the main process's logic uses, as the narrow slices it calls: main.ts
 * hands in the real ones (electron-ports.ts), the tests one shared fake
 * (test/support/electron-fake.ts), so everything in src/main but those two files runs under
 * plain Node. Each is the few methods used, typed as Electron
 * declares them, so the real object fits it (checked by electron-ports.ts).
 */
export interface DialogPort {
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  showErrorBox(title: string, content: string): void;
}

export interface ShellPort {
  showItemInFolder(fullPath: string): void;
}

/** A desktop notification: a title and one line. */
export type NotifyPort = (title: string, body: string) => void;

export type MenuTemplate = MenuItemConstructorOptions[];

/** Main's events that the app's logic listens to. */
export interface AppPort {
  on(event: 'second-instance' | 'window-all-closed' | 'activate', listener: () => void): void;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): void;
  quit(): void;
  /** Ends at once, without before-quit: when stopping hangs. */
  exit(code?: number): void;
  getPath(name: 'documents' | 'userData' | 'home' | 'exe'): string;
  readonly isPackaged: boolean;
  /** Start at login on macOS and Windows (autostart.ts); on Linux these do nothing. */
  getLoginItemSettings(options?: LoginItemSettingsOptions): Pick<LoginItemSettings, 'openAtLogin'>;
  setLoginItemSettings(settings: LoginItemSettingsChange): void;
}

/** Electron's powerMonitor, for the system going down (Linux, macOS: Windows ends the app without a word). */
export interface PowerPort {
  on(event: 'shutdown', listener: (event: { preventDefault(): void }) => void): void;
}

/** An image made by `imageFromPath`; only ever handed back to the tray. */
export interface ImagePort {
  isEmpty(): boolean;
}
/** A menu made by `buildMenu`; only ever handed back to the tray. */
export type MenuPort = object;

export interface TrayPort {
  setImage(image: ImagePort): void;
  setToolTip(text: string): void;
  setContextMenu(menu: MenuPort): void;
  /** Where the platform reports it (Windows, macOS): a left click. */
  on(event: 'click', listener: () => void): void;
  destroy(): void;
}

export interface FramePort {
  readonly url: string;
}

export interface WebContentsPort {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  isDestroyed(): boolean;
}

export interface WindowPort {
  readonly webContents: WebContentsPort;
  loadFile(path: string, options?: { hash?: string }): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isFocused(): boolean;
  isDestroyed(): boolean;
  on(event: 'closed' | 'focus' | 'blur' | 'ready-to-show', listener: () => void): void;
  /** Closes it as the user would: Electron destroys it and its renderer. */
  close(): void;
}

/** An IPC request as main sees it: who sent it. */
export interface IpcInvokeEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: FramePort | null;
}

export interface IpcMainPort {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => void): void;
}

export interface SessionPort {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/** Everything main.ts builds from the `electron` module (electron-ports.ts); each setup takes only what it needs. */
export interface ElectronPorts {
  app: AppPort;
  power: PowerPort;
  dialog: DialogPort;
  shell: ShellPort;
  ipcMain: IpcMainPort;
  defaultSession(): SessionPort;
  /** nativeImage.createFromPath: the file's 1× image, with its @2x beside it picked up by Electron. */
  imageFromPath(path: string): ImagePort;
  createTray(image: ImagePort): TrayPort;
  buildMenu(template: MenuTemplate): MenuPort;
  createWindow(options: BrowserWindowConstructorOptions): WindowPort;
}
