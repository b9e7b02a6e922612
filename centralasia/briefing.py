"""The offline briefing: one self-contained HTML file, and the data bundle (ZIP); one builder for app and CLI."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import zipfile
from collections.abc import Sequence

import pandas as pd
from plotly.offline import get_plotlyjs

from centralasia import exports, frames, mapview, views
from centralasia.figures import Chart, plotly_config
from centralasia.geo import GeoLayers, ProjectedMap
from centralasia.i18n import format_date, t
from centralasia.loader import Release
from centralasia.mapfig import MapLayers
from centralasia.models import KINDS

SECTIONS: tuple[str, ...] = ("key-facts", "map", "sectors", "initiatives", "conflicts", "quotes")

CSS = """
:root { --ink:#1f2937; --muted:#4b5563; --rule:#d1d5db; --accent:#0072B2; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 1000px; padding: 24px; line-height: 1.5; background: #fff; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 18px; padding-bottom: 8px; }
h1 { font-size: 1.6rem; margin: 0 0 6px 0; } h2 { font-size: 1.3rem; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); }
.meta, .source, .desc, .ref { color: var(--muted); font-size: 0.85rem; }
blockquote { margin: 6px 0 12px; padding: 4px 12px; border-left: 4px solid var(--accent); font-style: italic; }
blockquote .ref { display: block; font-style: normal; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; }
.chart { width: 100%; break-inside: avoid; page-break-inside: avoid; }
.facts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }
.facts div { border: 1px solid var(--rule); border-radius: 6px; padding: 8px; }
footer { margin-top: 28px; border-top: 1px solid var(--rule); padding-top: 8px; }
@media (max-width: 640px) { .facts { grid-template-columns: 1fr; } body { padding: 12px; } }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section { break-before: page; page-break-before: always; }
  section:first-of-type { break-before: auto; page-break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _quote(release: Release, quote: str, start: int, end: int, lang: str) -> str:
    ref = t("overview.quote_ref", lang, start=start, end=end)
    return f'<blockquote>„{_e(quote)}“<span class="ref">{_e(ref)} · {_e(release.id)}</span></blockquote>'


def _table(df: pd.DataFrame) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in df.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _chart(spec: Chart, lang: str, index: int) -> str:
    """A chart as an inline div: interactive, no plotly.js of its own (the file loads it once)."""
    figure = spec.figure.to_html(
        full_html=False, include_plotlyjs=False, config=plotly_config(spec.filename), div_id=f"chart-{index}-{spec.key}"
    )
    return (
        f'<div class="chart">{figure}</div>'
        f'<p class="desc"><strong>{_e(t("chart.description", lang))}:</strong> {_e(spec.description)}</p>'
        f'<p class="source">{_e(spec.source)} · {_e(spec.as_of)}</p>'
    )


def _key_facts(release: Release, lang: str) -> str:
    event = frames.main_event(release)
    people = frames.people_frame(release, lang)
    who = "<br>".join(f"{_e(p.label)} ({_e(p.role)})" for p in people.itertuples()) or _e(t("overview.unknown", lang))
    where = _e(release.record(event.place).label(lang)) if event is not None and event.place else _e(t("overview.unknown", lang))
    when = _e(format_date(event.date, lang)) if event is not None else _e(t("overview.no_event", lang))
    counts = frames.kind_counts(release, lang)
    messages = "".join(
        f"<p><strong>{_e(m.summary(lang))}</strong></p>{_quote(release, m.quote, m.start, m.end, lang)}" for m in release.meta.key_messages
    )
    count_table = _table(counts[["kind_label", "records", "mentions"]].rename(
        columns={"kind_label": t("col.kind", lang), "records": t("col.count", lang), "mentions": t("col.mentions", lang)}))  # fmt: skip
    return (
        f'<div class="facts"><div><strong>{_e(t("overview.who", lang))}</strong><br>{who}</div>'
        f"<div><strong>{_e(t('overview.where', lang))}</strong><br>{where}</div>"
        f"<div><strong>{_e(t('overview.when', lang))}</strong><br>{when}</div></div>"
        f"<h3>{_e(t('overview.key_messages', lang))}</h3>{messages}<h3>{_e(t('overview.counts', lang))}</h3>{count_table}"
    )


def _section_body(section: str, release: Release, lang: str, geo: tuple[GeoLayers, ProjectedMap], charts: list[str]) -> str:
    def add(spec: Chart) -> str:
        charts.append(spec.key)
        return _chart(spec, lang, len(charts))

    if section == "key-facts":
        return _key_facts(release, lang)
    if section == "map":
        layers, projected = geo
        overlay, not_on_map = mapview.release_overlay(release, projected, lang)
        note = f'<p class="desc">{_e(t("map.schematic_note", lang))}</p>'
        if not_on_map:
            note += f'<p class="desc"><strong>{_e(t("map.not_on_map", lang))}:</strong> {_e("; ".join(not_on_map))}</p>'
        lengths = _table(mapview.comparison_frame(layers, lang))
        return (
            add(mapview.map_chart(release, projected, overlay, MapLayers(), lang, height=680))
            + note
            + f"<h3>{_e(t('map.published_title', lang))}</h3>"
            + lengths
        )
    if section == "sectors":
        return add(views.sector_matrix_chart(release, lang)) + add(views.sector_mentions_chart(release, lang))
    if section == "initiatives":
        table = frames.initiatives_frame(release, lang)
        table = table[["label", "kind_label", "domain_label", "status_text", "proposed_by", "supported_by"]].fillna("")
        table.columns = [t(k, lang) for k in ("col.label", "col.kind", "col.domain", "col.status", "col.proposed_by", "col.supported_by")]
        return add(views.initiative_domain_chart(release, lang)) + add(views.network_chart(release, lang)) + _table(table)
    if section == "conflicts":
        cards = "".join(
            f"<h3>{_e(r.label)}</h3><p>{_e(t('col.parties', lang))}: {_e(r.parties)} · {_e(t('col.region', lang))}: {_e(r.region)}<br>"
            f"{_e(t('col.position', lang))}: {_e(r.position_text)}</p>{_quote(release, r.quote, r.start, r.end, lang)}"
            for r in frames.conflicts_frame(release, lang).itertuples()
        )
        return add(views.conflict_chart(release, lang)) + cards
    if section == "quotes":
        df = frames.records_frame(release, lang, ["sector", "initiative", "conflict"]).sort_values("start")
        return "".join(
            f"<p><strong>{_e(r.label)}</strong> ({_e(r.kind_label)})</p>{_quote(release, r.quote, r.start, r.end, lang)}"
            for r in df.itertuples()
        )
    raise ValueError(f"unknown section {section!r}; choose from {', '.join(SECTIONS)}")


SECTION_TITLES = {
    "key-facts": "briefing.section.key-facts",
    "map": "briefing.section.map",
    "sectors": "briefing.section.sectors",
    "initiatives": "briefing.section.initiatives",
    "conflicts": "briefing.section.conflicts",
    "quotes": "briefing.section.quotes",
}


def build_briefing(release: Release, lang: str, sections: Sequence[str], geo: tuple[GeoLayers, ProjectedMap]) -> str:
    """The whole briefing as one HTML string: deterministic for the same release, language and sections."""
    chosen = [s for s in SECTIONS if s in set(sections)]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    meta = release.meta
    charts: list[str] = []
    body = "".join(
        f'<section id="{s}"><h2>{_e(t(SECTION_TITLES[s], lang))}</h2>{_section_body(s, release, lang, geo, charts)}</section>'
        for s in chosen
    )
    title = f"{t('briefing.doc_title', lang)}: {meta.title_in(lang)}"
    published = t("overview.published", lang, date=format_date(meta.date, lang), publisher=meta.publisher_in(lang),
                  channel=meta.channel, dateline=meta.dateline)  # fmt: skip
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="{_e(t("app.title", lang))}">'
        f"<title>{_e(title)}</title><style>{CSS}</style>"
        f'<script type="text/javascript">{get_plotlyjs()}</script></head><body>'
        f'<header><div class="meta">{_e(t("app.title", lang))} · {_e(t("briefing.doc_title", lang))}</div>'
        f'<h1>{_e(meta.title_in(lang))}</h1><div class="meta">{_e(published)}</div></header>'
        f"{body}"
        f'<footer class="source"><p>{_e(t("briefing.footer", lang, release=release.id, sha=meta.sha256[:16]))}</p>'
        f"<p>{_e(meta.usage(lang))}</p></footer></body></html>\n"
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
    return buffer.getvalue()
