"""Chart specifications per view: which frame, which figure, which words around it."""

from __future__ import annotations

from centralasia import figures, frames
from centralasia.figures import Chart, as_of_line, slugify, source_line
from centralasia.i18n import join_list, t
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


def partner_names(release: Release, lang: str) -> str:
    return join_list([release.record(c).label(lang) for c in frames.partner_country_ids(release)], lang)
