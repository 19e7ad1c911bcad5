import { render } from 'preact';
import { z } from 'zod';
import type { NomBridge } from '../shared/ipc-contract.js';
import { takeAccessToken } from './api/access-token.js';
import type { ApiClient } from './api/api-client.js';
import { httpClient } from './api/http-client.js';
import { ipcClient } from './api/ipc-client.js';
import { App } from './app/app.js';

declare global {
  interface Window {
    /** The preload's bridge to Electron main: there in the app's window, absent in a browser. */
    readonly nom?: NomBridge;
  }
}

/**
 * The dashboard: in the app's window the API over the preload's bridge; in a browser, served by
 * `nom daemon --http`, the API over HTTP and SSE.
 */
// zod compiles its object parsers with `new Function` where it can; the page's policy forbids
// eval, and the attempt alone would be reported as a violation. Set before the first parse.
z.config({ jitless: true });

function browserClient(): ApiClient {
  const token = takeAccessToken(window.location, window.history, window.sessionStorage);
  return httpClient({
    token,
    startDownload: (url) => {
      const link = document.createElement('a');
      link.href = url;
      link.download = '';
      document.body.append(link);
      link.click();
      link.remove();
    },
  });
}

const api = window.nom === undefined ? browserClient() : ipcClient(window.nom);
const root = document.getElementById('app');
if (root !== null) render(<App api={api} />, root);
