"""A small release we wrote ourselves for the reader-page tests: two sectors shared by both countries and one
only Kazakhstan speaks of, two initiatives with different proposers, a conflict with parties and one without.

Built on tests.fixtures.make_release (so it follows the current release schema) with extra records appended.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .fixtures import make_release

TEXT = (
    "Kasachstan <script>alert('x')</script> und Turkmenistan vertiefen ihre Partnerschaft\n\n"
    "Berlin/Astana (ots)\n\n"
    "Kasachstan und Turkmenistan vereinbaren <img src=x onerror=\"alert('img')\"> eine Partnerschaft im Bereich Energie. "
    "Tokajew sprach in Aschgabat.\n\n"
    "Beide Seiten wollen den Handel ausbauen. Kasachstan investiert zudem in den Hafenausbau.\n\n"
    "Turkmenistan schlug ein Forum für Wasserfragen vor. Der Präsident begrüßte die Gespräche über den Grenzstreit.\n"
)
RELEASE_ID = "2030-02-02-reader-fixture"
TRANSLATION = [
    "Kazakhstan and Turkmenistan deepen their partnership",
    "Berlin/Astana (ots)",
    "Kazakhstan and Turkmenistan agree on a partnership in energy. Tokayev spoke in Ashgabat.",
    "Both sides want to expand trade. Kazakhstan is also investing in port expansion.",
    "Turkmenistan proposed a forum on water. The president welcomed the talks on the border dispute.",
]


def make_reader_release(root: Path, release_id: str = RELEASE_ID) -> Path:
    folder = make_release(root / release_id, text=TEXT, release_id=release_id, hostile_labels=False)
    records = yaml.safe_load((folder / "records.yaml").read_text(encoding="utf-8"))

    def span(quote: str) -> dict:
        start = TEXT.index(quote)
        return {"quote": quote, "start": start, "end": start + len(quote)}

    for record in records:
        if record["kind"] == "event":
            record["date_source"] = "Pressemitteilung, erster Absatz"  # German like the release (checked on ?lang=de pages)
    records += [
        {"id": "trade", "kind": "sector", "label_de": "Handel", "label_en": "Trade", "countries": ["kazakhstan", "turkmenistan"],
         "stance": "expand", "statement_de": "Handel ausbauen", "statement_en": "Expand trade", "mentions": [span("den Handel ausbauen")]},
        {"id": "ports", "kind": "sector", "label_de": "Häfen", "label_en": "Ports", "countries": ["kazakhstan"], "stance": "invest",
         "statement_de": "In Häfen investieren", "statement_en": "Invest in ports", "mentions": [span("in den Hafenausbau")]},
        {"id": "water-forum", "kind": "initiative", "label_de": "Wasserforum", "label_en": "Water forum", "domain": "environment",
         "proposed_by": ["turkmenistan"], "supported_by": ["tokayev"], "status": "proposed", "status_de": "vorgeschlagen",
         "status_en": "proposed", "mentions": [span("ein Forum für Wasserfragen")]},
        {"id": "border-dispute", "kind": "conflict", "label_de": "Grenzstreit", "label_en": "Border dispute", "parties": [],
         "region_de": "Zentralasien", "region_en": "Central Asia", "position": "welcomes-negotiations",
         "position_de": "begrüßt die Gespräche", "position_en": "welcomes the talks", "mentions": [span("die Gespräche über den Grenzstreit")]},
    ]  # fmt: skip
    (folder / "records.yaml").write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    from centralasia.release.loader import paragraph_spans

    paragraphs = [{"start": a, "end": b, "en": en} for (a, b), en in zip(paragraph_spans(TEXT), TRANSLATION, strict=True)]
    (folder / "translation.en.yaml").write_text(yaml.safe_dump({"paragraphs": paragraphs}, allow_unicode=True), encoding="utf-8")
    return folder
