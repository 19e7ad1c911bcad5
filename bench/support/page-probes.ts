import type { Page } from 'playwright-core';

/**
 * Timers that run inside the dashboard's page, installed before its own scripts, so that every
 * figure is the page's own clock: performance.now() counts from navigation start. Text rather than
 * functions, as bench/ is typechecked without the DOM's types.
 *
 * "Visible" is the frame after the DOM holds what is waited for: the next animation frame, then a
 * message (which, unlike setTimeout, is not clamped), by which time that frame has been produced.
 */
export function pageProbes(cards: number): string {
  return `(() => {
  performance.setResourceTimingBufferSize(100000);
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  }));
  const when = (test) => new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!test()) return;
      observer.disconnect();
      resolve(painted());
    });
    if (test()) resolve(painted());
    else observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const loading = () => document.querySelector('.page-sub .updating') !== null;
  const dashboard = () => document.querySelectorAll('article.target').length >= ${cards};
  const history = () =>
    document.querySelector('.timeline-plot svg') !== null &&
    document.querySelector('section[aria-labelledby="outages-title"] :is(.outage-list, .empty)') !== null &&
    !loading();
  const lastRequest = (path, since) => {
    const entries = performance.getEntriesByType('resource').filter((e) => e.startTime >= since && new URL(e.name).pathname === path);
    return entries.length === 0 ? null : entries[entries.length - 1].duration;
  };
  /** From the click (seen first, in the capture phase) to the frame that shows what test() waits for. */
  const afterClick = (test, path) => {
    let clicked = null;
    window.addEventListener('click', () => { clicked = performance.now(); }, { capture: true, once: true });
    return when(() => clicked !== null && test()).then((at) => ({ ms: at - clicked, requestMs: lastRequest(path, clicked) }));
  };
  window.__nomFirstPaint = when(location.hash.startsWith('#/history') ? history : dashboard);
  window.__nomBench = {
    // The heading names the new range at once, while the old records are still shown; then
    // "loading…" comes and goes with the new range's records: done is after it has gone.
    range() {
      const before = document.querySelector('.page-sub').textContent;
      let seenLoading = false;
      return afterClick(() => {
        const now = loading();
        seenLoading ||= now;
        return seenLoading && !now && document.querySelector('.page-sub').textContent !== before;
      }, '/api/history');
    },
    details: () => afterClick(() => document.querySelector('dialog[open] .evidence') !== null, '/api/outage'),
    // Polled every frame: the wall time (the bench's clock too) at which each card first shows the state.
    watchCards(names, state) {
      const seen = {};
      window.__nomCards = seen;
      const frame = () => {
        for (const name of names) {
          const card = document.getElementById('target-' + name)?.closest('article');
          if (seen[name] === undefined && card?.classList.contains('target-' + state)) seen[name] = Date.now();
        }
        if (Object.keys(seen).length < names.length) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    },
  };
})();`;
}

export interface Timed {
  /** From the click to the frame that shows the result. */
  ms: number;
  /** How long the API call the view made for it took, as the page's resource timing saw it. */
  requestMs: number | null;
}

/** Navigation start to the view's content being visible, in the page's ms. */
export async function firstPaint(page: Page, timeoutMs: number): Promise<number> {
  return await within(page.evaluate<number>('window.__nomFirstPaint'), timeoutMs, 'the first paint');
}

/** Arms the page's timer, then `click` (a real click, through playwright), then waits for what it brought. */
export async function timedClick(page: Page, kind: 'range' | 'details', click: () => Promise<void>, timeoutMs: number): Promise<Timed> {
  await page.evaluate(`void (window.__nomPending = window.__nomBench.${kind}())`);
  await click();
  return await within(page.evaluate<Timed>('window.__nomPending'), timeoutMs, `the view after a click (${kind})`);
}

export async function watchCards(page: Page, names: readonly string[], state: 'up' | 'down'): Promise<void> {
  await page.evaluate(`window.__nomBench.watchCards(${JSON.stringify(names)}, ${JSON.stringify(state)})`);
}

/** Wall times (ms) at which the watched cards showed their state, so far. */
export async function cardTimes(page: Page): Promise<Record<string, number>> {
  return await page.evaluate<Record<string, number>>('({ ...window.__nomCards })');
}

async function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
