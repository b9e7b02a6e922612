"""The page registry: every page of the app, its title key, icon, stable url_path and file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    key: str
    file: str
    url_path: str
    icon: str
    default: bool = False

    @property
    def link_path(self) -> str:
        """The path that opens this page: Streamlit serves the default page at the root."""
        return "" if self.default else self.url_path

    @property
    def title_key(self) -> str:
        return f"page.{self.key}"


# Order is the navigation order. url_paths are permalinks: never rename one without a redirect.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "pages/overview.py", "overview", "🧭", default=True),
    PageSpec("map", "pages/map.py", "map", "🗺️"),
    PageSpec("sectors", "pages/sectors.py", "sectors", "📊"),
    PageSpec("initiatives", "pages/initiatives.py", "initiatives", "🤝"),
    PageSpec("conflicts", "pages/conflicts.py", "conflicts", "🕊️"),
    PageSpec("source", "pages/source.py", "source", "📜"),
    PageSpec("about", "pages/about.py", "about", "ℹ️"),
)
