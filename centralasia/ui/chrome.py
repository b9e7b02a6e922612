"""The page chrome: router (st.navigation from the page registry), sidebar, share & embed panel, page titles and
<html lang>, and the notice for data problems."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from centralasia.i18n import LANGUAGE_NAMES, LANGUAGES, format_date, normalise_language, t
from centralasia.release.loader import Catalog, Release
from centralasia.release.reading import Problem
from centralasia.safe_text import html_text, md
from centralasia.ui.compat import legacy_pages_mode, test_id
from centralasia.ui.data import get_catalog
from centralasia.ui.review import curation_on
from centralasia.ui.state import LANG_KEY, RELEASE_KEY, bounded, initial_language, link_params, url_fallback, url_select

ROUTED_KEY = "_frame_routed"


def mark_routed() -> None:
    """Called by ``app.py`` on every run: this session has been through the router."""
    st.session_state[ROUTED_KEY] = True


def leave_legacy_pages_mode() -> None:
    """Make ``app.py`` the router even when a deep link is the server's first request.

    The users asked for page files in ``pages/``. Streamlit sees that folder at start-up and, until
    some session calls ``st.navigation``, serves its files directly (the legacy "MPA v1" mode), which
    would skip this app's frame: no sidebar, no page config, wrong titles. A page that finds itself in
    that mode calls ``st.navigation`` with the app's own pages, which (as its documentation says)
    makes the app ignore the ``pages/`` folder from then on in every session, and reruns: the rerun
    goes through ``app.py``. Nothing of Streamlit's is patched; it happens once per server process
    (AppTest resets the mode before every run, so there it happens on every run of a page).

    Safe to call more than once per run and inside fragments: outside legacy mode it does nothing.
    """
    if not legacy_pages_mode(routed=bool(st.session_state.get(ROUTED_KEY))):
        return
    router(initial_language(), position="hidden")
    st.rerun()


def page_title(page: str, lang: str) -> str:
    """The browser tab's title: „<page> – <app>“ in the reader's language (WCAG 2.4.2)."""
    return f"{page} – {t('app.title', lang)}"


def language_of_request(query_string: bytes, accept_language: bytes) -> str:
    """The interface language a page request asks for: ``?lang=``, else the browser's first language, else English.

    The same order as ``state.initial_language`` (URL, then browser locale) for a request that has no session yet.
    """
    from urllib.parse import parse_qs

    from centralasia.i18n import DEFAULT_LANGUAGE

    asked = parse_qs(query_string.decode("latin-1")).get(LANG_KEY, [None])[0]
    first = accept_language.decode("latin-1").split(",")[0].split(";")[0]
    return normalise_language(asked) or normalise_language(first) or DEFAULT_LANGUAGE


_NOT_PAGES = ("/_stcore", "/static", "/app/static", "/component", "/media", "/favicon")


class LangMiddleware:
    """ASGI middleware (``st.App(middleware=...)``): the app's HTML page is served with ``<html lang>`` set to the
    language the request asks for, so a screen reader speaks the first paint in the right language (WCAG 3.1.1).

    Only ``GET`` answers of type text/html are touched (the ~8 KB page Streamlit serves for every page path);
    everything else passes through unchanged. The page is asked for uncompressed (it is small) so it can be read.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope.get("type") != "http" or scope.get("method") != "GET" or scope.get("path", "").startswith(_NOT_PAGES):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        code = language_of_request(scope.get("query_string", b""), headers.get(b"accept-language", b""))
        scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers") or [] if k != b"accept-encoding"]}
        held: dict = {}
        body: list[bytes] = []

        async def patched_send(message):
            if message["type"] == "http.response.start":
                kind = dict(message.get("headers") or []).get(b"content-type", b"")
                if message.get("status") == 200 and kind.startswith(b"text/html"):
                    held["start"] = message
                    return
            elif message["type"] == "http.response.body" and "start" in held:
                body.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                page = b"".join(body).replace(b'<html lang="en"', f'<html lang="{code}"'.encode(), 1)
                start = held.pop("start")
                # The answer now depends on the language asked for: no length, tag or date of the file on disk.
                kept = [(k, v) for k, v in start.get("headers") or [] if k not in {b"content-length", b"etag", b"last-modified"}]
                kept += [(b"content-length", str(len(page)).encode()), (b"vary", b"Accept-Language")]
                await send({**start, "headers": kept})
                await send({"type": "http.response.body", "body": page})
                return
            await send(message)

        await self.app(scope, receive, patched_send)


def document_language(lang: str) -> None:
    """``<html lang>`` follows the interface language (WCAG 3.1.1), also after a switch in the sidebar.

    The server's first answer already carries it (``LangMiddleware``); a switch in the sidebar loads no new
    document, so a fixed script in a zero-height component frame (same origin, as on /source) sets the attribute
    on the app's document: the page's own HTML never carries a <script>. ``code`` is one of LANGUAGES.
    """
    import streamlit.components.v1 as components

    code = normalise_language(lang) or "en"
    with out_of_flow("lang"):
        components.html(f'<script>window.parent.document.documentElement.lang = "{code}";</script>', height=0)


OUT_OF_FLOW = "ca-out-of-flow"
# Helpers that must be on the page but take no room in it (a script frame, a screen reader's text): taken out of the
# column's flow, so they add no gap under a chart (an embed's snippet has no pixel to spare). The class comes from the
# container's documented ``key``.
# The keyed block sits in a wrapper of its own: the wrapper (its parent, found with :has) leaves the flow too.
_OUT_OF_FLOW_CSS = (f"<style>[class*='st-key-{OUT_OF_FLOW}'], :has(> [class*='st-key-{OUT_OF_FLOW}'])"
                    "{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}</style>")  # fmt: skip


def out_of_flow(name: str):
    """A container for an element that must be in the page but take no room in it (see ``_OUT_OF_FLOW_CSS``)."""
    st.html(_OUT_OF_FLOW_CSS)
    return st.container(key=f"{OUT_OF_FLOW}-{name}")


def router(lang: str, position: str = "sidebar"):
    """``st.navigation`` over the page registry; returns the page to run.

    Streamlit serves the default page at the root and answers the default page's own url_path with
    "Page not found". So the default page gets an internal path (``overview-home``) and the registry's
    path (``/overview``) is a hidden page that switches to it, keeping the query parameters.
    """
    from centralasia.charts.registry import PAGES, REVIEW_PAGE
    from centralasia.settings import PROJECT_ROOT

    # The favicon before the navigation: otherwise the browser takes the current page's Material icon as the
    # favicon and fetches it from fonts.gstatic.com (an outside request, and none at all offline).
    st.set_page_config(page_icon=str(PROJECT_ROOT / "static" / "favicon.png"))
    pages = {
        p.key: st.Page(
            p.file,
            title=t(p.title_key, lang),
            icon=p.icon,
            url_path=f"{p.url_path}-home" if p.default else p.url_path,
            default=p.default,
            visibility="hidden" if p.hidden else "visible",
        )
        for p in (*PAGES, *((REVIEW_PAGE,) if curation_on() else ()))
    }
    home = next(p for p in PAGES if p.default)

    def to_home() -> None:
        st.switch_page(pages[home.key], query_params=link_params())

    alias = st.Page(to_home, title=t(home.title_key, lang), url_path=home.url_path, visibility="hidden")
    return st.navigation([*pages.values(), alias], position=position)


def sidebar(catalog: Catalog, lang: str) -> tuple[str, Release | None]:
    """The shared sidebar: language and release, both carried in the URL."""
    with st.sidebar:
        lang = url_select(
            LANG_KEY, LANGUAGES, t("sidebar.language", lang), format_func=LANGUAGE_NAMES.get, default=lang, keep_default_in_url=True
        )
        release = None
        if catalog.releases:
            from centralasia.release.summary import unique_release_labels

            ids = [r.id for r in catalog.releases]
            by_id = {r.id: r for r in catalog.releases}
            # Labels are unique (same date and title get the publisher, then the id); the URL holds the id, always
            # (keep_default_in_url), so a shared link keeps opening this release after a newer one is added.
            labels = unique_release_labels(catalog, lang, format_date)
            chosen = url_select(
                RELEASE_KEY,
                ids,
                t("sidebar.release", lang),
                format_func=labels.get,
                default=ids[0],
                disabled=len(ids) == 1,
                keep_default_in_url=True,
            )
            release = by_id[chosen]
            st.caption(t("sidebar.data_note", lang))
        if catalog.problems:
            with st.expander(t("sidebar.problems", lang, n=len(catalog.problems))):
                st.code("\n".join(str(p) for p in catalog.problems), language=None, wrap_lines=True)
    return lang, release


def _chosen_release(catalog: Catalog) -> tuple[Release | None, str | None]:
    """(the release on screen, None), or (None, the id a link asks for) when that release is not available this run.

    A link's release is never swapped for another one: while its folder is broken (being rewritten, removed
    and restored) the page says so, and the next run after the fix shows it again.
    """
    asked = url_fallback(RELEASE_KEY)
    from_url = bounded(st.query_params.get(RELEASE_KEY))
    chosen = (st.session_state.get(RELEASE_KEY) if asked is None else None) or from_url or ""
    release = catalog.get(chosen)
    if release is None and (asked or from_url):
        return None, asked or from_url
    return release or (catalog.releases[0] if catalog.releases else None), None


def pinned_release_id() -> str:
    """The id of the release on screen, for links and snippets that must keep showing it (never "the newest")."""
    release, asked = _chosen_release(get_catalog())
    return release.id if release else (asked or "")


def current() -> tuple[str, Release]:
    """The language and release chosen in the shared sidebar; stops the page with a notice if the link's release
    is not available, or with an error box if no release loaded."""
    leave_legacy_pages_mode()
    lang = normalise_language(st.session_state.get(LANG_KEY)) or initial_language()
    catalog = get_catalog()
    release, asked = _chosen_release(catalog)
    if asked is not None:
        st.warning(t("release.unavailable", lang, id=md(asked[:80])), icon=":material/sync_problem:")
        st.stop()
    if release is None:
        show_problems(catalog.problems, lang)
        st.stop()
    if st.query_params.get("review") == "1" and curation_on():  # drafts: records awaiting review, for curators only
        release = release.with_pending()
    return lang, release


def show_problems(problems: Sequence[Problem], lang: str) -> None:
    st.error(t("error.no_data", lang), icon=":material/error:")
    if problems:
        st.markdown(f"**{t('error.data_title', lang)}**")
        st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)


def app_base_url(url_path: str) -> str:
    """The app's address without the current page's path (st.context.url includes it)."""
    url = (getattr(st.context, "url", None) or "http://localhost:8501").rstrip("/")
    if url_path and url.endswith("/" + url_path):
        url = url[: -len(url_path) - 1]
    return url


def iframe_snippet(src: str, title: str, height: int = 720) -> str:
    return (
        f'<iframe src="{html_text(src)}" title="{html_text(title)}" width="100%" height="{height}" '
        f'loading="lazy" style="border:0"></iframe>'
    )


SHARE_PANEL_KEY = "share-panel"


def embed_panel(url_path: str, lang: str) -> None:
    """Sidebar panel: a link and an iframe snippet for the current view, and chart-only iframes.

    In an embedded view (``?embed=true``) there is no sidebar at all: the iframe shows the page only.
    """
    from urllib.parse import urlencode

    from centralasia.charts.registry import CHART_BY_KEY, PAGES

    if getattr(st.context, "is_embedded", False):
        st.html(f"<style>{test_id('stSidebar')},{test_id('stExpandSidebarButton')}{{display:none !important}}</style>")
        return
    spec = next((p for p in PAGES if p.url_path == url_path or (p.default and not url_path)), None)
    if spec is None or spec.hidden:
        return
    params = link_params(exclude={"embed", "embed_options"})
    params.setdefault(LANG_KEY, lang)
    params.setdefault(RELEASE_KEY, pinned_release_id())
    base = app_base_url(url_path)
    link = f"{base}/{spec.link_path}?{urlencode(params)}"
    # Built only while open: its code blocks load Streamlit's syntax highlighter (1.5 MB of JavaScript),
    # which no reader should wait for unless they want to share.
    panel = st.sidebar.expander(t("embed.title", lang), icon=":material/share:", key=SHARE_PANEL_KEY, on_change="rerun")
    if not panel.open:
        return
    with panel:
        st.caption(t("embed.link", lang))
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("embed.iframe", lang))
        st.code(
            iframe_snippet(f"{link}&embed=true", f"{t(spec.title_key, lang)} – {t('app.title', lang)}"), language="html", wrap_lines=True
        )
        if spec.charts:
            key = st.selectbox(
                t("embed.chart", lang), spec.charts, format_func=lambda c: t(f"chart.{c}", lang), key=f"embed-chart-{spec.key}"
            )
            chart_src = f"{base}/embed?{urlencode({**params, 'chart': key})}&embed=true"
            st.caption(t("embed.chart_iframe", lang))
            height = CHART_BY_KEY[key].embed_height
            st.code(
                iframe_snippet(chart_src, f"{t(f'chart.{key}', lang)} – {t('app.title', lang)}", height), language="html", wrap_lines=True
            )
        st.caption(t("embed.note", lang))
