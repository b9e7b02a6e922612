"""AppTest helpers: run app.py (the router) and switch to a registered page."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from centralasia import settings
from centralasia.settings import PROJECT_ROOT
from centralasia.ui.chrome import SHARE_PANEL_KEY
from tests.conftest import SHIPPED

PINNED: Any = object()  # run_page's default: pin the tests' reference release (the oldest in data/releases) when that is served
APP = str(PROJECT_ROOT / "app.py")


def run_page(page_file: str | None = None, *, share_panel: bool = False, release: str | None = PINNED, **params: str) -> AppTest:
    """Run the router with these query parameters, then switch to ``page_file``; ``share_panel`` opens the
    sidebar's share & embed panel (built only while open) as a reader's click would.

    On the shipped data the release is pinned (``?release=``) as shared links pin it: the oldest under data/releases
    (tests.conftest.SHIPPED, the one the ``release`` fixture loads), so adding a newer release changes no test; a test that serves releases of its own (``serve_releases``) gets the app's choice, the newest,
    unless it names one. ``release=None`` always leaves the choice to the app."""
    at = AppTest.from_file(APP, default_timeout=60)
    if release is PINNED:
        release = None if os.environ.get(settings.RELEASES_ENV) else SHIPPED.name
    if release is not None:
        params = {"release": release, **params}
    for key, value in params.items():
        at.query_params[key] = value
    if share_panel:
        at.session_state[SHARE_PANEL_KEY] = True
    at.run()
    assert not at.exception, at.exception
    if page_file:
        at.switch_page(page_file).run()
        assert not at.exception, at.exception
    return at


def page_text(at: AppTest) -> str:
    """All text a reader sees: markdown, headings, captions, metrics, html, dataframes, chart specs."""
    parts = []
    for kind in ("markdown", "title", "header", "subheader", "caption", "info", "error", "code"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [e.label for e in at.expander]
    parts += [str(e.proto.body) for e in at.get("html")]
    parts += [df.value.to_csv() for df in [*at.dataframe, *at.table]]
    parts += [json.dumps(json.loads(e.proto.spec), ensure_ascii=False) for e in at.get("plotly_chart")]
    return "\n".join(parts).replace("\\", "")


def charts(at: AppTest) -> list[dict]:
    return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]


@pytest.fixture
def run():
    return run_page
