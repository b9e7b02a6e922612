"""The reader's theme (light or dark), followed while the page is open.

Streamlit reports the theme as ``st.context.theme.type`` but does not rerun when the reader switches between
light and dark (and during the first load or a switch the value can be stale, as its documentation says). Pages
whose figures are drawn in the theme's colours (the map) mount this tiny ``st.components.v2`` component: it
reads the documented theme variable ``--st-background-color`` that Streamlit sets around every such component,
and when the background's lightness differs from the theme the page was drawn in (twice in a row, so a switch
in progress is not reported), it reports the browser's theme, which reruns the script with it.
"""

from __future__ import annotations

import streamlit as st

THEMES = ("light", "dark")

# Fixed code (no data in it). The element is taken out of the flow by CSS (in page_theme): it adds no gap.
_JS = """
const memo = new Map();  // per element key; the module is loaded once per page
export default function(component) {
  const { data, key, setStateValue, parentElement } = component;
  const host = parentElement.host || parentElement;
  const dark = (colour) => {
    const c = (colour || '').trim();
    let v = null;
    if (/^#[0-9a-f]{6}$/i.test(c)) v = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
    else if (/^#[0-9a-f]{3}$/i.test(c)) v = [1, 2, 3].map((i) => parseInt(c[i] + c[i], 16));
    else v = (c.match(/\\d+(\\.\\d+)?/g) || []).slice(0, 3).map(Number);
    if (!v || v.length < 3) return null;
    return (0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]) / 255 < 0.5;
  };
  // What the page is drawn in: the value passed in, unless this element has reported since that value was passed
  // (the run a report causes still passes the old one, and may start this function again).
  const ref = () => (memo.has(key) && memo.get(key).passed === data.drawn ? memo.get(key).sent : data.drawn);
  let strikes = 0;
  const timer = setInterval(() => {
    const isDark = dark(getComputedStyle(host).getPropertyValue('--st-background-color'));
    if (isDark === null) { strikes = 0; return; }
    const now = isDark ? 'dark' : 'light';
    strikes = now !== ref() ? strikes + 1 : 0;
    if (strikes === 2) { memo.set(key, { passed: data.drawn, sent: now }); strikes = 0; setStateValue('theme', now); }
  }, 700);
  return () => clearInterval(timer);
}
"""

_follower = st.components.v2.component("centralasia.follow_theme", js=_JS, html="<span></span>")


def _rerun() -> None:
    """The report is read on the rerun it causes."""


def page_theme(key: str) -> str:
    """``"light"`` or ``"dark"``: the browser's last report, else ``st.context.theme``; reruns when it changes.

    Call it once per page, before drawing anything in the theme's colours; ``key`` names its element.
    """
    st.html(f"<style>.st-key-{key}{{position:absolute;height:0;overflow:hidden}}</style>")
    remembered = f"_{key}-drawn"  # the last report, as of the previous run
    context = "dark" if st.context.theme.type == "dark" else "light"
    before = st.session_state.get(remembered)
    result = _follower(key=key, data={"drawn": before if before in THEMES else context}, on_theme_change=_rerun)
    reported = getattr(result, "theme", None) if result is not None else None
    if reported in THEMES:
        st.session_state[remembered] = reported
        return reported
    st.session_state.pop(remembered, None)  # no report (yet, or since the page was left): Streamlit's value
    return context
