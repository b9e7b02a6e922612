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
    hidden: bool = False  # served at its url_path (for iframes) but not listed in the navigation
    charts: tuple[str, ...] = ()  # keys of the charts it shows that can be embedded alone

    @property
    def link_path(self) -> str:
        """The path that opens this page: Streamlit serves the default page at the root."""
        return "" if self.default else self.url_path

    @property
    def title_key(self) -> str:
        return f"page.{self.key}"


# Order is the navigation order. url_paths are permalinks: never rename one without a redirect.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "pages/overview.py", "overview", "🧭", default=True, charts=("kind-counts",)),
    PageSpec("map", "pages/map.py", "map", "🗺️", charts=("route-map", "freight")),
    PageSpec("sectors", "pages/sectors.py", "sectors", "📊", charts=("sector-mentions", "sector-matrix")),
    PageSpec("initiatives", "pages/initiatives.py", "initiatives", "🤝", charts=("initiative-domains", "initiative-network")),
    PageSpec("conflicts", "pages/conflicts.py", "conflicts", "🕊️", charts=("conflicts", "conflict-map")),
    PageSpec("source", "pages/source.py", "source", "📜"),
    PageSpec("briefing", "pages/briefing.py", "briefing", "🗂️"),
    PageSpec("about", "pages/about.py", "about", "ℹ️"),
    PageSpec("embed", "pages/embed.py", "embed", "🖼️", hidden=True),
)


def visible_pages() -> tuple[PageSpec, ...]:
    return tuple(p for p in PAGES if not p.hidden)


def embeddable_charts() -> tuple[str, ...]:
    return tuple(c for p in PAGES for c in p.charts)
