"""The box a figure is shown in: one tiny ``st.components.v2`` component per page reports the width of every figure slot.

A slot (:func:`content_box`) marks where a figure goes; the page's one reporter measures the column each slot sits in
(and the window's height, for fixed-height boxes), floored to 20 px steps so a few pixels of scrollbar never rebuild a
figure, and reports all of them at once as soon as the script has finished, again (debounced) when the page is
resized. The widths are kept in ``st.session_state``: a page opened later in the same session starts with them, and
its reporter stays silent while they still hold, so only the first page of a session with figures reruns once, however
many figures it has.

Until the widths are known, a browser session gets an empty space of the figure's height (:func:`pending`): a figure is
built once, for its real box, not first for a guessed one. Without a browser (AppTest, websocket clients) nothing will
report, and the caller's default box is used.
"""

from __future__ import annotations

import json

import streamlit as st

from centralasia.charts.registry import Box
from centralasia.ui.compat import SCRIPT_NOT_RUNNING, SCRIPT_STATE_ATTRIBUTE, test_id

STEP_PX = 20
STATE = "_box-widths"  # session_state: {"h": window height, "slots": {slot name: width}} as last reported
REPORTER_KEY = "box-reporter"
SLOT_PREFIX = "boxslot-"
PENDING = "pending"  # Box.medium of a slot whose width the browser has not reported yet (see pending())

# Fixed code (no data in it). Slots and the reporter are taken out of the flow by CSS (see BOX_CSS): they add no gap.
_JS = (
    """
export default function(component) {
  const { setStateValue, data } = component;
  const known = (data && data.known) || {slots: {}};
  const withHeight = !!(data && data.height);
  let timer = null;
  const floor = (v) => Math.floor(v / STEP) * STEP;
  // Report only when no script runs: a rerun requested in the middle of a run can lose the states of widgets the
  // interrupted run had not drawn yet (seen with the map's layer switches).
  const busy = () => {
    const app = document.querySelector('APP');
    return !app || app.getAttribute('SCRIPT_STATE') !== 'NOT_RUNNING';
  };
  const measure = () => {
    const slots = {};
    for (const el of document.querySelectorAll('[class*="st-key-PREFIX"]')) {
      const cls = [...el.classList].find(c => c.startsWith('st-key-PREFIX'));
      const holder = el.parentElement && el.parentElement.closest('VERTICAL_BLOCK');
      const w = holder ? floor(holder.getBoundingClientRect().width) : 0;
      if (cls && w > 0) slots[cls.slice('st-key-PREFIX'.length)] = w;
    }
    return slots;
  };
  const report = () => {
    if (busy()) { clearTimeout(timer); timer = setTimeout(report, 100); return; }
    const slots = measure();
    const h = floor(window.innerHeight);
    const changed = Object.keys(slots).some(k => known.slots[k] !== slots[k]) || (withHeight && known.h !== h);
    if (!Object.keys(slots).length || !changed) return;
    known.slots = {...known.slots, ...slots}; known.h = h;
    setStateValue('box', JSON.stringify({h, slots}));
  };
  const later = (ms) => { clearTimeout(timer); timer = setTimeout(report, ms); };
  const app = document.querySelector('APP');
  const states = new MutationObserver(() => later(30));
  if (app) states.observe(app, {attributes: true, attributeFilter: ['SCRIPT_STATE']});
  const sizes = new ResizeObserver(() => later(150));
  const main = document.querySelector('MAIN') || document.body;
  sizes.observe(main);
  const resized = () => later(150);
  window.addEventListener('resize', resized);
  later(30);
  return () => { clearTimeout(timer); states.disconnect(); sizes.disconnect(); window.removeEventListener('resize', resized); };
}
""".replace("STEP", str(STEP_PX))
    .replace("PREFIX", SLOT_PREFIX)
    .replace("SCRIPT_STATE", SCRIPT_STATE_ATTRIBUTE)
    .replace("NOT_RUNNING", SCRIPT_NOT_RUNNING)
    .replace("VERTICAL_BLOCK", test_id("stVerticalBlock"))
    .replace("APP", test_id("stApp"))
    .replace("MAIN", test_id("stMainBlockContainer"))
)

BOX_CSS = f"<style>.st-key-{REPORTER_KEY},[class*='st-key-{SLOT_PREFIX}']{{position:absolute;height:0;width:0;overflow:hidden;}}</style>"

_reporter = st.components.v2.component("centralasia.box", js=_JS, html="<span></span>")


def _browser() -> bool:
    """True when the session is a browser's (it runs the reporter); AppTest and websocket clients send no browser's user agent."""
    try:
        return "Mozilla/" in (st.context.headers.get("User-Agent") or "")
    except Exception:  # noqa: BLE001 - no request headers outside a browser session (AppTest)
        return False


def _mobile_browser() -> bool:
    """True when the browser says it is a phone's (the ``Sec-CH-UA-Mobile`` client hint, or "Mobile" in its user agent)."""
    try:
        headers = st.context.headers
        return headers.get("Sec-CH-UA-Mobile") == "?1" or "Mobile" in (headers.get("User-Agent") or "")
    except Exception:  # noqa: BLE001 - no request headers outside a browser session (AppTest)
        return False


def _noop() -> None:
    """The report is read on the rerun it causes."""


def _known() -> dict:
    return st.session_state.get(STATE) or {"h": 0, "slots": {}}


MOUNTED = "_box-reporter-mounted"  # session_state: the page's reporter is drawn in this full run


def new_run() -> None:
    """Called by ``app.py`` at the start of every full run: no reporter drawn yet in it.

    A fragment's rerun does not pass through ``app.py``: the flag stays set from the full run, whose reporter is still
    on the page, so none is drawn inside the fragment (documented behaviour only: no script-run internals).
    """
    st.session_state[MOUNTED] = False


def _mount_once() -> bool:
    """True the first time in a full run (draw the reporter now); False after that, in fragments and without a runtime."""
    if not st.runtime.exists() or st.session_state.get(MOUNTED, False):
        return False
    st.session_state[MOUNTED] = True
    return True


def reporter(height: bool = False) -> None:
    """The page's one width reporter (at most once per run; :func:`content_box` calls it when the page has not).

    Call it at the page level, before any fragment: a report then reruns the whole page, every figure on it.
    """
    if not _mount_once():
        return
    st.html(BOX_CSS)
    result = _reporter(key=REPORTER_KEY, data={"known": _known(), "height": height}, on_box_change=_noop)
    raw = getattr(result, "box", None) if result is not None else None
    if raw:
        try:
            report = json.loads(raw)
            widths = {str(k): int(v) for k, v in report["slots"].items()}
            height_px = int(report["h"])
        except (TypeError, ValueError, KeyError, AttributeError):
            return
        known = _known()
        st.session_state[STATE] = {"h": height_px, "slots": {**known["slots"], **widths}}


def content_box(name: str, default: Box, medium: str = "screen", fixed_height: bool = False, padding: int = 0) -> Box:
    """The box of the column this is called in: its width (and, with ``fixed_height``, the window's height less ``padding``).

    ``name`` names the slot (one per figure). Until the browser has reported: in a browser a box with medium
    :data:`PENDING` (draw :func:`pending`'s placeholder, build nothing), else ``default``.
    """
    reporter(height=fixed_height)
    with st.container(key=f"{SLOT_PREFIX}{name}"):  # the mark the reporter measures the column of (an empty one is not drawn)
        st.html("<span></span>")
    known = _known()
    if name not in known["slots"]:  # not reported yet
        if _browser():
            guess = Box(340, default.height, default.medium) if default.medium == "screen" and _mobile_browser() else default
            return Box(guess.width, guess.height, PENDING)
        return default
    width = max(200, known["slots"][name])
    return Box(width, max(200, known["h"] - padding) if fixed_height else None, medium)


def is_pending(box: Box | None) -> bool:
    return box is not None and box.medium == PENDING


PENDING_CLASS = "ca-box-pending"


def pending(box: Box, aspect: float = 0.6) -> None:
    """Where a figure goes once its box is known: an empty space of about its height, so the page does not jump.

    Plain HTML, not an empty Plotly figure: that would make the browser load and run Plotly's code first, delaying the
    width report, and with it the figure (measured: the map page ready 9.4 s with a Plotly placeholder, 6.6 s with this,
    baseline 4.5 s, on a loaded machine). A page is not ready while one is shown (benchmarks/support.py).
    """
    height = box.height or int(max(240, min(720, box.width * aspect)))
    st.html(f'<div class="{PENDING_CLASS}" style="height:{height}px" aria-busy="true"></div>')
