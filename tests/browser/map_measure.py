"""Measuring a drawn plotly figure in the browser: every text element's box, the plot area, the route's span."""

# True once a figure with a drawn plot area is inside the first element matching the selector.
FIGURE_READY = """(selector) => {
  const root = document.querySelector(selector);
  const gd = root && root.querySelector('.js-plotly-plot');
  return !!(gd && gd.querySelector('rect.nsewdrag') && gd._fullLayout);
}"""

# Every visible text of the figure (labels, title, source, legend, ticks): its box, font size, and what is wrong:
# pairs that overlap, texts cut by the figure or the window, texts under 11 px; the nodes' span across the plot;
# and whether the page scrolls sideways.
MEASURE_FIGURE = """(selector) => {
  const chart = document.querySelector(selector);
  const gd = chart.querySelector('.js-plotly-plot');
  const fig = gd.querySelector('svg.main-svg').getBoundingClientRect();
  const plot = gd.querySelector('rect.nsewdrag').getBoundingClientRect();
  const texts = [...gd.querySelectorAll('svg.main-svg text')]
    .filter(t => !t.closest('.hoverlayer') && t.textContent.trim())
    .map(t => ({text: t.textContent.trim(), box: t.getBoundingClientRect(),
                size: parseFloat(getComputedStyle(t).fontSize) || parseFloat(t.style.fontSize)}))
    .filter(t => t.box.width > 0 && t.box.height > 0);
  const overlaps = [];
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
    const a = texts[i].box, b = texts[j].box;
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
      overlaps.push([texts[i].text, texts[j].text]);
  }
  const W = window.innerWidth;
  const cut = texts.filter(t => t.box.left < fig.left - 0.5 || t.box.right > fig.right + 0.5 || t.box.top < fig.top - 0.5
    || t.box.bottom > fig.bottom + 0.5 || t.box.left < -0.5 || t.box.right > W + 0.5).map(t => t.text);
  const small = texts.filter(t => t.size < 11 || t.box.height < 11).map(t => `${t.text} (${t.size}px)`);
  let span = null;
  const trace = (gd._fullData || []).find(t => t.meta && t.meta.layer === 'nodes');
  if (trace) {
    const xa = gd._fullLayout.xaxis;
    const xs = [...trace.x].map(v => xa.l2p(v)).filter(v => v >= 0 && v <= xa._length);
    span = xs.length ? (Math.max(...xs) - Math.min(...xs)) / xa._length : 0;
  }
  const doc = document.scrollingElement;
  const main = document.querySelector('[data-testid=stMain]');
  const sideways = doc.scrollWidth > W + 1 || (main && main.scrollWidth > main.clientWidth + 1);
  const segments = (gd._fullData || []).filter(t => t.meta && t.meta.layer === 'segments').length;
  const legend = gd.querySelectorAll('.legend .traces').length;
  return {texts: texts.map(t => t.text), n: texts.length, overlaps, cut, small, span, sideways, segments, legend,
          figure: [Math.round(fig.width), Math.round(fig.height)], plot: [Math.round(plot.width), Math.round(plot.height)],
          meta: gd._fullLayout.meta || null};
}"""
