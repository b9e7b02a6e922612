"""What the reader pages show, built from a release: charts (figure + takeaway title + data), tables, takeaways.

Titles state what the data says and are computed from it, so a new release gets its own.
Pure: no Streamlit; the briefing and the pages use the same builders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from centralasia.charts import figures, tables
from centralasia.charts.figures import Chart, as_of_line, slugify, source_line
from centralasia.i18n import join_list, t
from centralasia.release.loader import Release
from centralasia.release.summary import paragraph_number, representative
from centralasia.release.vocab import vocab_label

if TYPE_CHECKING:
    from centralasia.charts.registry import Box


def _filename(release: Release, name: str, lang: str) -> str:
    return f"{release.id}_{slugify(name)}_{lang}"


def _chart(release: Release, lang: str, key: str, title: str, description: str, figure, data) -> Chart:
    return Chart(
        key,
        title,
        description,
        figure,
        data,
        source_line(release, lang),
        as_of_line(release, lang),
        _filename(release, t(f"chart.{key}", lang), lang),
    )


_GERMAN_ADJECTIVE_ENDINGS = ("liche", "lichen", "licher", "ische", "ischen", "ischer", "ale", "alen", "aler", "ive", "iven")


def proper_nouns(release: Release) -> set[str]:
    """Words that keep their capital inside a sentence: the words of the names of the release's countries, people,
    places and institutions ("Caspian" from "Caspian Sea")."""
    import re

    return {w for r in release.records if r.kind in {"country", "person", "place", "institution"}
            for w in re.findall(r"\w+", f"{r.label('en')} {r.label('de')}")}  # fmt: skip


def in_sentence(label: str, lang: str, keep: set[str] | frozenset[str] = frozenset()) -> str:
    """A label as it reads inside a sentence: "Economic cooperation" → "economic cooperation", "Wirtschaftliche
    Zusammenarbeit" → "wirtschaftliche Zusammenarbeit"; acronyms ("UN reform"), names in ``keep`` and German nouns stay."""
    label = label.strip()
    if len(label) < 2 or not label[1].islower() or label.split()[0].strip(",;:") in keep:
        return label
    if lang == "de":
        words = label.split()
        if len(words) < 2 or not words[0].lower().endswith(_GERMAN_ADJECTIVE_ENDINGS):
            return label
    return label[0].lower() + label[1:]


def join_labels(labels: list[str], lang: str) -> str:
    """'a, b and c'; when a label itself contains "and" ("transport and transit"), the last joint reads "as well as"."""
    word = f" {t('misc.and', lang)} "
    if len(labels) > 1 and any(word in label for label in labels):
        return f"{', '.join(labels[:-1])} {t('misc.as_well_as', lang)} {labels[-1]}"
    return join_list(labels, lang)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- where a quote stands: paragraph numbers a reader can find ("¶3")


# --- sectors


def sector_takeaway(df: pd.DataFrame, lang: str, keep: set[str] | frozenset[str] = frozenset()) -> str:
    """'Both countries commit to trade and energy; only Kazakhstan speaks of transit' from a sector × country frame."""
    if df.empty:
        return t("sectors.matrix_title_empty", lang)
    everyone = list(dict.fromkeys(df["country_id"]))
    names = dict(zip(df["country_id"], df["country"], strict=False))
    groups: dict[tuple[str, ...], list[str]] = {}
    for _sector_id, part in df.groupby("sector_id", sort=False):
        groups.setdefault(tuple(part["country_id"]), []).append(in_sentence(part["sector"].iloc[0], lang, keep))
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[0]), -len(kv[1])))
    parts = []
    for countries, sectors in ordered:
        what = join_labels(sectors, lang)
        if len(everyone) > 1 and set(countries) == set(everyone):
            who = t("takeaway.both", lang) if len(everyone) == 2 else t("takeaway.all_n", lang, n=len(everyone))
            parts.append(t("takeaway.sectors_commit_plural", lang, who=who, sectors=what))
        elif len(countries) == 1 and len(everyone) > 1:
            parts.append(t("takeaway.sectors_only", lang, country=names[countries[0]].strip(), sectors=what))
        elif len(countries) == 1:
            parts.append(t("takeaway.sectors_commit_one", lang, who=names[countries[0]], sectors=what))
        else:
            parts.append(t("takeaway.sectors_commit_plural", lang, who=join_list([names[c] for c in countries], lang), sectors=what))
    return _capitalised("; ".join(parts))


def sector_matrix_chart(
    release: Release, lang: str, sector: str | None = None, country: str | None = None, box: Box | None = None
) -> Chart:
    df = tables.sector_country_frame(release, lang, sector, country)
    title = sector_takeaway(df, lang, proper_nouns(release))
    figure = figures.sector_matrix_figure(df, title, source_line(release, lang), lang, box) if not df.empty else None
    data = df[["sector", "country", "stance_label", "statement", "quote"]].rename(
        columns={"sector": t("col.sector", lang), "country": t("col.country", lang), "stance_label": t("col.stance", lang),
                 "statement": t("col.statement", lang), "quote": t("col.quote", lang)}
    )  # fmt: skip
    desc = t("sectors.matrix_desc", lang, sectors=df["sector_id"].nunique(), countries=df["country_id"].nunique())
    return _chart(release, lang, "sector-matrix", title, desc, figure, data)


@dataclass(frozen=True)
class Cell:
    """One cell of the sector × country table: what the release says this country does in this sector."""

    stance: str
    stance_label: str
    quote: str
    start: int
    end: int
    paragraph: int
    said_by: str = ""  # who states it, when the release reports one side's own words (reported speech)


def sector_table(release: Release, lang: str, sector: str | None = None, country: str | None = None):
    """Rows (sector id, label, statement) and columns (country id, label), with a Cell where the release links them."""
    df = tables.sector_country_frame(release, lang, sector, country)
    columns = list(dict.fromkeys(zip(df["country_id"], df["country"], strict=False)))
    rows, cells = [], {}
    for s in release.of_kind("sector"):
        if s.id not in set(df["sector_id"]):
            continue
        rows.append((s.id, s.label(lang), df.loc[df["sector_id"] == s.id, "statement"].iloc[0]))
        m = representative(s)
        said_by = join_list([release.record(x).label(lang) for x in getattr(s, "said_by", None) or []], lang)
        said_by = said_by if getattr(s, "reported_speech", False) else ""
        for c in s.countries:
            cells[(s.id, c)] = Cell(
                s.stance, vocab_label("stances", s.stance, lang), m.quote, m.start, m.end, paragraph_number(release, m.start), said_by
            )
    return rows, columns, cells


def sector_table_frame(release: Release, lang: str, sector: str | None = None, country: str | None = None) -> pd.DataFrame:
    """The sector × country table as a flat table for CSV: one row per sector, a stance column per country, the quote."""
    rows, columns, cells = sector_table(release, lang, sector, country)
    out = []
    for sid, label, statement in rows:
        row = {t("col.sector", lang): label, t("col.statement", lang): statement}
        for cid, cname in columns:
            cell = cells.get((sid, cid))
            row[cname] = cell.stance_label if cell else t("sectors.not_stated", lang)
        cell = next((cells[(sid, cid)] for cid, _ in columns if (sid, cid) in cells), None)
        row[t("col.quote", lang)] = cell.quote if cell else ""
        row[t("col.paragraph", lang)] = cell.paragraph if cell else ""
        out.append(row)
    return pd.DataFrame(out)


# --- initiatives


def initiative_rows(release: Release, lang: str, domain: str | None = None) -> pd.DataFrame:
    """One row per initiative: who proposes, who supports, the status as the release states it, its quote."""
    rows = []
    for r in release.of_kind("initiative"):
        if domain and r.domain != domain:
            continue
        m = representative(r)
        rows.append(
            {
                "id": r.id,
                "initiative": r.label(lang),
                "domain": r.domain,
                "domain_label": vocab_label("domains", r.domain, lang),
                "proposed_by": join_list([release.record(a).label(lang) for a in r.proposed_by], lang) or t("misc.none", lang),
                "supported_by": join_list([release.record(a).label(lang) for a in r.supported_by], lang) or t("misc.none", lang),
                "status": r.localised("status", lang),
                "quote": m.quote,
                "start": m.start,
                "end": m.end,
                "paragraph": paragraph_number(release, m.start),
            }
        )
    cols = ["id", "initiative", "domain", "domain_label", "proposed_by", "supported_by", "status", "quote", "start", "end", "paragraph"]
    return pd.DataFrame(rows, columns=cols)


def _short_actor(release: Release, actor_id: str, lang: str) -> str:
    """Short column heading for an actor: a country's ISO code, a person's last name, an institution's acronym."""
    r = release.record(actor_id)
    if r.kind == "person":
        return r.label(lang).split()[-1]
    if r.kind == "institution" and getattr(r, "acronym", None):
        return r.acronym
    return r.label(lang)


def initiative_links(release: Release, lang: str) -> pd.DataFrame:
    """One row per (initiative, actor, relation): the data behind the who-backs-what grid."""
    rows = []
    for r in release.of_kind("initiative"):
        status = r.localised("status", lang)
        for relation, actors in (("proposes", r.proposed_by), ("supports", r.supported_by)):
            for a in actors:
                rows.append({"initiative_id": r.id, "initiative": r.label(lang), "actor_id": a, "actor": release.record(a).label(lang),
                             "actor_short": _short_actor(release, a, lang), "relation": relation,
                             "relation_label": t(f"relation.{relation}", lang), "status": status})  # fmt: skip
    cols = ["initiative_id", "initiative", "actor_id", "actor", "actor_short", "relation", "relation_label", "status"]
    return pd.DataFrame(rows, columns=cols)


def initiative_takeaway(links: pd.DataFrame, total: int, lang: str) -> str:
    """'Tokayev and Kazakhstan back 12 of 13 initiatives; Turkmenistan proposes 2' from the links."""
    if links.empty:
        return t("initiatives.title_empty", lang, n=total)
    backing = links.groupby("actor", sort=False)["initiative_id"].nunique()
    top = int(backing.max())
    leaders = [a.strip() for a, n in backing.items() if n == top]
    key = "takeaway.initiatives_back_" + ("all_" if top == total else "") + ("one" if len(leaders) == 1 else "many")
    parts = [t(key, lang, who=join_list(leaders, lang), n=top, total=total)]
    proposing = links[links["relation"] == "proposes"].groupby("actor", sort=False)["initiative_id"].nunique()
    if not proposing.empty:
        best = int(proposing.max())
        who = [a.strip() for a, n in proposing.items() if n == best]
        key = "takeaway.initiatives_propose_one" if len(who) == 1 else "takeaway.initiatives_propose_many"
        parts.append(t(key, lang, who=join_list(who, lang), n=best))
    else:
        parts.append(t("takeaway.initiatives_none_proposed", lang))
    return _capitalised("; ".join(parts))


def initiative_matrix_chart(release: Release, lang: str, box: Box | None = None) -> Chart:
    links = initiative_links(release, lang)
    total = len(release.of_kind("initiative"))
    title = initiative_takeaway(links, total, lang)
    figure = figures.initiative_matrix_figure(links, title, source_line(release, lang), lang, box) if not links.empty else None
    data = links[["initiative", "actor", "relation_label", "status"]].rename(
        columns={"initiative": t("kind.initiative", lang), "actor": t("col.actor", lang), "relation_label": t("col.relation", lang),
                 "status": t("col.status", lang)}
    )  # fmt: skip
    desc = t("initiatives.matrix_desc", lang, n=total, links=len(links))
    return _chart(release, lang, "initiative-matrix", title, desc, figure, data)


# --- conflicts and positions


def positions_frame(release: Release, lang: str) -> pd.DataFrame:
    """One row per conflict the release addresses: about whom, what it says, its quote and paragraph."""
    rows = []
    for c in sorted(release.of_kind("conflict"), key=lambda c: c.mentions[0].start):
        m = representative(c)
        rows.append(
            {
                "id": c.id,
                "topic": c.label(lang),
                "about": join_list([release.record(p).label(lang) for p in c.parties], lang) or t("conflicts.no_parties", lang),
                "named_parties": len(c.parties),
                "says": c.localised("position", lang),
                "quote": m.quote,
                "start": m.start,
                "end": m.end,
                "paragraph": paragraph_number(release, m.start),
            }
        )
    return pd.DataFrame(rows, columns=["id", "topic", "about", "named_parties", "says", "quote", "start", "end", "paragraph"])


def positions_takeaway(df: pd.DataFrame, lang: str) -> str:
    if df.empty:
        return t("conflicts.title_empty", lang)
    named = int((df["named_parties"] > 0).sum())
    return t("conflicts.table_title", lang, n=len(df), named=named)


def positions_export(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return df[["topic", "about", "says", "quote", "paragraph"]].rename(
        columns={"topic": t("col.topic", lang), "about": t("col.about", lang), "says": t("col.says", lang), "quote": t("col.quote", lang),
                 "paragraph": t("col.paragraph", lang)}
    )  # fmt: skip


def initiatives_export(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return df[["initiative", "domain_label", "proposed_by", "supported_by", "status", "quote", "paragraph"]].rename(
        columns={"initiative": t("kind.initiative", lang), "domain_label": t("col.domain", lang), "proposed_by": t("col.proposed_by", lang),
                 "supported_by": t("col.supported_by", lang), "status": t("col.status", lang), "quote": t("col.quote", lang),
                 "paragraph": t("col.paragraph", lang)}
    )  # fmt: skip
