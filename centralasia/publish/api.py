"""The data as URLs: ``/api/v1/…`` answered from the app's own server (request → response, no Streamlit here).

=====================================  ================================================  =============================
URL                                    body                                              same bytes as
=====================================  ================================================  =============================
``/api/v1/releases.json``              the index: every release with its URLs             ``export --format index``
``/api/v1/releases/<id>.json``         one release: metadata, text, reviewed records      ``export --format json --release <id> --reviewed-only``
``/api/v1/releases/<id>.csv``          one row per mention (cells neutralised)            ``export --format csv --release <id>``
``/api/v1/corridor.geojson``           the corridor legs (WGS84)                          ``export --format geojson``
``/api/v1/context.json`` / ``.csv``    the context figures, each with its source          ``export --format context-json`` / ``context-csv``
=====================================  ================================================  =============================

Every answer has a content type with its charset, a strong ``ETag`` (``If-None-Match`` gives ``304``),
``Cache-Control`` and CORS headers for GET, so spreadsheet programs, Datawrapper and QGIS can load them. The
request path is matched against the patterns above as raw bytes (no percent-decoding, so ``%2F`` or ``..`` never
match) and a release id is only ever looked up in the loaded catalogue: nothing from the request reaches the
file system. Anything else under ``/api/`` is a JSON 404. Records awaiting review are never served here.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from centralasia.release.loader import Catalog, Release

API_PREFIX = "/api/v1"
INDEX_FORMAT = "centralasia-release-index"
CONTEXT_FORMAT = "centralasia-context"
API_VERSION = 1
_ROUTE = re.compile(
    r"^/api/v1/(?:(?P<index>releases\.json)|releases/(?P<id>[a-z0-9]+(?:-[a-z0-9]+){0,30})\.(?P<ext>json|csv)"
    r"|(?P<corridor>corridor\.geojson)|context\.(?P<context>json|csv))$"
)
MEDIA = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
}
CACHE_CONTROL = "public, max-age=300"
INDEX_CACHE_CONTROL = "public, max-age=60"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match",
    "Access-Control-Expose-Headers": "ETag, Content-Disposition",
}
MAX_CACHED_BYTES = 32 * 1024 * 1024  # bodies kept per process, bounded by bytes (least recently used first out)


def release_url(release_id: str, ext: str) -> str:
    return f"{API_PREFIX}/releases/{release_id}.{ext}"


# ---------------------------------------------------------------- builders (the CLI's export uses the same)


def _finish(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def release_json(release: Release) -> str:
    """One release in the export's JSON shape, reviewed records only."""
    from centralasia.publish.exports import to_json

    return _finish(to_json((release,), include_pending=False))


def release_csv(release: Release) -> str:
    from centralasia.publish.exports import to_csv

    return _finish(to_csv((release,)))


def index_json(catalog: Catalog) -> str:
    """Every release with its title, date, publisher, language, record count and its pinned URLs."""
    releases = []
    for r in catalog.releases:
        releases.append(
            {
                "id": r.id,
                "title": r.meta.title,
                "title_en": r.meta.title_in("en"),
                "date": r.meta.date.isoformat(),
                "publisher": r.meta.publisher,
                "publisher_en": r.meta.publisher_in("en"),
                "language": r.meta.language,
                "records": len(r.records),
                "json": release_url(r.id, "json"),
                "csv": release_url(r.id, "csv"),
            }
        )
    payload = {
        "format": INDEX_FORMAT,
        "version": API_VERSION,
        "releases": releases,
        "corridor": f"{API_PREFIX}/corridor.geojson",
        "context": {"json": f"{API_PREFIX}/context.json", "csv": f"{API_PREFIX}/context.csv"},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def corridor_geojson() -> str:
    from centralasia.route.geoexport import corridor_geojson_text

    return corridor_geojson_text()


class ContextUnavailable(Exception):
    """data/context/indicators.yaml does not validate (the message is its one-line problem)."""


def _indicators():
    from centralasia.release.context import read_indicators

    found, problem = read_indicators()
    if problem:
        raise ContextUnavailable(problem)
    return found


CONTEXT_NOTE = "Published statistics that give a release's sectors their background; not release facts. Each carries its own source."


def context_json() -> str:
    payload = {
        "format": CONTEXT_FORMAT,
        "version": API_VERSION,
        "note": CONTEXT_NOTE,
        "indicators": [i.model_dump(mode="json") for i in _indicators()],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


CONTEXT_COLUMNS = ("id", "sectors", "label_de", "label_en", "period", "value", "value_text_de", "value_text_en", "unit_de", "unit_en",
                   "change_de", "change_en", "source_publisher", "source_publisher_en", "source_title", "source_date", "source_url",
                   "source_scope_de", "source_scope_en")  # fmt: skip


def context_csv() -> str:
    import pandas as pd

    from centralasia.safe_text import frame_csv

    rows = []
    for i in _indicators():
        d = i.model_dump(mode="json")
        src = d.pop("source")
        d["sectors"] = ";".join(d["sectors"])
        d.update({f"source_{k}": v for k, v in src.items()})
        rows.append({c: d.get(c) for c in CONTEXT_COLUMNS})
    return _finish(frame_csv(pd.DataFrame(rows, columns=list(CONTEXT_COLUMNS))))


# ---------------------------------------------------------------- request → response


@dataclass(frozen=True)
class ApiResponse:
    status: int
    headers: dict[str, str]
    body: bytes


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _etag_matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


def _error(status: int, message: str, extra_headers: dict[str, str] | None = None) -> ApiResponse:
    body = (json.dumps({"error": message, "status": status, "index": f"{API_PREFIX}/releases.json"}, ensure_ascii=False) + "\n").encode()
    headers = {
        "Content-Type": MEDIA["json"],
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        **CORS,
        **(extra_headers or {}),
    }
    return ApiResponse(status, headers, body)


class Api:
    """Answers ``/api/…`` requests. ``catalog`` returns the loaded releases and a version string of the data
    (bodies are cached per version and URL); the other data files are versioned by their own builders."""

    def __init__(self, catalog: Callable[[], tuple[str, Catalog]], data_version: Callable[[], str] = lambda: ""):
        self._catalog = catalog
        self._data_version = data_version
        from centralasia.publish.bytecache import ByteBudgetCache

        self._cache: ByteBudgetCache[bytes] = ByteBudgetCache(MAX_CACHED_BYTES)

    def respond(self, method: str, raw_path: str, if_none_match: str | None = None) -> ApiResponse:
        method = method.upper()
        match = _ROUTE.match(raw_path)
        if method == "OPTIONS":
            status = 204 if match else 404
            return ApiResponse(status, {**CORS, "Access-Control-Max-Age": "86400", "Cache-Control": "no-store"}, b"")
        if method not in ("GET", "HEAD"):
            return _error(405, "method not allowed: the data URLs answer GET", {"Allow": "GET, HEAD, OPTIONS"})
        if match is None:
            return _error(404, "not found: see the index of data URLs")
        try:
            found = self._resource(match)
        except ContextUnavailable:
            return _error(503, "the context figures are unavailable: their data file does not validate")
        except Exception as exc:  # noqa: BLE001 - the geodata or a builder failed: one line for the client
            from centralasia.route.geo import GeoDataError

            if isinstance(exc, GeoDataError):
                return _error(503, "the corridor data is unavailable: its data file cannot be read")
            raise
        if found is None:
            return _error(404, "unknown release id: see the index of data URLs")
        body, ext, name, cache = found
        etag = _etag(body)
        headers = {
            "Content-Type": MEDIA[ext],
            "ETag": etag,
            "Cache-Control": cache,
            "X-Content-Type-Options": "nosniff",
            "Content-Disposition": f'inline; filename="{name}"',
            **CORS,
        }
        if _etag_matches(if_none_match, etag):
            return ApiResponse(304, {k: v for k, v in headers.items() if k != "Content-Type"}, b"")
        headers["Content-Length"] = str(len(body))
        return ApiResponse(200, headers, b"" if method == "HEAD" else body)

    def _resource(self, match: re.Match) -> tuple[bytes, str, str, str] | None:
        if match["index"]:
            version, catalog = self._catalog()
            return self._cached(version, "index", lambda: index_json(catalog)), "json", "releases.json", INDEX_CACHE_CONTROL
        if match["id"]:
            version, catalog = self._catalog()
            release = catalog.get(match["id"])
            if release is None:
                return None
            ext = match["ext"]
            build = release_json if ext == "json" else release_csv
            body = self._cached(version, f"{release.id}.{ext}", lambda: build(release))
            return body, ext, f"{release.id}.{ext}", CACHE_CONTROL
        version = self._data_version()
        if match["corridor"]:
            return self._cached(version, "corridor", corridor_geojson), "geojson", "corridor_legs.geojson", CACHE_CONTROL
        ext = match["context"]
        build = context_json if ext == "json" else context_csv
        return self._cached(version, f"context.{ext}", build), ext, f"context.{ext}", CACHE_CONTROL

    def _cached(self, version: str, key: str, build: Callable[[], str]) -> bytes:
        return self._cache.get_or_build((version, key), lambda: build().encode("utf-8"))


def files_version(*paths) -> str:
    """A version string of data files (name, size, modification time): an edited file gives a new one."""
    import os

    parts = []
    for path in paths:
        try:
            st = os.stat(path)
            parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{path}:missing")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest()
