import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PRELOAD = fileURLToPath(new URL('../../src/preload/preload.ts', import.meta.url));

/**
 * `electron` as the preload sees it in a sandbox, for a page in Playwright: the bridge puts the
 * API on the page, ipcRenderer.invoke goes to the test's `nomInvoke` binding, and what main sends
 * reaches the preload's listeners through `__nomDeliver`.
 */
const ELECTRON_STAND_IN = `
const listeners = new Map();
window.__nomDeliver = (channel, args) => { for (const l of listeners.get(channel) ?? []) l({}, ...args); };
export const contextBridge = { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: Object.freeze(api) }) };
export const ipcRenderer = {
  invoke: (channel, ...args) => window.nomInvoke(channel, ...args),
  on: (channel, l) => listeners.set(channel, [...(listeners.get(channel) ?? []), l]),
  removeListener: (channel, l) => listeners.set(channel, (listeners.get(channel) ?? []).filter((x) => x !== l)),
};
`;

/** The stand-in's way in for what main sends. */
export type Delivery = { __nomDeliver: (channel: string, args: readonly unknown[]) => void };

/** The real preload, bundled for a page with the stand-in in place of `electron`: a script for page.addInitScript. */
export async function preloadForPage(): Promise<string> {
  const bundled = await build({
    entryPoints: [PRELOAD],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
    plugins: [
      {
        name: 'electron-stand-in',
        setup(b) {
          b.onResolve({ filter: /^electron$/ }, () => ({ path: 'electron', namespace: 'stand-in' }));
          b.onLoad({ filter: /.*/, namespace: 'stand-in' }, () => ({ contents: ELECTRON_STAND_IN, loader: 'js' }));
        },
      },
    ],
  });
  const script = bundled.outputFiles[0];
  if (!script) throw new Error('esbuild made no preload bundle');
  return script.text;
}
