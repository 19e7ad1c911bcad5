import { join } from 'node:path';
import type { ProbeOrder } from '../core/probe/choose-prober.js';
import type { HelperCommand } from '../core/probe/helper-process.js';

/**
 * How the desktop app starts the ICMP helper (issue 12: no privilege asked where none is
 * needed). The packaged app has no `node`: its own executable runs the helper as Node
 * (ELECTRON_RUN_AS_NODE), from the helper's real file beside app.asar. pkexec clears the
 * environment, so that path runs the wrapper the deb installs, which the polkit policy names.
 * These constants are the ones packaging/linux/ and electron-builder.yml must agree with
 * (test/main/helper-launch.test.ts checks the files).
 */
export const POLICY_ACTION = 'org.nom.monitor.helper';
export const POLICY_PATH = '/usr/share/polkit-1/actions/org.nom.monitor.policy';
/** Where the deb puts packaging/linux/nom-helper, root-owned like the rest of the app. */
export const WRAPPER_PATH = '/opt/nom/resources/nom-helper';
/** The deb's app (electron-builder: /opt/<productName>/<executable>), which the wrapper runs. */
export const INSTALLED_APP = '/opt/nom/nom-desktop';
/** The helper inside the resources folder: asarUnpack puts it (and what it imports) there. */
export const UNPACKED_HELPER_MAIN = 'app.asar.unpacked/dist/helper/main.js';
export const INSTALLED_HELPER_MAIN = join('/opt/nom/resources', UNPACKED_HELPER_MAIN);
const PKEXEC = '/usr/bin/pkexec';
/** The same lighter heap as the daemon's helper (route-client.ts bundledHelperCommand). */
const HELPER_FLAGS = ['--optimize-for-size'];

export interface HelperLaunchFacts {
  platform: NodeJS.Platform;
  /** app.isPackaged */
  packaged: boolean;
  /** The app's own executable (app.getPath('exe')). */
  executable: string;
  /** process.resourcesPath: where app.asar and app.asar.unpacked are. */
  resourcesDir: string;
  /** dist/helper/main.js of the checkout, for a development run (`npm run app`). */
  devHelperMain: string;
  exists: (path: string) => boolean;
}

/**
 * What the app gives composeRuntime as `probeOrder`: ping first; then the helper as it is (it
 * works when it has the privilege already: root, a setcap'd executable); then, in the app the
 * deb installed, the helper through pkexec. A development run has Electron, whose native
 * modules are not built for it, so its helper runs on the `node` that built the checkout.
 */
export function helperLaunch(facts: HelperLaunchFacts): ProbeOrder {
  return { pingFirst: true, helperCommand: plainHelper(facts), elevatedHelperCommand: elevatedHelper(facts) };
}

function plainHelper(facts: HelperLaunchFacts): HelperCommand | null {
  if (!facts.packaged) return { command: 'node', args: [...HELPER_FLAGS, facts.devHelperMain] };
  // env(1) sets the one variable for the child alone; Windows has no env(1), nor yet another way here.
  if (facts.platform === 'win32') return null;
  return { command: '/usr/bin/env', args: ['ELECTRON_RUN_AS_NODE=1', facts.executable, ...HELPER_FLAGS, join(facts.resourcesDir, UNPACKED_HELPER_MAIN)] };
}

/** Only the deb's own app: the wrapper runs /opt/nom's copy, which another copy (an AppImage) must not borrow. */
function elevatedHelper(facts: HelperLaunchFacts): HelperCommand | null {
  const installed = facts.platform === 'linux' && facts.packaged && facts.executable === INSTALLED_APP;
  if (!installed || ![PKEXEC, POLICY_PATH, WRAPPER_PATH].every((path) => facts.exists(path))) return null;
  return { command: PKEXEC, args: [WRAPPER_PATH] };
}
