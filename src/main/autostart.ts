import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fsUserError, UserError } from '../core/errors.js';
import { writeWhole } from '../core/fs/write-whole.js';
import type { AppPort } from './ports.js';

/** The tray's "Start at login": whether nom starts when the user logs in, and the switch. */
export interface Autostart {
  isEnabled(): boolean;
  /** Throws a UserError, in words, when it cannot be changed; nothing is left half-written. */
  setEnabled(enabled: boolean): Promise<void>;
}

export interface AutostartDeps {
  platform: NodeJS.Platform;
  /** XDG_CONFIG_HOME, XDG_CONFIG_DIRS and APPIMAGE are read from it. */
  env: NodeJS.ProcessEnv;
  home: string;
  /** How nom is started: the packaged executable, or Electron and the app's folder when unpackaged. */
  command: readonly string[];
  app: Pick<AppPort, 'getLoginItemSettings' | 'setLoginItemSettings'>;
}

/** Started from login, nom goes to the tray without opening its window. */
export const HIDDEN_FLAG = '--hidden';

/** Linux gets a desktop file, since Electron's login items do nothing there; macOS and Windows their login items. */
export function autostart(deps: AutostartDeps): Autostart {
  return deps.platform === 'linux' ? desktopFileAutostart(deps) : loginItemAutostart(deps.app);
}

function loginItemAutostart(app: AutostartDeps['app']): Autostart {
  // Windows matches the item by its arguments: it is asked with the ones it was set with.
  const args = [HIDDEN_FLAG];
  return {
    isEnabled: () => app.getLoginItemSettings({ args }).openAtLogin,
    setEnabled: (enabled) => {
      app.setLoginItemSettings({ openAtLogin: enabled, args });
      return Promise.resolve();
    },
  };
}

/**
 * The XDG autostart entry, `$XDG_CONFIG_HOME/autostart/nom.desktop`. A user's file of the same
 * name overrides one the package installed in `$XDG_CONFIG_DIRS/autostart`, and `Hidden=true`
 * in it turns that one off: so turning off removes the user's file, or, where the package's
 * entry exists, writes one that hides it.
 */
function desktopFileAutostart(deps: AutostartDeps): Autostart {
  const file = join(configHome(deps), 'autostart', 'nom.desktop');
  return {
    isEnabled: () => {
      if (existsSync(file)) return entryIsOn(readFileSync(file, 'utf8'));
      const systemFile = systemEntry(deps.env);
      return systemFile !== null && entryIsOn(readFileSync(systemFile, 'utf8'));
    },
    setEnabled: async (enabled) => {
      if (!enabled && systemEntry(deps.env) === null) {
        try {
          rmSync(file, { force: true });
        } catch (err) {
          throw fsUserError(err, file);
        }
        return;
      }
      const text = enabled ? desktopEntry(launchCommand(deps)) : `${desktopEntry(launchCommand(deps))}Hidden=true\n`;
      try {
        mkdirSync(join(configHome(deps), 'autostart'), { recursive: true });
      } catch (err) {
        throw fsUserError(err, file);
      }
      await writeWhole(file, (sink) => Promise.resolve(sink(text)));
    },
  };
}

/** XDG: a relative XDG_CONFIG_HOME is to be ignored. */
function configHome(deps: AutostartDeps): string {
  const set = deps.env.XDG_CONFIG_HOME;
  return set !== undefined && isAbsolute(set) ? set : join(deps.home, '.config');
}

function systemEntry(env: NodeJS.ProcessEnv): string | null {
  const dirs = (env.XDG_CONFIG_DIRS ?? '/etc/xdg').split(':').filter((d) => isAbsolute(d));
  return dirs.map((d) => join(d, 'autostart', 'nom.desktop')).find((f) => existsSync(f)) ?? null;
}

/** Off when the entry says so, as GNOME's and KDE's startup settings write it. */
function entryIsOn(text: string): boolean {
  return !/^Hidden\s*=\s*true\s*$/m.test(text) && !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(text);
}

/** An AppImage is started by its own file, which APPIMAGE names, not by the mounted copy running now. */
function launchCommand(deps: AutostartDeps): string[] {
  const appImage = deps.env.APPIMAGE;
  return appImage !== undefined && isAbsolute(appImage) ? [appImage] : [...deps.command];
}

export function desktopEntry(command: readonly string[]): string {
  const exec = [...command, HIDDEN_FLAG].map(execArgument).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=nom',
    'GenericName=Network outage monitor',
    'Comment=Records every internet outage, from the tray',
    `Exec=${exec}`,
    'Icon=nom',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * One argument of Exec as the Desktop Entry Specification has it: quoted when it holds a reserved
 * character, with `"`, `` ` ``, `$` and `\` escaped inside the quotes; then the value's own escape,
 * which doubles every backslash again; and `%` written `%%`, since `%f`, `%u`… are field codes.
 */
function execArgument(arg: string): string {
  if (/[\r\n]/.test(arg)) throw new UserError(`the path "${arg.replace(/[\r\n]/g, ' ')}" holds a line break, which a desktop file cannot start`);
  const quoted = /[\s"'\\><~|&;$*?#()`]/.test(arg) ? `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"` : arg;
  return quoted.replaceAll('\\', '\\\\').replaceAll('%', '%%');
}
