"""Chart specifications per view: which frame, which figure, which words around it."""

from __future__ import annotations

from centralasia import figures, frames
from centralasia.figures import Chart, as_of_line, slugify, source_line
from centralasia.i18n import t
from centralasia.loader import Release


def _filename(release: Release, name: str, lang: str) -> str:
    return f"{release.id}_{slugify(name)}_{lang}"


def kind_counts_chart(release: Release, lang: str) -> Chart:
    df = frames.kind_counts(release, lang)
    title = t("overview.counts_chart_title", lang)
    summary = ", ".join(f"{row.kind_label} {row.records}" for row in df.itertuples())
    source = source_line(release, lang)
    data = df.rename(columns={"kind_label": t("col.kind", lang), "records": t("col.count", lang), "mentions": t("col.mentions", lang)})
    return Chart(
        key="kind-counts",
        title=title,
        description=t("overview.counts_chart_desc", lang, summary=summary),
        figure=figures.kind_counts_figure(df, title, source, lang),
        data=data.drop(columns=["kind"]),
        source=source,
        as_of=as_of_line(release, lang),
        filename=_filename(release, title, lang),
    )


def _chart(release: Release, lang: str, key: str, title: str, description: str, figure, data) -> Chart:
    return Chart(
        key, title, description, figure, data, source_line(release, lang), as_of_line(release, lang), _filename(release, title, lang)
    )


def _summary(pairs) -> str:
    return ", ".join(f"{a} {b}" for a, b in pairs)


def sector_matrix_chart(release: Release, lang: str, sector: str | None = None, country: str | None = None) -> Chart:
    df = frames.sector_country_frame(release, lang, sector, country)
    title = t("sectors.matrix_title", lang)
    summary = "; ".join(f"{r.sector}: {r.country} ({r.stance_label})" for r in df.itertuples())
    figure = figures.sector_matrix_figure(df, title, source_line(release, lang), lang) if not df.empty else None
    data = df[["sector", "country", "stance_label", "statement", "quote"]].rename(
        columns={"sector": t("col.sector", lang), "country": t("col.country", lang), "stance_label": t("col.stance", lang),
                 "statement": t("col.statement", lang), "quote": t("col.quote", lang)}
    )  # fmt: skip
    return _chart(release, lang, "sector-matrix", title, t("sectors.matrix_desc", lang, summary=summary), figure, data)


def sector_mentions_chart(release: Release, lang: str, sector: str | None = None, country: str | None = None) -> Chart:
    df = frames.sectors_frame(release, lang, sector, country)
    title = t("sectors.mentions_title", lang)
    summary = _summary((r.sector, r.mentions) for r in df.itertuples())
    figure = figures.sector_mentions_figure(df, title, source_line(release, lang), lang) if not df.empty else None
    data = df[["sector", "stance_label", "countries", "statement", "mentions"]].rename(
        columns={"sector": t("col.sector", lang), "stance_label": t("col.stance", lang), "countries": t("col.countries", lang),
                 "statement": t("col.statement", lang), "mentions": t("col.mentions", lang)}
    )  # fmt: skip
    return _chart(release, lang, "sector-mentions", title, t("sectors.mentions_desc", lang, summary=summary), figure, data)


def initiative_domain_chart(release: Release, lang: str) -> Chart:
    df = frames.initiative_domain_counts(release, lang)
    title = t("initiatives.domain_title", lang)
    totals = df.groupby("domain_label", sort=False)["initiatives"].sum()
    figure = figures.initiative_domain_figure(df, title, source_line(release, lang), lang)
    data = df[["domain_label", "status_label", "initiatives"]].rename(
        columns={"domain_label": t("col.domain", lang), "status_label": t("col.status", lang), "initiatives": t("kinds.initiative", lang)}
    )
    return _chart(
        release, lang, "initiative-domains", title, t("initiatives.domain_desc", lang, summary=_summary(totals.items())), figure, data
    )


def network_chart(release: Release, lang: str) -> Chart:
    nodes, edges = frames.network_frames(release, lang)
    title = t("initiatives.network_title", lang)
    figure = figures.network_figure(nodes, edges, title, source_line(release, lang), lang)
    labels = dict(zip(nodes["id"], nodes["label"], strict=True))
    data = edges.assign(source=edges["source"].map(labels), target=edges["target"].map(labels))
    return _chart(release, lang, "initiative-network", title, t("initiatives.network_desc", lang, n=len(edges)), figure, data)


def conflict_chart(release: Release, lang: str) -> Chart:
    df = frames.conflicts_frame(release, lang)
    title = t("conflicts.chart_title", lang)
    figure = figures.conflict_figure(df, title, source_line(release, lang), lang)
    summary = "; ".join(f"{r.label}: {r.region}, {r.position_label}" for r in df.itertuples())
    data = df[["label", "parties", "region", "position_text", "quote"]].rename(
        columns={"label": t("kind.conflict", lang), "parties": t("col.parties", lang), "region": t("col.region", lang),
                 "position_text": t("col.position", lang), "quote": t("col.quote", lang)}
    )  # fmt: skip
    return _chart(release, lang, "conflicts", title, t("conflicts.chart_desc", lang, summary=summary), figure, data)
