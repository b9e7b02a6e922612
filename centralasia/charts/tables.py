"""Tidy pandas tables derived from a release's records, for tables, charts and exports.

The few plain-Python rows the first page needs (people, counts, countries) live in ``summary.py``;
the tables here wrap them in DataFrames, so both show the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from centralasia.charts.theme import vocab_colour
from centralasia.i18n import t
from centralasia.release import summary
from centralasia.release.loader import Release
from centralasia.release.models import KINDS, RecordBase
from centralasia.release.vocab import vocab_label


def _label(release: Release, record_id: str, lang: str) -> str:
    return release.record(record_id).label(lang)


def _labels(release: Release, ids: Iterable[str], lang: str) -> str:
    return ", ".join(_label(release, i, lang) for i in ids)


def mentions_frame(releases: Iterable[Release]) -> pd.DataFrame:
    """One row per mention of every record of every release (language-neutral; the export's shape)."""
    rows = []
    for release in releases:
        for record in release.records:
            for n, m in enumerate(record.mentions):
                rows.append(
                    {
                        "release_id": release.id,
                        "id": record.id,
                        "kind": record.kind,
                        "label_de": record.label("de"),
                        "label_en": record.label("en"),
                        "mention": n + 1,
                        "quote": m.quote,
                        "start": m.start,
                        "end": m.end,
                    }
                )
    return pd.DataFrame(rows, columns=["release_id", "id", "kind", "label_de", "label_en", "mention", "quote", "start", "end"])


def records_frame(release: Release, lang: str, kinds: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per record: id, kind, label, mention count and first quote."""
    wanted = set(kinds) if kinds else set(KINDS)
    rows = [
        {
            "id": r.id,
            "kind": r.kind,
            "kind_label": t(f"kind.{r.kind}", lang),
            "label": r.label(lang),
            "mentions": len(r.mentions),
            "quote": summary.representative(r).quote,
            "start": summary.representative(r).start,
            "end": summary.representative(r).end,
        }
        for r in release.records
        if r.kind in wanted
    ]
    return pd.DataFrame(rows, columns=["id", "kind", "kind_label", "label", "mentions", "quote", "start", "end"])


def kind_counts(release: Release, lang: str) -> pd.DataFrame:
    """Records and mentions per kind, in the canonical kind order, zero rows kept."""
    return pd.DataFrame(summary.kind_counts(release, lang), columns=summary.KindCount._fields)


def countries_frame(release: Release, lang: str) -> pd.DataFrame:
    """Every country record with ISO code, mention count and its role in the release."""
    return pd.DataFrame(summary.countries(release, lang), columns=summary.CountryRow._fields)


def people_frame(release: Release, lang: str) -> pd.DataFrame:
    return pd.DataFrame(summary.people(release, lang), columns=summary.PersonRow._fields)


def sector_country_frame(release: Release, lang: str, sector: str | None = None, country: str | None = None) -> pd.DataFrame:
    """One row per (sector, cooperating country) with the stance stated and the sector's mention count."""
    rows = []
    for s in release.of_kind("sector"):
        if sector and s.id != sector:
            continue
        for c in s.countries:
            if country and c != country:
                continue
            rows.append(
                {
                    "sector_id": s.id,
                    "sector": s.label(lang),
                    "country_id": c,
                    "country": _label(release, c, lang),
                    "iso3": release.record(c).iso3,
                    "stance": s.stance,
                    "stance_label": vocab_label("stances", s.stance, lang),
                    "stance_colour": vocab_colour("stances", s.stance),
                    "statement": s.localised("statement", lang),
                    "said_by": _labels(release, s.said_by, lang),
                    "reported_speech": s.reported_speech,
                    "mentions": len(s.mentions),
                    "quote": summary.representative(s).quote,
                }
            )
    cols = ["sector_id", "sector", "country_id", "country", "iso3", "stance", "stance_label", "stance_colour", "statement", "said_by",
            "reported_speech", "mentions", "quote"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def sectors_frame(release: Release, lang: str, sector: str | None = None, country: str | None = None) -> pd.DataFrame:
    """One row per sector: stance, cooperating countries, mention count."""
    rows = [
        {
            "sector_id": s.id,
            "sector": s.label(lang),
            "stance": s.stance,
            "stance_label": vocab_label("stances", s.stance, lang),
            "stance_colour": vocab_colour("stances", s.stance),
            "countries": _labels(release, s.countries, lang),
            "statement": s.localised("statement", lang),
            "said_by": _labels(release, s.said_by, lang),
            "reported_speech": s.reported_speech,
            "mentions": len(s.mentions),
        }
        for s in release.of_kind("sector")
        if (not sector or s.id == sector) and (not country or country in s.countries)
    ]
    cols = [
        "sector_id",
        "sector",
        "stance",
        "stance_label",
        "stance_colour",
        "countries",
        "statement",
        "said_by",
        "reported_speech",
        "mentions",
    ]
    return pd.DataFrame(rows, columns=cols)


def quotes_frame(release: Release, record_ids: Iterable[str], lang: str) -> pd.DataFrame:
    """Every mention of the given records, in text order."""
    rows = []
    for rid in record_ids:
        r = release.record(rid)
        rows += [{"id": r.id, "label": r.label(lang), "quote": m.quote, "start": m.start, "end": m.end} for m in r.mentions]
    return pd.DataFrame(rows, columns=["id", "label", "quote", "start", "end"]).sort_values("start", ignore_index=True)


def initiatives_frame(release: Release, lang: str, domain: str | None = None) -> pd.DataFrame:
    """Initiatives and institutions with who proposes and supports them, domain and status as stated."""
    rows = []
    for r in release.records:
        if r.kind == "initiative":
            if domain and r.domain != domain:
                continue
            rows.append(
                {
                    "id": r.id,
                    "kind": r.kind,
                    "kind_label": t("kind.initiative", lang),
                    "label": r.label(lang),
                    "domain": r.domain,
                    "domain_label": vocab_label("domains", r.domain, lang),
                    "status": r.status,
                    "status_label": vocab_label("statuses", r.status, lang),
                    "status_text": r.localised("status", lang),
                    "proposed_by": _labels(release, r.proposed_by, lang),
                    "supported_by": _labels(release, r.supported_by, lang),
                    "mentions": len(r.mentions),
                    "quote": summary.representative(r).quote,
                }
            )
        elif r.kind == "institution" and not domain:
            rows.append(
                {
                    "id": r.id,
                    "kind": r.kind,
                    "kind_label": t("kind.institution", lang),
                    "label": r.label(lang) + (f" ({r.acronym})" if r.acronym and r.acronym not in r.label(lang) else ""),
                    "domain": None,
                    "domain_label": None,
                    "status": None,
                    "status_label": None,
                    "status_text": None,
                    "proposed_by": "",
                    "supported_by": "",
                    "mentions": len(r.mentions),
                    "quote": summary.representative(r).quote,
                }
            )
    cols = ["id", "kind", "kind_label", "label", "domain", "domain_label", "status", "status_label", "status_text",
            "proposed_by", "supported_by", "mentions", "quote"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def initiative_domain_counts(release: Release, lang: str) -> pd.DataFrame:
    """Initiatives per domain and status (for the stacked bar chart)."""
    df = initiatives_frame(release, lang)
    df = df[df["kind"] == "initiative"]
    out = df.groupby(["domain", "domain_label", "status", "status_label"], as_index=False).agg(initiatives=("id", "count"))
    return out.sort_values(["initiatives", "domain"], ascending=[False, True], ignore_index=True)


def network_frames(release: Release, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes (actors, initiatives, institutions) and edges (proposes, supports, link) for the network view."""
    nodes: dict[str, dict] = {}
    edges = []

    def node(rid: str) -> None:
        r = release.record(rid)
        layer = {"country": 0, "person": 0, "initiative": 1, "institution": 2}.get(r.kind, 2)
        nodes.setdefault(rid, {"id": rid, "kind": r.kind, "kind_label": t(f"kind.{r.kind}", lang), "label": r.label(lang), "layer": layer})

    for r in release.of_kind("initiative"):
        node(r.id)
        for a in r.proposed_by:
            node(a)
            edges.append({"source": a, "target": r.id, "relation": "proposes"})
        for a in r.supported_by:
            node(a)
            edges.append({"source": a, "target": r.id, "relation": "supports"})
        for target in [*r.links, *([r.part_of] if r.part_of else [])]:
            if release.record(target).kind == "institution":
                node(target)
                edges.append({"source": r.id, "target": target, "relation": "concerns"})
    node_df = pd.DataFrame(list(nodes.values()), columns=["id", "kind", "kind_label", "label", "layer"])
    return node_df, pd.DataFrame(edges, columns=["source", "target", "relation"])


def conflicts_frame(release: Release, lang: str) -> pd.DataFrame:
    """Each conflict with parties, region, position stated and its quote."""
    rows = [
        {
            "id": c.id,
            "label": c.label(lang),
            "parties": _labels(release, c.parties, lang) or t("overview.unknown", lang),
            "party_ids": list(c.parties),
            "region": c.localised("region", lang) or t("overview.unknown", lang),  # unknown stays unknown, never "None"
            "position": c.position,
            "position_label": vocab_label("positions", c.position, lang),
            "position_text": c.localised("position", lang),
            "mentions": len(c.mentions),
            "quote": summary.representative(c).quote,
            "start": summary.representative(c).start,
            "end": summary.representative(c).end,
        }
        for c in sorted(release.of_kind("conflict"), key=lambda c: c.mentions[0].start)
    ]
    cols = [
        "id",
        "label",
        "parties",
        "party_ids",
        "region",
        "position",
        "position_label",
        "position_text",
        "mentions",
        "quote",
        "start",
        "end",
    ]
    return pd.DataFrame(rows, columns=cols)


def links_of(release: Release, record: RecordBase) -> list[tuple[str, RecordBase]]:
    """Every record this one points to or that points to it, as (field, record)."""
    out = [(fld, release.record(target)) for fld, target, _ in record.references()]
    out += [(f"← {fld}", other) for other in release.records for fld, target, _ in other.references() if target == record.id]
    return out
