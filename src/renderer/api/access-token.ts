const STORAGE_KEY = 'nom.token';
const IN_ADDRESS = /^#token=([A-Za-z0-9_-]+)/;

/**
 * The daemon's access token. It arrives once in the address the daemon printed
 * (`…/#token=T`): kept for this tab's life in sessionStorage, and taken out of the address bar so
 * that it is neither bookmarked, nor shown over a shoulder, nor sent on in a copied link.
 */
export function takeAccessToken(location: Location, history: History, storage: Storage): string | null {
  const given = IN_ADDRESS.exec(location.hash)?.[1];
  if (given !== undefined) {
    storage.setItem(STORAGE_KEY, given);
    history.replaceState(history.state, '', `${location.pathname}${location.search}#/`);
    return given;
  }
  return storage.getItem(STORAGE_KEY);
}
