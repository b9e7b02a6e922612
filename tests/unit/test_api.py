"""The data URLs (centralasia.publish.api), request → response without a server: same bytes as the CLI, headers, 304,
404s for unknown ids and traversal attempts, records awaiting review never served. tests/browser/test_api.py
asks a real `streamlit run` server and HAProxy the same."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from centralasia.publish.api import API_PREFIX, Api, index_json
from centralasia.release.loader import load_catalog
from centralasia.settings import PROJECT_ROOT
from tests.fixtures import make_release

RID = "2030-01-01-fixture"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "releases"
    folder = make_release(root / RID, release_id=RID)
    records = yaml.safe_load((folder / "records.yaml").read_text(encoding="utf-8"))
    for r in records:
        if r["id"] == "turkmenistan":
            r["label_de"] = '=HYPERLINK("http://evil.invalid")'
        if r["id"] == "img-conflict":
            r["review"] = "pending"
    (folder / "records.yaml").write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture
def api(root: Path) -> Api:
    catalog = load_catalog(root)
    assert not catalog.problems, catalog.problems
    return Api(lambda: ("v1", catalog), lambda: "files")


def _cli(*args: str) -> bytes:
    done = subprocess.run([sys.executable, "-m", "centralasia", "export", *args], cwd=PROJECT_ROOT, capture_output=True, check=True)
    return done.stdout


@pytest.mark.slow
def test_bodies_are_the_cli_bytes(api, root):
    assert api.respond("GET", f"{API_PREFIX}/releases/{RID}.json").body == _cli(
        "--format", "json", "--release", RID, "--reviewed-only", "--path", str(root)
    )
    assert api.respond("GET", f"{API_PREFIX}/releases/{RID}.csv").body == _cli("--format", "csv", "--release", RID, "--path", str(root))
    assert api.respond("GET", f"{API_PREFIX}/releases.json").body == _cli("--format", "index", "--path", str(root))
    assert api.respond("GET", f"{API_PREFIX}/corridor.geojson").body == _cli("--format", "geojson")
    assert api.respond("GET", f"{API_PREFIX}/context.json").body == _cli("--format", "context-json")
    assert api.respond("GET", f"{API_PREFIX}/context.csv").body == _cli("--format", "context-csv")


def test_records_awaiting_review_are_not_served_and_csv_cells_are_neutralised(api):
    data = json.loads(api.respond("GET", f"{API_PREFIX}/releases/{RID}.json").body)
    ids = {r["id"] for r in data["releases"][0]["records"]}
    assert "img-conflict" not in ids and "turkmenistan" in ids and data["releases"][0]["pending_review"] == 0
    csv_text = api.respond("GET", f"{API_PREFIX}/releases/{RID}.csv").body.decode()
    assert "'=HYPERLINK" in csv_text and ",=HYPERLINK" not in csv_text and "img-conflict" not in csv_text


def test_headers_etag_and_304(api):
    for path, media in [
        (f"/releases/{RID}.json", "application/json; charset=utf-8"),
        (f"/releases/{RID}.csv", "text/csv; charset=utf-8"),
        ("/releases.json", "application/json; charset=utf-8"),
        ("/corridor.geojson", "application/geo+json; charset=utf-8"),
        ("/context.csv", "text/csv; charset=utf-8"),
    ]:
        r = api.respond("GET", API_PREFIX + path)
        assert r.status == 200 and r.headers["Content-Type"] == media
        assert r.headers["Access-Control-Allow-Origin"] == "*" and "GET" in r.headers["Access-Control-Allow-Methods"]
        assert r.headers["Cache-Control"].startswith("public, max-age=") and r.headers["ETag"].startswith('"')
        assert int(r.headers["Content-Length"]) == len(r.body)
        again = api.respond("GET", API_PREFIX + path, if_none_match=r.headers["ETag"])
        assert again.status == 304 and again.body == b"" and again.headers["ETag"] == r.headers["ETag"]
        assert api.respond("GET", API_PREFIX + path, if_none_match=f'"other", W/{r.headers["ETag"]}').status == 304
        assert api.respond("GET", API_PREFIX + path, if_none_match='"stale"').status == 200
        head = api.respond("HEAD", API_PREFIX + path)
        assert head.status == 200 and head.body == b"" and head.headers["ETag"] == r.headers["ETag"]


def test_an_edit_changes_the_etag(root):
    state = {"v": "1", "catalog": load_catalog(root)}
    api = Api(lambda: (state["v"], state["catalog"]))
    before = api.respond("GET", f"{API_PREFIX}/releases/{RID}.json").headers["ETag"]
    meta = root / RID / "metadata.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("title_en: Fixture", "title_en: Edited fixture"), encoding="utf-8")
    state.update(v="2", catalog=load_catalog(root))
    after = api.respond("GET", f"{API_PREFIX}/releases/{RID}.json")
    assert after.headers["ETag"] != before and b"Edited fixture" in after.body


@pytest.mark.parametrize(
    "path",
    [
        "/releases/2099-01-01-unknown.json",
        f"/releases/{RID}.xml",
        f"/releases/{RID.upper()}.json",
        "/releases/../releases.json",
        f"/releases/..%2F{RID}.json",
        f"/releases%2F{RID}.json",
        f"/releases/{RID}%2Ejson",
        "/releases/%2e%2e/%2e%2e/etc/passwd",
        "/../../etc/passwd",
        "/releases/.json",
        "/releases/",
        "/",
        "",
        f"/releases/{RID}.json/",
        "/corridor.geojson/../context.json",
    ],
)
def test_unknown_ids_and_traversal_attempts_are_a_json_404(api, path):
    r = api.respond("GET", API_PREFIX + path)
    assert r.status == 404 and r.headers["Content-Type"] == "application/json; charset=utf-8"
    body = json.loads(r.body)
    assert body["status"] == 404 and body["index"] == f"{API_PREFIX}/releases.json"
    assert "passwd" not in r.body.decode() and "Traceback" not in r.body.decode()


def test_other_methods_and_preflight(api):
    post = api.respond("POST", f"{API_PREFIX}/releases.json")
    assert post.status == 405 and "GET" in post.headers["Allow"]
    pre = api.respond("OPTIONS", f"{API_PREFIX}/releases.json")
    assert pre.status == 204 and pre.headers["Access-Control-Allow-Origin"] == "*"


def test_the_index_pins_every_release_by_id(root):
    catalog = load_catalog(root)
    index = json.loads(index_json(catalog))
    assert [r["id"] for r in index["releases"]] == [r.id for r in catalog.releases]
    assert index["releases"][0]["json"] == f"{API_PREFIX}/releases/{RID}.json" and index["releases"][0]["csv"].endswith(f"{RID}.csv")


def test_no_path_from_the_request_reaches_the_file_system(api, monkeypatch):
    import builtins
    import os

    opened: list[str] = []
    real_open, real_stat = builtins.open, os.stat

    def spy_open(file, *a, **kw):
        opened.append(str(file))
        return real_open(file, *a, **kw)

    def spy_stat(path, *a, **kw):
        opened.append(str(path))
        return real_stat(path, *a, **kw)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(os, "stat", spy_stat)
    for path in ("/releases/..%2F..%2Fetc%2Fpasswd.json", "/releases/etc-passwd.json", "/releases/2099-01-01-x.csv"):
        assert api.respond("GET", API_PREFIX + path).status == 404
    assert not [p for p in opened if "passwd" in p or "2099" in p]
