"""Reliability: hundreds of generated query strings on every page: no exception, defaults applied."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from centralasia.charts.registry import PAGES
from centralasia.settings import PROJECT_ROOT

KNOWN_KEYS = ["lang", "release", "sector", "country", "domain", "view", "corridors", "modes", "roles", "places", "conflicts",
              "kinds", "record", "translation", "sections", "preview", "chart", "embed"]  # fmt: skip
NASTY = ["", " ", "de", "en", "DE", "xx", "all", "energy", "main,sea", ",,,", "1", "0", "-1", "true", "None", "null", "../../etc/passwd",
         "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "**bold**", "%00", "\u202e\u0000",
         "Kasachstan", "😀" * 50, "a" * 5000, "route-map", "' OR 1=1 --", "{{7*7}}", "$(rm -rf /)"]  # fmt: skip

values = st.one_of(st.sampled_from(NASTY), st.text(max_size=60))
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=12))
query = st.dictionaries(keys, values, max_size=6)


@pytest.mark.parametrize("page", [p.file for p in PAGES])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], database=None)
@given(params=query)
def test_generated_query_strings_never_raise(page, params):
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, (params, at.exception)
    at.switch_page(page).run()
    assert not at.exception, (page, params, at.exception)
    assert at.session_state["lang"] in ("en", "de")
