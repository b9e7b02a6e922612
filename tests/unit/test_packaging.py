"""Deployment readiness: requirements.txt is pinned and agrees with pyproject.toml."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.version import Version

from centralasia.settings import PROJECT_ROOT


def _pins() -> dict[str, str]:
    pins = {}
    for line in (PROJECT_ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"requirements.txt line is not pinned: {line}"
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_every_runtime_dependency_is_pinned_within_its_range():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    pins = _pins()
    for spec in project["dependencies"]:
        req = Requirement(spec)
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        assert name in pins, f"{name} is in pyproject.toml but not in requirements.txt"
        assert req.specifier.contains(Version(pins[name])), f"{name}=={pins[name]} is outside {req.specifier}"
    assert Version(pins["streamlit"]) >= Version("1.67")


def test_no_competing_dependency_file_for_community_cloud():
    for name in ("uv.lock", "Pipfile", "environment.yml"):
        assert not (PROJECT_ROOT / name).exists(), f"{name} would take precedence over requirements.txt on Community Cloud"


def test_python_versions_allowed():
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    from packaging.specifiers import SpecifierSet

    spec = SpecifierSet(project["requires-python"])
    assert all(spec.contains(v) for v in ("3.11", "3.12", "3.13"))
