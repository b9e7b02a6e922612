"""Serving: the catalogue is compiled once per version of the data files; HAProxy's config and the deploy files hold together."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from benchmarks.support import haproxy_path
from centralasia.settings import PROJECT_ROOT

from ..fixtures import make_release


@pytest.fixture
def catalog_root(monkeypatch, serve_releases, tmp_path):
    """get_catalog pointed at a folder of releases we write ourselves."""
    from centralasia.ui import data as ui_data

    root = tmp_path / "releases"
    make_release(root / "2030-01-01-fixture")
    monkeypatch.setattr(ui_data, "_FINGERPRINT_TTL_S", 0.0)
    yield serve_releases(root)


def test_catalog_is_compiled_once_per_version_of_the_data(catalog_root, monkeypatch):
    from centralasia.ui import data as ui_data

    calls = []
    real = ui_data.load_catalog
    monkeypatch.setattr(ui_data, "load_catalog", lambda root: calls.append(1) or real(root))
    first = ui_data.get_catalog()
    assert ui_data.get_catalog() is first and ui_data.get_catalog() is first
    assert len(calls) == 1, "an unchanged data folder is not parsed again"
    assert [r.id for r in first.releases] == ["2030-01-01-fixture"]


def test_a_changed_or_added_release_file_is_picked_up_without_restart(catalog_root):
    from centralasia.ui import data as ui_data

    before = ui_data.get_catalog()
    fingerprint = ui_data.catalog_fingerprint(catalog_root)
    make_release(catalog_root / "2031-02-03-second", release_id="2031-02-03-second")
    assert ui_data.catalog_fingerprint(catalog_root) != fingerprint
    after = ui_data.get_catalog()
    assert after is not before
    assert {r.id for r in after.releases} == {"2030-01-01-fixture", "2031-02-03-second"}

    # An edit that keeps the size still changes the modification time.
    meta = catalog_root / "2031-02-03-second" / "metadata.yaml"
    stat = meta.stat()
    os.utime(meta, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert ui_data.get_catalog() is not after


def test_caches_built_from_a_release_are_emptied_when_the_data_changes(catalog_root):
    import streamlit as st

    from centralasia.ui import data as ui_data

    builds = []

    @st.cache_resource
    def chart_of(release_id: str) -> str:  # like the chart, map and export caches: keyed by release id only
        builds.append(release_id)
        return ui_data.get_catalog().get(release_id).meta.title

    ui_data.get_catalog()
    chart_of("2030-01-01-fixture")
    ui_data.get_catalog()
    chart_of("2030-01-01-fixture")
    assert builds == ["2030-01-01-fixture"], "nothing is emptied while the data stays the same"
    (catalog_root / "2030-01-01-fixture" / "metadata.yaml").write_text("id: [", encoding="utf-8")
    catalog = ui_data.get_catalog()
    assert catalog.problems and "metadata.yaml" in str(catalog.problems[0])
    assert catalog.releases == ()
    make_release(catalog_root / "2030-01-01-fixture")
    ui_data.get_catalog()
    chart_of("2030-01-01-fixture")
    assert builds == ["2030-01-01-fixture", "2030-01-01-fixture"], "the cached chart was rebuilt from the new data"


def test_fingerprint_reads_no_file_contents(catalog_root, monkeypatch):
    from centralasia.ui import data as ui_data

    def no_reading(*args, **kwargs):
        raise AssertionError("the fingerprint must only stat files")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "read_text", no_reading)
    assert len(ui_data.catalog_fingerprint(catalog_root)) == 32


@pytest.mark.slow
@pytest.mark.skipif(haproxy_path() is None, reason="haproxy is not installed (Debian/Ubuntu: apt-get install haproxy)")
@pytest.mark.parametrize("backend", ["serve.sh", "compose"])
def test_haproxy_accepts_the_shared_config(tmp_path, backend):
    if backend == "compose":
        second = PROJECT_ROOT / "deploy" / "haproxy-compose-backend.cfg"
    else:
        second = tmp_path / "backend.cfg"
        second.write_text("backend streamlit\n    server replica1 127.0.0.1:18501 cookie r1\n")
    env = {**os.environ, "ADDRESS": "127.0.0.1", "PORT": "18500", "COOKIE_KEY": "test-key"}
    done = subprocess.run([haproxy_path(), "-c", "-f", str(PROJECT_ROOT / "deploy" / "haproxy.cfg"), "-f", str(second)],
                          env=env, capture_output=True, text=True, timeout=30)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_haproxy_config_sticks_sessions_checks_health_and_keeps_websockets_open():
    cfg = (PROJECT_ROOT / "deploy" / "haproxy.cfg").read_text()
    lines = {line.split()[0] + " " + line.split()[1] for line in cfg.splitlines() if len(line.split()) > 1 and not line.startswith("#")}
    assert "balance leastconn" in lines
    assert "cookie STREAMLIT_REPLICA" in lines
    assert "option httpchk" in lines and "GET /_stcore/health" in cfg
    assert "timeout tunnel" in lines
    assert "option redispatch" in lines


@pytest.mark.slow
def test_serve_script_without_haproxy_says_how_to_install_it(tmp_path):
    bash = shutil.which("bash")
    done = subprocess.run([bash, str(PROJECT_ROOT / "scripts" / "serve.sh")], env={**os.environ, "HAPROXY": str(tmp_path / "missing")},
                          capture_output=True, text=True, timeout=30)  # fmt: skip
    assert done.returncode == 127
    assert "apt-get install haproxy" in done.stderr and "brew install haproxy" in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("replicas", ["0", "two", "-1"])
def test_serve_script_rejects_a_bad_replica_count(replicas):
    done = subprocess.run(["bash", str(PROJECT_ROOT / "scripts" / "serve.sh")], env={**os.environ, "REPLICAS": replicas},
                          capture_output=True, text=True, timeout=30)  # fmt: skip
    assert done.returncode == 2 and "REPLICAS" in done.stderr


def test_benchmark_dependencies_stay_out_of_requirements():
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    assert "playwright" in " ".join(pyproject["project"]["optional-dependencies"]["bench"])
    assert "playwright" not in (PROJECT_ROOT / "requirements.txt").read_text()
    assert not list((PROJECT_ROOT / "centralasia").glob("bench*.py")), "the benchmark lives in benchmarks/, not in the app package"


def test_dockerfile_runs_as_a_non_root_user_with_pinned_requirements_and_a_health_check():
    text = (PROJECT_ROOT / "deploy" / "Dockerfile").read_text()
    assert text.startswith("# ") and "FROM python:3.11-slim" in text
    assert "requirements.txt" in text and "HEALTHCHECK" in text and "/_stcore/health" in text
    users = [line.split()[1] for line in text.splitlines() if line.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")


@pytest.mark.slow
@pytest.mark.skipif(haproxy_path() is None, reason="haproxy is not installed (Debian/Ubuntu: apt-get install haproxy)")
def test_serve_script_refuses_a_port_in_use():
    import socket
    import sys

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {**os.environ, "PORT": str(port - 1), "ADDRESS": "127.0.0.1", "PYTHON": sys.executable}
        done = subprocess.run(["bash", str(PROJECT_ROOT / "scripts" / "serve.sh")], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "is already in use" in done.stderr  # port, or by chance port - 1


def test_each_benchmark_replaces_only_its_own_section_of_the_report(tmp_path):
    from benchmarks.report import write_section

    doc = tmp_path / "benchmark.md"
    write_section("one-process", "## One process\n\nfirst", doc)
    write_section("cluster", "## Cluster\n\nfirst", doc)
    doc.write_text(doc.read_text().replace("# Benchmark", "# Benchmark\n\nA note a maintainer wrote."))
    write_section("one-process", "## One process\n\nsecond", doc)
    text = doc.read_text()
    assert "second" in text and "## Cluster\n\nfirst" in text and "A note a maintainer wrote." in text
    assert text.count("## One process") == 1 and text.index("## One process") < text.index("## Cluster")


def test_one_run_works_on_one_snapshot_even_when_a_release_vanishes_midway(catalog_root):
    """Inside a script run every get_catalog() returns the catalogue pinned when the run started (issue 23, item 3)."""
    from streamlit.testing.v1 import AppTest

    def script():
        import shutil

        import streamlit as st

        from centralasia import settings
        from centralasia.ui import data

        first = data.pin_snapshot()
        shutil.rmtree(settings.releases_root() / "2030-01-01-fixture")  # a writer removes the folder mid-run
        import time

        time.sleep(0.05)
        later = data.get_catalog()
        st.write(
            f"same={later is first} found={later.get('2030-01-01-fixture') is not None} version={data.data_version() == first.version}"
        )

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert at.markdown[0].value == "same=True found=True version=True"
    from centralasia.ui import data as ui_data

    assert ui_data.get_catalog().get("2030-01-01-fixture") is None, "the next run sees the folder gone"
