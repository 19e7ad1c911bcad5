import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, powerMonitor, session, shell, Tray, type NativeImage } from 'electron';
import type { ElectronPorts } from './ports.js';

/**
 * The real Electron objects as the ports the main process's logic takes. The only file besides
 * main.ts that imports `electron`; the images and menus it makes are the ones it is handed back.
 */
export function electronPorts(): ElectronPorts {
  return {
    app,
    // electron.d.ts types the listener without the event its own docs (and Electron) hand it, for preventDefault.
    power: { on: (event, listener) => void powerMonitor.on(event, listener as unknown as () => void) },
    dialog,
    shell,
    ipcMain,
    defaultSession: () => session.defaultSession,
    imageFromPath: (path) => nativeImage.createFromPath(path),
    createTray: (image) => {
      const tray = new Tray(image as NativeImage);
      return {
        setImage: (next) => tray.setImage(next as NativeImage),
        setToolTip: (text) => tray.setToolTip(text),
        setContextMenu: (menu) => tray.setContextMenu(menu as Menu),
        on: (event, listener) => tray.on(event, listener),
        destroy: () => tray.destroy(),
      };
    },
    buildMenu: (template) => Menu.buildFromTemplate(template),
    // Locked down where the window is made too, whatever a caller asked: no caller can undo it,
    // and electronegativity reads the settings here.
    createWindow: (options) =>
      new BrowserWindow({
        ...options,
        webPreferences: { ...options.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' },
      }),
  };
}
