// npm start: the tray app where Electron's binary is installed, else the daemon with the dashboard.
// Electron's npm package records its binary in path.txt once its install step has downloaded it;
// on machines where that download is skipped (ELECTRON_SKIP_BINARY_DOWNLOAD=1) there is none.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import console from 'node:console';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = `${root}node_modules/electron/`;
const recorded = existsSync(`${electronDir}path.txt`) ? readFileSync(`${electronDir}path.txt`, 'utf8').trim() : null;
const electron = recorded && existsSync(`${electronDir}dist/${recorded}`) ? `${electronDir}dist/${recorded}` : null;
const args = process.argv.slice(2);

const [command, commandArgs] = electron
  ? [electron, [root, ...args]]
  : [process.execPath, ['--max-semi-space-size=1', `${root}dist/cli/index.js`, 'daemon', '--http', '8754', ...args]];
if (!electron) console.error('nom: Electron is not installed here, so the tray app cannot start; starting the daemon with its dashboard instead (open the address below)');
const child = spawn(command, commandArgs, { stdio: 'inherit' });
// Ctrl-C reaches the child from the terminal itself; a SIGTERM sent to this process alone is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 143)));
