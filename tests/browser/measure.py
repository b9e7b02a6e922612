"""Measuring what a reader sees in every visible Plotly figure: the boxes of its text, drawn in a real browser.

``measure(page)`` collects the bounding box of every text element (titles, source lines, ticks, legend entries,
annotations and map labels) of every visible figure and reports: pairs of text boxes that overlap, text cut by its
figure or by the window, text set under 11 px, and whether the page scrolls sideways. Used by the size sweep
(tests/browser/test_sizes.py) and by anyone checking a layout by hand.
"""

from __future__ import annotations

MIN_TEXT_PX = 11

MEASURE_JS = """
(minPx) => {
  const out = {figures: 0, texts: 0, overlaps: [], cut: [], small: [], sideways: 0};
  const win = {w: window.innerWidth, h: window.innerHeight};
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter(p => {
    const r = p.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(p).visibility !== 'hidden' && p.offsetParent !== null;
  });
  for (const plot of plots) {
    out.figures += 1;
    const svg = plot.querySelector('svg.main-svg');
    const frame = svg.getBoundingClientRect();
    const boxes = [];
    for (const el of plot.querySelectorAll('svg text')) {
      if (el.closest('.hoverlayer') || el.closest('.modebar')) continue;
      const text = (el.textContent || '').trim();
      if (!text) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || parseFloat(style.opacity) === 0) continue;
      let hidden = false;
      for (let g = el.parentElement; g && g !== plot; g = g.parentElement) {
        const s = getComputedStyle(g);
        if (s.display === 'none' || parseFloat(s.opacity) === 0) { hidden = true; break; }
      }
      if (hidden) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
      const size = parseFloat(style.fontSize);
      const item = {text: text.slice(0, 60), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, size};
      boxes.push(item);
      if (size < minPx - 0.01) out.small.push(item);
      const outside = r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1;
      const offWindow = r.left < -1 || r.right > win.w + 1;
      if (outside || offWindow) out.cut.push({...item, frame: [frame.left, frame.top, frame.right, frame.bottom], window: win.w});
    }
    out.texts += boxes.length;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (dx > 1 && dy > 1) out.overlaps.push([a.text, b.text, Math.round(dx), Math.round(dy)]);
      }
    }
  }
  const main = document.querySelector('[data-testid="stMain"]') || document.documentElement;
  out.sideways = Math.max(document.documentElement.scrollWidth - window.innerWidth, main.scrollWidth - main.clientWidth, 0);
  return out;
}
"""


def measure(page) -> dict:
    """{figures, texts, overlaps, cut, small, sideways} for every visible Plotly figure on ``page``."""
    return page.evaluate(MEASURE_JS, MIN_TEXT_PX)


# Resolves once the drawn text of every visible figure has kept its place over two looks 150 ms apart (Plotly lays a
# figure out again after drawing it), or after `limit` ms.
TEXT_AT_REST = """(limit) => new Promise(done => {
  const where = () => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.offsetParent !== null)
    .map(p => [...p.querySelectorAll('svg text')].map(t => { const r = t.getBoundingClientRect();
      return [Math.round(r.left), Math.round(r.top), Math.round(r.width)].join(','); }).join(';')).join('|');
  const start = performance.now();
  let last = where();
  const look = () => { const now = where(); if (now === last || performance.now() - start > limit) done(now === last); else { last = now; setTimeout(look, 150); } };
  setTimeout(look, 150);
})"""


def wait_for_figures(page, count: int = 1, timeout: float = 30_000) -> None:
    """Wait until ``count`` figures are drawn with text and their text has come to rest (Plotly draws after the script
    ends and lays a figure out again after its first draw)."""
    page.wait_for_function(
        "(n) => [...document.querySelectorAll('.js-plotly-plot')].filter(p => p.offsetParent !== null"
        " && p.querySelector('svg text')).length >= n",
        arg=count,
        timeout=timeout,
    )
    page.evaluate(TEXT_AT_REST, 5_000)


def problems(result: dict) -> list[str]:
    """The findings of ``measure`` that a composed figure must not have, as readable lines (empty: all good)."""
    out = [f"overlap: {a!r} × {b!r} ({dx}×{dy} px)" for a, b, dx, dy in result["overlaps"]]
    out += [
        f"cut: {c['text']!r} at {[round(c[k]) for k in ('x0', 'y0', 'x1', 'y1')]} in {[round(v) for v in c['frame']]}"
        for c in result["cut"]
    ]
    out += [f"small: {s['text']!r} at {s['size']} px" for s in result["small"]]
    if result["sideways"] > 1:
        out.append(f"page scrolls sideways by {result['sideways']} px")
    return out
