import { render } from 'preact';
import { z } from 'zod';
import { takeAccessToken } from './api/access-token.js';
import { httpClient } from './api/http-client.js';
import { App } from './app/app.js';

/** The dashboard in a browser, served by `nom daemon --http`: the API over HTTP and SSE. */
// zod compiles its object parsers with `new Function` where it can; the page's policy forbids
// eval, and the attempt alone would be reported as a violation. Set before the first parse.
z.config({ jitless: true });

const token = takeAccessToken(window.location, window.history, window.sessionStorage);
const api = httpClient({
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
const root = document.getElementById('app');
if (root !== null) render(<App api={api} />, root);
