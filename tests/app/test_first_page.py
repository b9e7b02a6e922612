"""The first page a reader opens (Overview, with the sidebar) runs without pandas, pyarrow or Plotly's figure
code, so a freshly started or woken-up server answers it sooner; the share panel is built only when opened."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from centralasia.settings import PROJECT_ROOT

from .conftest import run_page

# Modules the Overview does not need; each costs tens to hundreds of milliseconds to import.
HEAVY = ["pandas", "pyarrow", "centralasia.charts.figures", "centralasia.charts.tables", "centralasia.charts.takeaways", "centralasia.publish.exports",
         "centralasia.route.mapfig", "centralasia.route.geo", "centralasia.ui.charts"]  # fmt: skip

_PROBE = """
import json, sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({app!r}, default_timeout=60)
for key, value in {params!r}.items():
    at.query_params[key] = value
at.run()
assert not at.exception, at.exception
print(json.dumps([m for m in {heavy!r} if m in sys.modules]))
"""


def _loaded_by_first_page(**params: str) -> list[str]:
    code = _PROBE.format(app=str(PROJECT_ROOT / "app.py"), params=params, heavy=HEAVY)
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_overview_and_sidebar_load_none_of_the_heavy_modules():
    assert _loaded_by_first_page(lang="en") == []
    assert _loaded_by_first_page() == []  # German, the default


def test_overview_still_shows_every_country_with_its_role(release):
    from centralasia.i18n import t
    from centralasia.release import summary

    (table,) = [str(e.proto.body) for e in run_page(None, lang="en").get("html") if "ca-table" in str(e.proto.body)]
    assert f'<th scope="col">{t("col.role", "en")}</th>' in table
    for row in summary.countries(release, "en"):
        assert f'<th scope="row">{row.label}</th>' in table and f">{row.role}</td>" in table and f">{row.iso3}</td>" in table


def test_share_panel_is_built_only_when_opened():
    closed = run_page("pages/sectors.py", lang="en")
    assert [e.label for e in closed.sidebar.expander if "Share" in e.label]
    assert not closed.sidebar.code  # no snippets built, no syntax highlighter shipped to the browser
    opened = run_page("pages/sectors.py", share_panel=True, lang="en")
    assert any(c.value.startswith("<iframe") for c in opened.sidebar.code)
