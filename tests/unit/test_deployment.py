"""Deployment readiness: the Streamlit config has light and dark themes and fetches no remote fonts."""

from __future__ import annotations

import re
import tomllib

from centralasia.settings import PROJECT_ROOT


def test_config_has_light_and_dark_themes_and_no_remote_fonts():
    text = (PROJECT_ROOT / ".streamlit" / "config.toml").read_text()
    config = tomllib.loads(text)
    assert "light" in config["theme"] and "dark" in config["theme"]
    assert not re.search(r"https?://", text), "no remote fonts or assets in the theme"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableStaticServing"] is True


def test_app_uses_no_paths_relative_to_the_working_directory():
    app = (PROJECT_ROOT / "app.py").read_text()
    assert '"static/' not in app, "page_icon and assets must be resolved from PROJECT_ROOT"
