import type { MenuItemConstructorOptions, SaveDialogOptions, SaveDialogReturnValue } from 'electron';

/**
 * The few Electron objects the main process's logic uses, as interfaces: main.ts hands in the
 * real ones, tests hand in their own, so everything here runs under plain Node.
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
