"""The data URLs through a real `streamlit run` server (what Community Cloud runs) and through HAProxy
(`scripts/serve.sh`): the CLI's bytes, content types, ETag/304, CORS, and JSON 404s for unknown ids and for
traversal attempts sent as raw bytes (`..`, encoded slashes). No browser needed: plain HTTP, as QGIS or Power
Query would ask."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
from functools import cache
from urllib.parse import urlsplit

import pytest

from benchmarks.support import haproxy_path, start_cluster, start_server, stop, stop_cluster
from centralasia import settings
from centralasia.release.loader import load_catalog
from centralasia.settings import PROJECT_ROOT

pytestmark = pytest.mark.browser


def _servers():
    yield "streamlit-run"
    yield pytest.param(
        "haproxy",
        marks=pytest.mark.skipif(haproxy_path() is None, reason="haproxy is not installed (Debian/Ubuntu: apt-get install haproxy)"),
    )


@pytest.fixture(scope="module", params=list(_servers()))
def base_url(request, tmp_path_factory):
    if request.param == "haproxy":
        cluster = start_cluster(2, log=tmp_path_factory.mktemp("api-serve") / "serve.log")
        yield cluster.url
        stop_cluster(cluster)
    else:
        proc, url = start_server()
        yield url
        stop(proc)


def _get(base: str, raw_path: str, method: str = "GET", headers: dict | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request with the path sent exactly as given (no normalising of `..` or `%2F` by a client library)."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest(method, raw_path, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


@cache
def _cli(*args: str) -> bytes:
    """What `python -m centralasia export` writes (once per arguments: both servers are compared with the same bytes)."""
    return subprocess.run([sys.executable, "-m", "centralasia", "export", *args], cwd=PROJECT_ROOT, capture_output=True, check=True).stdout


@pytest.fixture(scope="module")
def release_id() -> str:
    return load_catalog(settings.releases_root()).releases[0].id


def test_bodies_are_the_cli_bytes_with_their_headers(base_url, release_id):
    cases = [
        ("/api/v1/releases.json", "application/json; charset=utf-8", ("--format", "index")),
        (f"/api/v1/releases/{release_id}.json", "application/json; charset=utf-8", ("--format", "json", "--release", release_id, "--reviewed-only")),
        (f"/api/v1/releases/{release_id}.csv", "text/csv; charset=utf-8", ("--format", "csv", "--release", release_id)),
        ("/api/v1/corridor.geojson", "application/geo+json; charset=utf-8", ("--format", "geojson")),
        ("/api/v1/context.json", "application/json; charset=utf-8", ("--format", "context-json")),
        ("/api/v1/context.csv", "text/csv; charset=utf-8", ("--format", "context-csv")),
    ]  # fmt: skip
    for path, media, args in cases:
        status, headers, body = _get(base_url, path)
        assert status == 200, (path, body[:200])
        assert body == _cli(*args), path
        assert headers["content-type"] == media
        assert headers["access-control-allow-origin"] == "*"
        if "set-cookie" in headers:
            # HAProxy (scripts/serve.sh) inserts its stickiness cookie and marks that one response `private`
            # (deploy/haproxy.cfg: `nocache`); with the cookie sent back, the app's own header comes through.
            assert "STREAMLIT_REPLICA" in headers["set-cookie"] and headers["cache-control"] == "private"
            cookie = headers["set-cookie"].split(";", 1)[0]
            status, headers, body = _get(base_url, path, headers={"Cookie": cookie})
            assert status == 200 and body == _cli(*args) and "set-cookie" not in headers
        assert "public" in headers["cache-control"] and "max-age=" in headers["cache-control"]
        etag = headers["etag"]
        status, again, body = _get(base_url, path, headers={"If-None-Match": etag})
        assert (status, body, again["etag"]) == (304, b"", etag), path
    index = json.loads(_get(base_url, "/api/v1/releases.json")[2])
    assert index["releases"][0]["json"] == f"/api/v1/releases/{release_id}.json"


def test_cors_preflight_and_head(base_url, release_id):
    status, headers, _ = _get(base_url, f"/api/v1/releases/{release_id}.csv", "OPTIONS",
                              {"Origin": "https://app.datawrapper.de", "Access-Control-Request-Method": "GET"})  # fmt: skip
    assert status == 204 and headers["access-control-allow-origin"] == "*" and "GET" in headers["access-control-allow-methods"]
    status, headers, body = _get(base_url, f"/api/v1/releases/{release_id}.csv", "HEAD")
    assert status == 200 and body == b"" and headers["etag"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/releases/2099-01-01-no-such-release.json",
        "/api/v1/releases/2099-01-01-no-such-release.csv",
        "/api/v1/releases/../../../etc/passwd",
        "/api/v1/releases/..%2F..%2F..%2Fetc%2Fpasswd.json",
        "/api/v1/releases%2F{release_id}.json",  # a served release behind an encoded slash
        "/api/v1/%2e%2e/%2e%2e/app.py",
        "/api/v1/releases/%2E%2E%2Fmetadata.json",
        "/api/v1/../../app.py",
        "/api/v2/releases.json",
        "/api/",
    ],
)
def test_unknown_ids_and_traversal_attempts_are_a_json_404(base_url, path, release_id):
    status, headers, body = _get(base_url, path.replace("{release_id}", release_id))
    assert status == 404, (path, body[:200])
    assert headers["content-type"] == "application/json; charset=utf-8"
    assert json.loads(body)["status"] == 404
    assert b"root:" not in body and b"import" not in body


def test_the_app_still_serves_its_pages(base_url):
    status, _, body = _get(base_url, "/sectors")
    assert status == 200 and b"<html" in body.lower()
    assert _get(base_url, "/_stcore/health")[0] == 200
