"""The offline briefing: one self-contained HTML file, and the data bundle (ZIP); one builder for app and CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from centralasia.charts import tables, takeaways
from centralasia.charts.figures import Chart, plotly_config
from centralasia.charts.registry import CHART_BY_KEY, Box, ChartContext, ChartOptions, build_chart
from centralasia.charts.theme import vocab_colour
from centralasia.i18n import format_date, t
from centralasia.publish import exports
from centralasia.publish.render import environment
from centralasia.release import context, summary
from centralasia.release.loader import Release
from centralasia.release.models import KINDS
from centralasia.route import mapview
from centralasia.route.geo import GeoLayers, ProjectedMap
from centralasia.safe_text import Markup, css_string, source_link

SECTIONS: tuple[str, ...] = ("key-facts", "map", "sectors", "initiatives", "conflicts", "quotes")
# A4 portrait, 11 mm side margins: 188 mm = 710 CSS px of text width. Figures are composed for 700 px, the same on
# screen (the document column is as wide) and on paper, so Chromium never shrinks a page to fit a wider figure.
PRINT_BOX = Box(width=700, medium="print")
MAP_BOX = Box(PRINT_BOX.width, 560, "print")  # the whole figure: title, map, legend and source
# Below 640 px (the CSS breakpoint where tables become cards) the file shows each chart composed for a 390 px phone.
PHONE_BREAK_PX = 640
PHONE_BOX = Box(width=358, medium="screen")
# On paper the initiative grid gives each initiative one line of 11 px text (the table beneath it has the full names):
# a fixed height makes the chart close its rows up to that, so a page holds the grid and its heading.
MATRIX_ROW_PX, MATRIX_FRAME_PX = 21, 150


def matrix_box(initiatives: int) -> Box:
    """The printed box of the initiative grid: its height grows with the number of initiatives, one line each."""
    return Box(PRINT_BOX.width, MATRIX_FRAME_PX + MATRIX_ROW_PX * max(1, initiatives), "print")


SECTION_TITLES = {s: f"briefing.section.{s}" for s in SECTIONS}


def _chart_block(spec: Chart, phone: Chart | None, index: int, lang: str) -> dict:
    """A chart composed for the printed page, and for a phone's column, with its text alternative and data as a table.

    Interactive, no plotly.js of its own (the file loads it once), always light. The file shows the figure composed for
    the reader's width (CSS); the takeaway (the chart's title) is its accessible name, and the data as drawn follow in a
    table a screen reader or a sceptical reader can open.
    """
    config = {**plotly_config(spec.filename), "responsive": False}  # each figure has its box; the file's script fits it

    def div(chart: Chart, div_id: str) -> Markup:  # plotly's own HTML, its labels escaped when the figure was built
        return Markup(chart.figure.to_html(full_html=False, include_plotlyjs=False, config=config, div_id=div_id))

    div_id = f"chart-{index}-{spec.key}"
    return {"type": "chart", "html": div(spec, div_id), "phone_html": div(phone, f"{div_id}-phone") if phone else "", "id": div_id,
            "alt": spec.title, "description": spec.description, "data_label": t("chart.show_table", lang),
            "data": _frame_table(spec.data)}  # fmt: skip


def _chart(key: str, release: Release, lang: str, box: Box, geo: tuple[GeoLayers, ProjectedMap] | None) -> Chart | None:
    """Every chart of the briefing, built by the chart registry for one box in the light theme (print stays light).

    None when the chart has nothing to draw, or for the map when the geodata is unavailable (``geo`` is None).
    """
    if CHART_BY_KEY[key].needs_geo and geo is None:
        return None
    spec = build_chart(key, ChartContext(release, lang, "light", ChartOptions(), box))
    if spec.figure is None:
        return None
    # The file has no box reporter: each figure is drawn at the width it was composed for (never shrunk to fit).
    return replace(spec, figure=go.Figure(spec.figure).update_layout(width=box.width, autosize=False))


def _keep(*blocks: dict) -> dict:
    """Blocks printed on one page together (a heading never ends a page without what it introduces)."""
    return {"type": "group", "blocks": list(blocks)}


def _quote_block(release: Release, quote: str, start: int, lead: str | None = None) -> dict:
    return {"type": "quote", "quote": quote, "paragraph": takeaways.paragraph_number(release, start), "lead": lead}


def _key_facts(release: Release, lang: str) -> list[dict]:
    event = summary.main_event(release)
    people = summary.people(release, lang)
    unknown = t("overview.unknown", lang)
    where = release.record(event.place).label(lang) if event is not None and event.place else unknown
    when = format_date(event.date, lang) if event is not None else t("overview.no_event", lang)
    counts = summary.kind_counts(release, lang)
    names = "; ".join(f"{r.kind_label}: {r.records}" for r in counts if r.records)
    blocks: list[dict] = [
        {"type": "facts", "facts": [
            {"label": t("overview.who", lang), "lines": [f"{p.label} ({p.role})" for p in people] or [unknown]},
            {"label": t("overview.where", lang), "lines": [where]},
            {"label": t("overview.when", lang), "lines": [when]},
        ]},
        {"type": "heading", "text": t("overview.key_messages", lang)},
    ]  # fmt: skip
    blocks += [_quote_block(release, m.quote, m.start, m.summary(lang)) for m in release.meta.key_messages]
    blocks.append({"type": "text", "strong": f"{t('overview.counts', lang)}:", "text": names, "css": "note"})
    return blocks


def _map(release: Release, lang: str, geo: tuple[GeoLayers, ProjectedMap] | None, charts: list[str]) -> list[dict]:
    if geo is None:  # geodata missing or broken: the briefing still builds, and says what is missing
        return [{"type": "text", "text": t("briefing.map_unavailable", lang), "css": "note context-note"}]
    layers, projected = geo
    _, not_on_map = mapview.release_overlay(release, projected, lang)
    spec = _chart("route-map", release, lang, MAP_BOX, geo)
    charts.append(spec.key)
    phone = _chart("route-map", release, lang, PHONE_BOX, geo)
    blocks = [_chart_block(spec, phone, len(charts), lang), {"type": "text", "text": t("map.schematic_note", lang), "css": "desc"}]
    if not_on_map:
        blocks.append({"type": "text", "strong": f"{t('map.not_on_map', lang)}:", "text": "; ".join(not_on_map), "css": "desc"})
    comparison = mapview.comparison_frame(layers, lang)
    blocks.append(_keep({"type": "heading", "text": t("map.published_title", lang)}, _frame_table(comparison)))
    return blocks


def _frame_table(df: pd.DataFrame) -> dict:
    return {"type": "table", "headers": [str(c) for c in df.columns],
            "rows": [[{"text": "" if pd.isna(v) else v} for v in row] for row in df.itertuples(index=False)]}  # fmt: skip


def _sectors(release: Release, lang: str) -> list[dict]:
    rows, columns, cells = takeaways.sector_table(release, lang)
    df = tables.sector_country_frame(release, lang)
    table_rows = []
    for sid, label, statement in rows:
        row = [{"text": label, "sub": statement}]
        for cid, _ in columns:
            cell = cells.get((sid, cid))
            row.append({"chip": cell.stance_label, "colour": vocab_colour("stances", cell.stance), "quote": cell.quote,
                        "paragraph": cell.paragraph, "sub": t("sectors.reported_speech", lang, who=cell.said_by) if cell.said_by else ""}
                       if cell else {"text": t("sectors.not_stated", lang)})  # fmt: skip
        table_rows.append(row)
    blocks: list[dict] = [
        _keep(
            {"type": "heading", "text": takeaways.sector_takeaway(df, lang, takeaways.proper_nouns(release))},
            {"type": "table", "headers": [t("col.sector", lang), *[name for _, name in columns]], "rows": table_rows, "css": "sectors"},
        )
    ]
    labels = {sid: label for sid, label, _ in rows}
    found = context.chronological({i.id: i for sid in labels for i in context.for_sector(sid)}.values())
    context_rows = []
    for ind in found:
        src = ind.source
        serves = " · ".join(labels[s] for s in labels if s in ind.sectors)
        link = source_link(str(src.url))  # the host names the source on paper; the whole address is the link
        where = {"url": link[0], "url_label": link[1]} if link else {"sub": f"{src.scope(lang)} {src.url}"}
        context_rows.append([{"text": ind.label(lang), "sub": serves}, {"text": ind.period_text(lang)}, {"text": ind.value_text(lang)},
                             {"text": src.line(lang), "sub": src.scope(lang), **where}])  # fmt: skip
    if context_rows:
        blocks.append(_keep(
            {"type": "heading", "text": t("briefing.context_title", lang)},
            {"type": "text", "text": t("sectors.context_note", lang), "css": "note context-note"},
            {"type": "table", "headers": [t("context.indicator", lang), t("context.period", lang), t("context.value", lang),
                                          t("context.source", lang)], "rows": context_rows, "css": "context", "widths": (30, 11, 18, 41)},
        ))  # fmt: skip
    return blocks


def _initiatives(release: Release, lang: str, charts: list[str]) -> list[dict]:
    table = takeaways.initiative_rows(release, lang)
    none = t("misc.none", lang)
    # Who supports, with who proposed beneath: most initiatives have no proposer, and a column of dashes costs the width
    # the status and the quote need on paper.
    rows = [[{"text": r.initiative, "sub": r.domain_label},
             {"text": r.supported_by, "sub": "" if r.proposed_by == none else f"{t('col.proposed_by', lang)}: {r.proposed_by}"},
             {"text": r.status}, {"quote": r.quote, "paragraph": r.paragraph}] for r in table.itertuples()]  # fmt: skip
    headers = [t("kind.initiative", lang), t("col.supported_by", lang), t("col.status", lang), t("col.quote", lang)]
    spec = _chart("initiative-matrix", release, lang, matrix_box(len(release.of_kind("initiative"))), None)
    blocks: list[dict] = []
    if spec is not None:
        charts.append(spec.key)
        blocks.append(_chart_block(spec, _chart("initiative-matrix", release, lang, PHONE_BOX, None), len(charts), lang))
    return [*blocks, {"type": "table", "headers": headers, "rows": rows, "widths": (27, 22, 23, 28)}]


def _conflicts(release: Release, lang: str) -> list[dict]:
    df = takeaways.positions_frame(release, lang)
    rows = [[{"text": r.topic}, {"text": r.about}, {"text": r.says}, {"quote": r.quote, "paragraph": r.paragraph}] for r in df.itertuples()]
    headers = [t("col.topic", lang), t("col.about", lang), t("col.says", lang), t("col.quote", lang)]
    return [_keep({"type": "heading", "text": takeaways.positions_takeaway(df, lang)}, {"type": "table", "headers": headers, "rows": rows})]


def _quotes(release: Release, lang: str) -> list[dict]:
    df = tables.records_frame(release, lang, ["sector", "initiative", "conflict", "status"]).sort_values("start")
    items = [{"label": r.label, "kind": r.kind_label, "quote": r.quote, "paragraph": takeaways.paragraph_number(release, r.start)}
             for r in df.itertuples()]  # fmt: skip
    return [{"type": "quotes", "items": items}]  # a list in two columns on paper: each quote is short, a table wastes the width


def _section_blocks(section: str, release: Release, lang: str, geo: tuple[GeoLayers, ProjectedMap] | None, charts: list[str]) -> list[dict]:
    if section == "key-facts":
        return _key_facts(release, lang)
    if section == "map":
        return _map(release, lang, geo, charts)
    if section == "sectors":
        return _sectors(release, lang)
    if section == "initiatives":
        return _initiatives(release, lang, charts)
    if section == "conflicts":
        return _conflicts(release, lang)
    if section == "quotes":
        return _quotes(release, lang)
    raise ValueError(f"unknown section {section!r}; choose from {', '.join(SECTIONS)}")


def _page_number_css(lang: str) -> str:
    """CSS ``content`` for 'Page 3 of 6' in the document's language: catalogue text as CSS strings around the counters."""
    text = t("briefing.page_of", lang, page="\x01", pages="\x02")
    parts = []
    for piece in re.split(r"([\x01\x02])", text):
        if piece in ("\x01", "\x02"):
            parts.append("counter(page)" if piece == "\x01" else "counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def build_briefing(release: Release, lang: str, sections: Sequence[str], geo: tuple[GeoLayers, ProjectedMap] | None) -> str:
    """The whole briefing as one HTML string: deterministic for the same release, language and sections.

    ``geo`` is None when the geodata cannot be read: the map section then says so and everything else builds.
    """
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    chosen = [s for s in SECTIONS if s in set(sections)]
    meta = release.meta
    charts: list[str] = []
    parts = [{"id": s, "title": t(SECTION_TITLES[s], lang), "blocks": _section_blocks(s, release, lang, geo, charts)} for s in chosen]
    published = t("overview.published", lang, date=format_date(meta.date, lang), publisher=meta.publisher_in(lang),
                  channel=meta.channel, dateline=meta.dateline)  # fmt: skip
    as_of = t("briefing.as_of", lang, date=format_date(meta.date, lang))  # the data's date: the file is the same whenever built
    return (
        environment()
        .get_template("briefing.html.j2")
        .render(
            lang=lang,
            app_title=t("app.title", lang),
            briefing_label=t("briefing.doc_title", lang),
            doc_title=f"{t('briefing.doc_title', lang)}: {meta.title_in(lang)}",
            title=meta.title_in(lang),
            quote_lang=meta.language,  # every verbatim quote is marked with the release's language (WCAG 3.1.2)
            published=published,
            sections=parts,
            footer=t("briefing.footer", lang, title=meta.title_in(lang)),
            usage=meta.usage(lang),
            as_of=as_of,
            as_of_css=Markup(css_string(as_of)),  # CSS-escaped: every character but letters and digits
            page_css=Markup(_page_number_css(lang)),
            contents_label=t("briefing.contents", lang),
            plotlyjs=Markup(get_plotlyjs()),
        )
    )


def records_by_kind_csv(release: Release, kind: str) -> bytes:
    """All records of one kind, one row each, kind-specific fields flattened (lists joined by '; ')."""
    rows = []
    for r in release.of_kind(kind):
        data = exports.record_to_dict(r)
        data["mentions"] = len(r.mentions)
        rows.append({k: "; ".join(map(str, v)) if isinstance(v, list) else json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v
                     for k, v in data.items()})  # fmt: skip
    return exports.frame_to_csv(pd.DataFrame(rows))


def build_bundle(release: Release, lang: str, generated: dt.datetime | None = None) -> bytes:
    """ZIP: a CSV per kind, the JSON export, the release text and a README with source, licence and time."""
    generated = generated or dt.datetime.now(dt.UTC).replace(microsecond=0)
    stamp = (2000, 1, 1, 0, 0, 0)
    meta = release.meta
    readme = t(
        "briefing.bundle_readme",
        lang,
        title=meta.title,
        publisher=meta.publisher_in(lang),
        date=format_date(meta.date, lang),
        release=release.id,
        usage=meta.usage(lang),
        sha=meta.sha256,
        generated=generated.isoformat(),
        kinds=", ".join(f"{k}.csv" for k in KINDS),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:

        def put(name: str, data: bytes | str) -> None:
            info = zipfile.ZipInfo(f"{release.id}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)

        put("README.txt", readme)
        put("release.json", exports.to_json([release]))
        put("mentions.csv", exports.to_csv([release]).encode("utf-8-sig"))
        put(meta.text_file, (release.folder / meta.text_file).read_bytes())
        for kind in KINDS:
            put(f"{kind}.csv", records_by_kind_csv(release, kind))
        try:  # the corridor legs as drawn, with their sources (absent when the geodata cannot be read)
            from centralasia.route.geoexport import corridor_geojson_text

            put("corridor_legs.geojson", corridor_geojson_text())
        except (OSError, ValueError):
            pass
    return buffer.getvalue()
