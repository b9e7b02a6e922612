"""The registries of the app: every page (title key, Material icon, stable url_path, file) and every chart.

A chart is registered once, here: its key (used in URLs and embed snippets), the page that shows it,
the catalogue key of its short name, the height of its snippet's iframe, and its builder ``builder(ctx) -> Chart``.
``build_chart(key, ChartContext(...))`` is the one way to build a chart, composed for the context's ``Box``:
pages, the chart-only view (/embed), the briefing, image downloads and tests all call it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from centralasia.charts.figures import Chart
    from centralasia.release.loader import Release


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
# The curators' Review page: registered only while the curation switch is on (centralasia.ui.review.curation_on).
REVIEW_PAGE = PageSpec("review", "pages/review.py", "review", ":material/rate_review:")


@dataclass(frozen=True)
class ChartOptions:
    """What a page or an embed URL may narrow a chart by; charts ignore what does not concern them."""

    sector: str | None = None
    country: str | None = None
    layers: Any = None  # mapstyle.MapLayers (None: everything)
    view: str = "corridor"
    legend: bool = True
    node: str | None = None  # the map's marked node id


@dataclass(frozen=True)
class Box:
    """The box a figure is composed for, in CSS px."""

    width: int  # content width the figure gets (300..1700 on screens)
    height: int | None = None  # fixed height when the container imposes one (embed iframe, image, print)
    medium: str = "screen"  # "screen" | "embed" | "print" | "image"


# Until the browser reports the content column's width (and in AppTest): a laptop's column.
DEFAULT_BOX = Box(1100)
# Image downloads (PNG/SVG): a named, fixed size, rendered at IMAGE_SCALE.
IMAGE_BOX = Box(1200, 800, "image")
IMAGE_SCALE = 2
# The briefing's printed column: A4 portrait less 15 mm margins each side (180 mm at 96 px per inch).
PRINT_BOX = Box(680, None, "print")
BOX_STEP = 20  # reported widths are rounded down to this step: fewer distinct figures to build and cache


def bucket(width: float, step: int = BOX_STEP) -> int:
    """A reported width rounded down to ``step`` px and clamped to the sizes charts are composed for."""
    return int(max(280, min(1920, int(width) // step * step)))


@dataclass(frozen=True)
class ChartContext:
    """Everything a chart is built from: the release, language, theme, filters and the box it is shown in."""

    release: Release = field(compare=False, hash=False)
    lang: str
    theme: str = "light"  # "light" | "dark"
    options: ChartOptions = ChartOptions()
    box: Box = DEFAULT_BOX

    def cache_key(self, key: str, data_version: str) -> tuple:
        """What a built chart is cached by: the release by id and the data version, not by the object."""
        return (key, self.release.id, data_version, self.lang, self.theme, self.options, self.box)


# builder(ctx) -> Chart, composed for ctx.box, in ctx.theme unless the spec says the page themes it.
Builder = Callable[[ChartContext], "Chart"]


def _sector_matrix(ctx: ChartContext) -> Chart:
    from centralasia.charts import takeaways

    o = ctx.options
    return takeaways.sector_matrix_chart(ctx.release, ctx.lang, o.sector, o.country, box=ctx.box)


def _initiative_matrix(ctx: ChartContext) -> Chart:
    from centralasia.charts import takeaways

    return takeaways.initiative_matrix_chart(ctx.release, ctx.lang, box=ctx.box)


@lru_cache(maxsize=2)
def _prepared_geo(signature: tuple) -> tuple:
    from centralasia.route.geo import project_layers, read_layers
    from centralasia.route.mapstyle import VIEWS

    layers = read_layers()
    return layers, project_layers(layers, views=VIEWS)


def _geo_signature() -> tuple:
    """Name, size and modification time of the prepared map file: a changed file is read again."""
    from centralasia.route.geo import GEO_DIR, PREPARED

    try:
        stat = (GEO_DIR / PREPARED).stat()
    except OSError:
        return (str(GEO_DIR), None)
    return (str(GEO_DIR), stat.st_size, stat.st_mtime_ns)


def prepared_geo() -> tuple:
    """(layers, projected): the map layers read, checked and projected once per version of the file (pure, no Streamlit).

    Raises OSError/ValueError when the prepared file is missing or broken (callers show a notice instead of the map).
    """
    return _prepared_geo(_geo_signature())


@lru_cache(maxsize=2)
def _corridor_figures(signature: tuple) -> dict:
    from centralasia.route.geo import read_corridor_figures

    return read_corridor_figures()


def corridor_figures() -> dict:
    """The published corridor figures (freight, capacity, transit times), read once per version of the geodata."""
    return _corridor_figures(_geo_signature())


def clear_geo() -> None:
    """Forget the map layers and corridor figures read so far (the next call reads the files again)."""
    _prepared_geo.cache_clear()
    _corridor_figures.cache_clear()


def _route_map(ctx: ChartContext) -> Chart:
    from centralasia.route import mapview

    return mapview.route_map_chart(ctx, prepared_geo()[1], corridor_figures())


def _freight(ctx: ChartContext) -> Chart:
    from centralasia.route import mapview

    return mapview.freight_chart(ctx, corridor_figures())


@dataclass(frozen=True)
class ChartSpec:
    key: str
    page: str
    embed_height: int  # px of the snippet's iframe (800 px wide) the README and the embed dialog hand out
    builder: Builder
    needs_geo: bool = False  # built from the prepared map layers: shows a notice instead when they cannot be read
    draws_theme: bool = False  # the builder draws the dark variant itself (the map's basemap colours change too)

    @property
    def title_key(self) -> str:
        return f"chart.{self.key}"


CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("route-map", "map", 720, _route_map, needs_geo=True, draws_theme=True),
    ChartSpec("freight", "map", 640, _freight, needs_geo=True),
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


def build_chart(key: str, ctx: ChartContext) -> Chart:
    """The one way to build a chart: by its registry key (or an old key), composed for ``ctx.box`` in ``ctx.theme``.

    Pages, the chart-only view, the briefing and image downloads all call this; the Streamlit side caches the result
    by ``ctx.cache_key`` (centralasia.ui.data.built_chart).
    """
    from dataclasses import replace

    spec = CHART_BY_KEY[chart_key(key)]
    chart = spec.builder(ctx)
    if ctx.theme == "dark" and not spec.draws_theme and chart.figure is not None:
        from centralasia.charts.theme import themed

        chart = replace(chart, figure=themed(chart.figure, "dark"))
    return chart


def readme_chart_table() -> str:
    """The README's chart list (between its ``charts:start``/``charts:end`` markers), written from this registry."""
    from centralasia.i18n import t

    pages = {p.key: p for p in PAGES}
    rows = ["| Key | Page | Snippet height | Chart |", "|---|---|---|---|"]
    for c in CHARTS:
        page = pages[c.page]
        rows.append(f"| `{c.key}` | `/{page.link_path}` | {c.embed_height} px | {t(c.title_key, 'en')} |")
    return "\n".join(rows)
