"""The registries of the app: every page (title key, Material icon, stable url_path, file) and every chart.

A chart is registered once, here: its key (used in URLs and embed snippets), the page that shows it,
the catalogue key of its short name, the height its chart-only iframe needs, and the function that
builds it. Pages, the chart-only view (/embed), the briefing and the README's list all read this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from centralasia.figures import Chart
    from centralasia.loader import Release


@dataclass(frozen=True)
class PageSpec:
    key: str
    file: str
    url_path: str
    icon: str  # a Streamlit Material icon (":material/name:"): renders offline, no emoji font needed
    default: bool = False
    hidden: bool = False  # served at its url_path (for iframes) but not listed in the navigation

    @property
    def link_path(self) -> str:
        """The path that opens this page: Streamlit serves the default page at the root."""
        return "" if self.default else self.url_path

    @property
    def title_key(self) -> str:
        return f"page.{self.key}"

    @property
    def charts(self) -> tuple[str, ...]:
        """Keys of the charts this page shows that can be embedded alone."""
        return tuple(c.key for c in CHARTS if c.page == self.key)


# Order is the navigation order. url_paths are permalinks: never rename one without a redirect.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "pages/overview.py", "overview", ":material/explore:", default=True),
    PageSpec("map", "pages/map.py", "map", ":material/map:"),
    PageSpec("sectors", "pages/sectors.py", "sectors", ":material/table_chart:"),
    PageSpec("initiatives", "pages/initiatives.py", "initiatives", ":material/handshake:"),
    PageSpec("conflicts", "pages/conflicts.py", "conflicts", ":material/balance:"),
    PageSpec("source", "pages/source.py", "source", ":material/article:"),
    PageSpec("releases", "pages/releases.py", "releases", ":material/library_books:"),
    PageSpec("briefing", "pages/briefing.py", "briefing", ":material/description:"),
    PageSpec("about", "pages/about.py", "about", ":material/info:"),
    PageSpec("embed", "pages/embed.py", "embed", ":material/open_in_new:", hidden=True),
)


@dataclass(frozen=True)
class Box:
    """The box a figure is composed for, in CSS px."""

    width: int  # content width the figure gets (300..1700 on screens)
    height: int | None = None  # fixed height when the container imposes one (embed iframe, image, print)
    medium: str = "screen"  # "screen" | "embed" | "print" | "image"


@dataclass(frozen=True)
class ChartOptions:
    """What a page or an embed URL may narrow a chart by; charts ignore what does not concern them."""

    sector: str | None = None
    country: str | None = None
    layers: Any = None
    view: str = "corridor"
    legend: bool = True


# builder(release, lang, options) -> Chart. Map charts get their geodata through centralasia.ui.data.
Builder = Callable[["Release", str, ChartOptions], "Chart"]


def _sector_matrix(release, lang, o):
    from centralasia import views

    return views.sector_matrix_chart(release, lang, o.sector, o.country)


def _initiative_matrix(release, lang, o):
    from centralasia import views

    return views.initiative_matrix_chart(release, lang)


@dataclass(frozen=True)
class ChartSpec:
    key: str
    page: str
    embed_height: int  # px the chart-only iframe needs at 800 px width (checked by a browser test)
    builder: Builder | None = None  # None: built by the page's own module (the map charts need geodata)
    needs_geo: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def title_key(self) -> str:
        return f"chart.{self.key}"


CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("route-map", "map", 720, needs_geo=True),
    ChartSpec("freight", "map", 640, needs_geo=True),
    ChartSpec("sector-matrix", "sectors", 640, _sector_matrix),
    ChartSpec("initiative-matrix", "initiatives", 720, _initiative_matrix),
)
CHART_BY_KEY: dict[str, ChartSpec] = {c.key: c for c in CHARTS}
# Keys that older links and snippets used; the chart-only view opens the chart that replaced them.
RENAMED_CHARTS: dict[str, str] = {
    "sector-mentions": "sector-matrix",
    "initiative-network": "initiative-matrix",
    "initiative-domains": "initiative-matrix",
}


def visible_pages() -> tuple[PageSpec, ...]:
    return tuple(p for p in PAGES if not p.hidden)


def embeddable_charts() -> tuple[str, ...]:
    return tuple(c.key for c in CHARTS)


def chart_key(raw: object, default: str = "route-map") -> str:
    """A chart key from a URL: known keys as they are, renamed ones mapped, anything else the default."""
    key = str(raw or "")
    key = RENAMED_CHARTS.get(key, key)
    return key if key in CHART_BY_KEY else default


def embed_height(key: str) -> int:
    return CHART_BY_KEY[chart_key(key)].embed_height


def readme_chart_table() -> str:
    """The README's chart list (between its ``charts:start``/``charts:end`` markers), written from this registry."""
    from centralasia.i18n import t

    pages = {p.key: p for p in PAGES}
    rows = ["| Key | Page | Snippet height | Chart |", "|---|---|---|---|"]
    for c in CHARTS:
        page = pages[c.page]
        rows.append(f"| `{c.key}` | `/{page.link_path}` | {c.embed_height} px | {t(c.title_key, 'en')} |")
    return "\n".join(rows)
