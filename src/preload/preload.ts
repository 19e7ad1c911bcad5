import { contextBridge, ipcRenderer } from 'electron';
import { appChannel, callChannel, eventChannels, isAppCall, isValueCall, reportChannel, type NomBridge } from '../shared/ipc-contract.js';

/**
 * The window's one link to main, exposed as `window.nom` and nothing else: a channel per call
 * of the contract, the event feed, the report's save and the app's own calls (its preferences). The page never sees ipcRenderer nor
 * an IPC event (whose `sender` would hand it ipcRenderer), only the data main sent.
 */
const listeners = new Set<(event: unknown) => void>();
const deliver = (_event: unknown, data: unknown) => {
  for (const listener of listeners) listener(data);
};

const bridge: NomBridge = {
  call(name, request) {
    if (!isValueCall(name)) return Promise.reject(new Error(`"${String(name)}" is not a call of the API`));
    return ipcRenderer.invoke(callChannel(name), request);
  },
  onEvent(listener, started) {
    const first = listeners.size === 0;
    listeners.add(listener);
    if (first) ipcRenderer.on(eventChannels.event, deliver);
    // Asked every time, so that each listener hears whether main took it; main keeps one feed per window.
    const answered = (answer: unknown) => started?.(answer);
    ipcRenderer.invoke(eventChannels.start).then(answered, answered);
    return () => {
      if (!listeners.delete(listener) || listeners.size > 0) return;
      ipcRenderer.removeListener(eventChannels.event, deliver);
      // A feed main did not stop ends with the window anyway.
      ipcRenderer.invoke(eventChannels.stop).catch(() => undefined);
    };
  },
  saveReport: (query) => ipcRenderer.invoke(reportChannel, query),
  app(name, request) {
    if (!isAppCall(name)) return Promise.reject(new Error(`"${String(name)}" is not a call of the app`));
    return ipcRenderer.invoke(appChannel(name), request);
  },
};

contextBridge.exposeInMainWorld('nom', bridge);
