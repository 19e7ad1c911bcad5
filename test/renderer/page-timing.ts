/**
 * Run in the history view: paging the outage list and hovering the timeline, each timed from
 * the event to the next frame painted, in ms. Text rather than a function, as the tests are
 * typechecked without the DOM's types.
 */
export const TIMED_INTERACTIONS = `(async () => {
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  const timed = async (act) => {
    const started = performance.now();
    act();
    await painted();
    return performance.now() - started;
  };
  const button = (name) => [...document.querySelectorAll('button')].find((b) => b.textContent === name);
  const svg = document.querySelector('.timeline svg');
  const box = svg.getBoundingClientRect();
  const at = (x) => ({ clientX: box.left + box.width * x, clientY: box.top + 10, bubbles: true });
  return {
    older: await timed(() => button('Older').click()),
    newer: await timed(() => button('Newer').click()),
    hover: await timed(() => svg.dispatchEvent(new PointerEvent('pointermove', at(0.3)))),
    'hover elsewhere': await timed(() => svg.dispatchEvent(new PointerEvent('pointermove', at(0.6)))),
  };
})()`;
