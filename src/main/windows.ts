import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../core/log.js';
import type { ElectronPorts, IpcInvokeEvent, SessionPort, WindowPort } from './ports.js';

export interface WindowsDeps {
  createWindow: ElectronPorts['createWindow'];
  session: SessionPort;
  /** The renderer bundle's page, dist/renderer/index.html: the only page the window shows. */
  pagePath: string;
  /** The bundled preload, dist/preload/preload.cjs. */
  preloadPath: string;
  log: Logger;
}

export interface AppWindows {
  /** Shows the window, made anew if it was closed, brought to the front if not; `route` is a view of the page's router, such as '/history'. */
  openDashboard: (route?: string) => void;
  openSettings: () => void;
  /** Whether the window is open and has the focus (notices are not shown then). */
  isDashboardInFront: () => boolean;
  /** Whether an IPC message comes from the app's own page in the app's own window. */
  isOwnSender: (event: IpcInvokeEvent) => boolean;
  /** The open window whose webContents has this id. */
  windowOf: (contentsId: number) => WindowPort | null;
  /** Closes the window, as on quitting. */
  close: () => void;
}

/**
 * The dashboard's one window, reused while it is open: sandboxed with context isolation, the
 * preload its only link to main. It shows the app's own page and nothing else — navigation
 * elsewhere and new windows are refused — and closing it destroys it and its renderer, so the
 * app in the tray holds no page while none is shown. Every permission a page may ask of the
 * default session is refused: the dashboard needs none.
 */
export function setupWindows(deps: WindowsDeps): AppWindows {
  const { log } = deps;
  const pageUrl = pathToFileURL(deps.pagePath).href;
  const isAppPage = (url: string) => withoutHash(url) === pageUrl;
  let current: WindowPort | null = null;
  const open = (): WindowPort | null => (current !== null && !current.isDestroyed() ? current : null);

  deps.session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`refused the permission "${permission}": the app's page needs none`);
    callback(false);
  });
  deps.session.setPermissionCheckHandler(() => false);

  const create = (route: string): void => {
    const window = deps.createWindow(windowOptions(deps.preloadPath));
    const contents = window.webContents;
    const refuse = (event: { preventDefault(): void }, url: string) => {
      if (isAppPage(url)) return;
      event.preventDefault();
      log.warn(`refused to leave the app's page for ${url}`);
    };
    contents.on('will-navigate', refuse);
    contents.on('will-redirect', refuse);
    contents.setWindowOpenHandler(({ url }) => {
      log.warn(`refused to open a window for ${url}`);
      return { action: 'deny' };
    });
    window.on('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (current === window) current = null;
    });
    current = window;
    window.loadFile(deps.pagePath, { hash: route }).catch((err: unknown) => log.error(`the window could not load ${deps.pagePath}: ${String(err)}`));
  };

  const show = (route: string | undefined): void => {
    const window = open();
    if (window === null) {
      create(route ?? '/');
      return;
    }
    // Same page, another hash: Chromium moves within the page, the form being edited stays.
    if (route !== undefined) window.loadFile(deps.pagePath, { hash: route }).catch((err: unknown) => log.error(`the window could not show ${route}: ${String(err)}`));
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  return {
    openDashboard: show,
    openSettings: () => show('/settings'),
    isDashboardInFront: () => {
      const window = open();
      return window !== null && window.isFocused() && !window.isMinimized();
    },
    isOwnSender: (event) => {
      const window = open();
      return window !== null && event.sender.id === window.webContents.id && event.senderFrame !== null && isAppPage(event.senderFrame.url);
    },
    windowOf: (contentsId) => {
      const window = open();
      return window !== null && window.webContents.id === contentsId ? window : null;
    },
    close: () => open()?.close(),
  };
}

/** Locked down (Electron's security checklist): the page gets no Node, no way round the sandbox, nothing insecure. */
function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    title: 'nom',
    width: 1120,
    height: 780,
    minWidth: 380,
    minHeight: 480,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // The page has no use for a middle click, which asks for a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  };
}

/** A URL without its fragment, or '' when it is not a URL. */
function withoutHash(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return '';
  }
}
