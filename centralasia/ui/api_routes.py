"""The ``/api/…`` data URLs on the app's own server (``st.App`` in app.py): ASGI glue around centralasia.publish.api.

Registered as ``st.App(middleware=[API_MIDDLEWARE])`` rather than as ``routes``: Streamlit puts user routes
behind its own path-security middleware, which answers a path holding ``..`` with a plain-text 400 before any
route sees it. The data URLs promise a JSON 404 for every path they do not serve, so they answer first: every
request whose path starts with ``/api/`` is answered here (never by the app's pages); everything else passes on
to Streamlit untouched.

The releases come from the same cached catalogue the pages read (``get_catalog``), so a URL serves what the app
shows; bodies are built once per version of the data and URL (``centralasia.publish.api.Api``).
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.middleware import Middleware

from centralasia.publish.api import Api, files_version


def _catalog():
    from centralasia import settings
    from centralasia.ui.data import catalog_fingerprint, get_catalog

    return catalog_fingerprint(settings.releases_root()), get_catalog()


def _files_version() -> str:
    from centralasia.release.context import INDICATORS_FILE
    from centralasia.route.geo import GEO_DIR

    return files_version(GEO_DIR / "segments.geojson", INDICATORS_FILE)


API = Api(_catalog, _files_version)


def is_api_path(raw_path: bytes) -> bool:
    return raw_path == b"/api" or raw_path.startswith(b"/api/")


class ApiMiddleware:
    """Answers ``/api/…`` requests with centralasia.publish.api; passes every other request on."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        raw = (scope.get("raw_path") or scope.get("path", "").encode()) if scope.get("type") == "http" else b""
        if scope.get("type") != "http" or not is_api_path(raw.split(b"?", 1)[0]):
            await self.app(scope, receive, send)
            return
        # The raw bytes of the path as sent (no percent-decoding): "%2F" or "%2E%2E" can never form a match.
        raw_path = raw.split(b"?", 1)[0].decode("latin-1")
        headers = Headers(scope=scope)
        answer = await run_in_threadpool(API.respond, scope.get("method", "GET"), raw_path, headers.get("if-none-match"))
        await send(
            {
                "type": "http.response.start",
                "status": answer.status,
                "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in answer.headers.items()],
            }
        )
        await send({"type": "http.response.body", "body": answer.body})


API_MIDDLEWARE = Middleware(ApiMiddleware)
