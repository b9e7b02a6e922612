"""The box a figure is shown in: a tiny ``st.components.v2`` component reports the width of the block it sits in.

It measures its own element (as wide as the column it is mounted in) and the window's height, floored to 20 px
steps so a few pixels of scrollbar never rebuild a figure, and reports again (debounced) when either changes. A
new report reruns the script (or the fragment it sits in), which then composes the figure for the new box.
Until it has reported (the first run; AppTest), the caller's default box is used.
"""

from __future__ import annotations

import streamlit as st

from centralasia.charts.registry import Box
from centralasia.ui.compat import test_id

STEP_PX = 20

# Fixed code (no data in it). The element is taken out of the flow by CSS (see BOX_CSS): it adds no gap.
_JS = (
    """
export default function(component) {
  const { setStateValue, parentElement } = component;
  const host = parentElement.host || parentElement;
  const holder = host.closest('VERTICAL_BLOCK') || host;
  let last = null, timer = null;
  // Report only while no script runs: a rerun requested in the middle of a run can lose the states of widgets
  // the interrupted run had not drawn yet (seen with the map's layer switches).
  // Streamlit shows its status widget only after a short delay, so "quiet" means: no status widget and no stale
  // element on two looks 250 ms apart.
  const busy = () => !!document.querySelector('STATUS_WIDGET, [data-stale=true]');
  let quiet = 0;
  const report = () => {
    quiet = busy() ? 0 : quiet + 1;
    if (quiet < 2) { clearTimeout(timer); timer = setTimeout(report, 250); return; }
    const w = Math.floor(holder.getBoundingClientRect().width / STEP) * STEP;
    const h = Math.floor(window.innerHeight / STEP) * STEP;
    const value = w + 'x' + h;
    if (w > 0 && value !== last) { last = value; setStateValue('box', value); }
  };
  const later = () => { clearTimeout(timer); quiet = 0; timer = setTimeout(report, 150); };
  const observer = new ResizeObserver(later);
  observer.observe(holder);
  window.addEventListener('resize', later);
  timer = setTimeout(report, 400);
  return () => { observer.disconnect(); window.removeEventListener('resize', later); };
}
""".replace("STEP", str(STEP_PX))
    .replace("VERTICAL_BLOCK", test_id("stVerticalBlock"))
    .replace("STATUS_WIDGET", test_id("stStatusWidget"))
)

BOX_CSS = "<style>[class*='st-key-box-'][class*='-width']{position:absolute;height:0;overflow:hidden;}</style>"

_reporter = st.components.v2.component("centralasia.box", js=_JS, html="<span></span>")


def _mobile_browser() -> bool:
    """True when the browser says it is a phone's (the ``Sec-CH-UA-Mobile`` client hint, or "Mobile" in its user agent)."""
    try:
        headers = st.context.headers
        return headers.get("Sec-CH-UA-Mobile") == "?1" or "Mobile" in (headers.get("User-Agent") or "")
    except Exception:  # noqa: BLE001 - no request headers outside a browser session (AppTest)
        return False


def _noop() -> None:
    """The report is read on the rerun it causes."""


def content_box(name: str, default: Box, medium: str = "screen", fixed_height: bool = False, padding: int = 0) -> Box:
    """The box of the column this is called in: its width (and, with ``fixed_height``, the window's height less ``padding``).

    ``name`` keys the reporter (one per figure slot); ``default`` until the browser has reported.
    """
    st.html(BOX_CSS)
    result = _reporter(key=f"box-{name}-width", on_box_change=_noop)
    raw = getattr(result, "box", None) if result is not None else None
    remembered = f"_box-{name}"  # the slot's last report: a page opened again starts with it, without a rerun
    try:
        width, height = (int(v) for v in str(raw).split("x"))
    except ValueError:
        width, height = st.session_state.get(remembered, (0, 0))
    if width < 200:  # not reported yet: a phone's column for a phone's browser, else the caller's default
        return Box(340, default.height, default.medium) if default.medium == "screen" and _mobile_browser() else default
    st.session_state[remembered] = (width, height)
    return Box(width, max(200, height - padding) if fixed_height else None, medium)
