"""Build release folders for tests: valid metadata, checksums and offsets computed from the text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

HOSTILE_TEXT = (
    "Kasachstan <script>alert('x')</script> und Turkmenistan **fett** [Link](javascript:alert(3))\n\n"
    "Berlin/Astana (ots)\n\n"
    "Kasachstan und Turkmenistan vereinbaren <img src=x onerror=\"alert('img')\"> eine Partnerschaft "
    "im Bereich Energie. $x^2$ :red[rot] {{7*7}} <b>fett</b> &amp; Tokajew sprach in Aschgabat.\n"
)
HOSTILE_LABEL = "<script>alert('label')</script><img src=x onerror=alert(1)>"


def span(text: str, quote: str, after: int = 0) -> dict:
    """A mention of ``quote`` (its first occurrence at or after ``after``) with offsets computed from ``text``."""
    start = text.index(quote, after)
    return {"quote": quote, "start": start, "end": start + len(quote)}


def write_release(
    folder: Path,
    text: str,
    records: list[dict],
    release_id: str = "2030-01-01-fixture",
    date: str = "2030-01-01",
    publisher: str = "Test Publisher",
    language: str = "de",
    title: str | None = None,
    key_messages: list[dict] | None = None,
    extra_meta: dict | None = None,
) -> Path:
    """Write a release folder from a text and records; metadata, checksum and metadata line are derived."""
    folder.mkdir(parents=True, exist_ok=True)
    text_file = f"release.{language}.txt"
    raw = f" date {date} {publisher}\n\n{text}".encode()
    (folder / text_file).write_bytes(raw)
    (folder / "records.yaml").write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    title = title or text.split("\n\n")[0].strip()
    meta = {
        "id": release_id,
        "title": title,
        "title_en": f"{title} (en)",
        "date": date,
        "publisher": publisher,
        "publisher_en": publisher,
        "dateline": "Berlin",
        "language": language,
        "channel": "test",
        "text_file": text_file,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "usage_de": "Testtext, selbst geschrieben.",
        "usage_en": "Test text written for the tests.",
        "key_messages": key_messages or [],
        **(extra_meta or {}),
    }
    (folder / "metadata.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def make_release(folder: Path, text: str = HOSTILE_TEXT, release_id: str = "2030-01-01-fixture", hostile_labels: bool = True) -> Path:
    """Write a complete, valid release folder whose text and labels may contain markup."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = f" date 2030-01-01 Test Publisher <b>GmbH</b>\n\n{text}".encode()
    (folder / "release.de.txt").write_bytes(raw)

    def span(quote: str, after: int = 0) -> dict:
        start = text.index(quote, after)
        return {"quote": quote, "start": start, "end": start + len(quote)}

    bad = HOSTILE_LABEL if hostile_labels else ""
    records = [
        {"id": "kazakhstan", "kind": "country", "label_de": f"Kasachstan {bad}", "label_en": f"Kazakhstan {bad}", "iso3": "KAZ",
         "mentions": [span("Kasachstan"), span("Kasachstan", 50)]},
        {"id": "turkmenistan", "kind": "country", "label_de": "Turkmenistan", "label_en": "Turkmenistan", "iso3": "TKM",
         "mentions": [span("Turkmenistan")]},
        {"id": "tokayev", "kind": "person", "label_de": f"Tokajew {bad}", "label_en": f"Tokayev {bad}", "role_de": "Präsident <i>x</i>",
         "role_en": "President <i>x</i>", "country": "kazakhstan", "mentions": [span("Tokajew")]},
        {"id": "ashgabat", "kind": "place", "label_de": "Aschgabat", "label_en": "Ashgabat", "place_type": "city", "iso3": "TKM",
         "country": "turkmenistan", "coordinates": {"lat": 37.95, "lon": 58.38, "source": f"test source {bad}"}, "mentions": [span("Aschgabat")]},
        {"id": "forum", "kind": "event", "label_de": f"Forum {bad}", "label_en": f"Forum {bad}", "date": "2030-01-01",
         "date_source": "release", "place": "ashgabat", "mentions": [span("sprach in Aschgabat")]},
        {"id": "energy", "kind": "sector", "label_de": f"Energie {bad}", "label_en": f"Energy {bad}", "countries": ["kazakhstan", "turkmenistan"],
         "stance": "advance", "statement_de": "<script>alert(5)</script>", "statement_en": "<script>alert(5)</script>",
         "mentions": [span("Energie")]},
        {"id": "partnership", "kind": "initiative", "label_de": f"Partnerschaft {bad}", "label_en": f"Partnership {bad}", "domain": "bilateral",
         "proposed_by": ["kazakhstan"], "supported_by": ["turkmenistan", "tokayev"], "status": "proposed", "status_de": "<b>neu</b>",
         "status_en": "<b>new</b>", "mentions": [span("eine Partnerschaft")]},
        {"id": "script-institution", "kind": "institution", "label_de": f"Institut {bad}", "label_en": f"Institute {bad}",
         "mentions": [span("<script>alert('x')</script>")]},
        {"id": "img-conflict", "kind": "conflict", "label_de": f"Konflikt {bad}", "label_en": f"Conflict {bad}", "parties": ["turkmenistan"],
         "region_de": "<u>Region</u>", "region_en": "<u>Region</u>", "position": "engagement", "position_de": "[klick](javascript:alert(1))",
         "position_en": "[click](javascript:alert(1))", "mentions": [span("<img src=x onerror=\"alert('img')\">")]},
    ]  # fmt: skip
    (folder / "records.yaml").write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")
    first = text.split("\n\n")[0]
    meta = {
        "id": release_id,
        "title": first,
        "title_en": f"Fixture {bad}",
        "date": "2030-01-01",
        "publisher": "Test Publisher <b>GmbH</b>",
        "publisher_en": "Test Publisher <b>GmbH</b>",
        "dateline": "Berlin/Astana",
        "language": "de",
        "channel": "ots",
        "text_file": "release.de.txt",
        "sha256": hashlib.sha256(raw).hexdigest(),
        "usage_de": "Test <script>alert(9)</script>",
        "usage_en": "Test <script>alert(9)</script>",
        "key_messages": [
            {
                "id": "msg",
                "summary_de": f"Botschaft {bad}",
                "summary_en": f"Message {bad}",
                **span("Kasachstan und Turkmenistan vereinbaren"),
            }
        ],
    }
    (folder / "metadata.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


# ---------------------------------------------------------------- press releases written for the draft tests
# Invented texts in the usual layouts (no third-party text): a German ots release and an English government
# release, with other transliterations of registry names and a namesake (Gurbanguly, not Serdar, Berdimuhamedow).

OTS_DE = """Kasachstan und Aserbaidschan bauen Fährverkehr über das Kaspische Meer aus

Baku/Astana (ots)

Kasachstans Präsident Kassym-Schomart Tokajew und Präsident Ilham Alijew haben am 3. März 2031 in Baku vereinbart, den Fährverkehr zwischen den kasachischen und aserbaidschanischen Häfen zu verdoppeln. Tokajews Delegation besichtigte anschließend den neuen Containerterminal.

Als Gast nahm Gurbanguly Berdimuhamedow teil. Berdimuhamedow würdigte die Zusammenarbeit der Anrainer des Kaspischen Meeres und verwies auf die Rolle der Vereinten Nationen. Präsident Tokaew betonte, dass die Transkaspische Internationale Transportroute für ganz Zentralasien an Bedeutung gewinne.

Pressekontakt:
Pressestelle der Botschaft

Original-Content von: Botschaft der Republik Kasachstan in der Bundesrepublik Deutschland, übermittelt durch news aktuell
"""

GOV_EN = """PRESS RELEASE

Kazakhstan and Turkmenistan set a new rail freight target

ASTANA, 5 March 2031 – President Kassym-Jomart Tokayev received President Serdar Berdymukhamedov of Turkmenistan in Astana. Kazakhstan's President said that freight on the railway to Turkmenistan's border should double by 2033.

The two presidents also discussed cooperation with Uzbekistan and within the SCO, and confirmed their support for the United Nations. Tokayev invited his Turkmen counterpart to Almaty.

Issued by: Press Service of the President of the Republic of Kazakhstan
"""

RU_GOV = """Президент Казахстана встретился с Президентом Туркменистана

АСТАНА, 7 марта 2031 – Президент Казахстана Касым-Жомарт Токаев провёл переговоры с Президентом Туркменистана Сердаром Бердымухамедовым. Стороны обсудили развитие Транскаспийского международного транспортного маршрута и сотрудничество в рамках ООН.

Пресс-служба Президента Республики Казахстан
"""


# ---------------------------------------------------------------- several releases (newest default, pinned links)
SERIES_TEXT = """Kasachstan und Turkmenistan {verb} ihre Partnerschaft

Berlin/Astana (ots)

Kasachstans Präsident Kassym-Schomart Tokajew traf in Aschgabat seinen turkmenischen Amtskollegen. Beide Länder wollen die Zusammenarbeit im Bereich Energie ausweiten.

Tokajew sprach über {topic} und begrüßte die Initiative für eine Partnerschaft der Häfen. Er verwies auf den Konflikt um das Wasser des Amudarja.
"""


def series_release(
    root: Path, release_id: str, date: str, verb: str, topic: str, publisher: str = "Botschaft Test", pending: bool = False
) -> Path:
    """A small but complete release (every kind) whose text differs by ``verb`` and ``topic``; registry entities by reference."""
    text = SERIES_TEXT.format(verb=verb, topic=topic)

    def s(quote: str, after: int = 0) -> dict:
        return span(text, quote, after)

    review = {"review": "pending"} if pending else {}
    records = [
        {"id": "kazakhstan", "entity": "kazakhstan", "mentions": [s("Kasachstan"), s("Kasachstans")]},
        {"id": "turkmenistan", "entity": "turkmenistan", "mentions": [s("Turkmenistan"), s("turkmenischen")]},
        {"id": "tokayev", "entity": "tokayev", "mentions": [s("Kassym-Schomart Tokajew"), s("Tokajew sprach")], **review},
        {"id": "ashgabat", "entity": "ashgabat", "mentions": [s("Aschgabat")]},
        {"id": "meeting", "kind": "event", "label_de": "Treffen in Aschgabat", "label_en": "Meeting in Ashgabat", "date": date,
         "date_source": "release date", "place": "ashgabat", "mentions": [s("traf in Aschgabat")]},
        {"id": "energy", "kind": "sector", "label_de": "Energie", "label_en": "Energy", "countries": ["kazakhstan", "turkmenistan"],
         "stance": "expand", "statement_de": "Zusammenarbeit ausweiten", "statement_en": "Expand cooperation", "mentions": [s("Energie")]},
        {"id": "ports", "kind": "initiative", "label_de": "Partnerschaft der Häfen", "label_en": "Port partnership", "domain": "transport",
         "proposed_by": [], "supported_by": ["kazakhstan"], "status": "proposed", "status_de": "begrüßt", "status_en": "welcomed",
         "mentions": [s("Initiative für eine Partnerschaft der Häfen")]},
        {"id": "water", "kind": "conflict", "label_de": "Wasser des Amudarja", "label_en": "Amu Darya water", "parties": [],
         "position": "engagement", "position_de": "verweist darauf", "position_en": "refers to it", "mentions": [s("Konflikt um das Wasser des Amudarja")]},
    ]  # fmt: skip
    return write_release(
        root / release_id, text, records, release_id=release_id, date=date, publisher=publisher,
        key_messages=[{"id": "msg", "summary_de": f"Partnerschaft: {verb}", "summary_en": f"Partnership: {verb}", **s("ihre Partnerschaft")}],
    )  # fmt: skip


def release_series(root: Path) -> dict[str, Path]:
    """Three releases: an older one, and two of the same newer date whose titles start alike (they must not collide)."""
    return {
        "old": series_release(root, "2031-03-01-alt", "2031-03-01", "vertiefen", "die Seidenstraße"),
        "same-a": series_release(root, "2031-03-05-a", "2031-03-05", "erneuern", "den Kaspischen Hafenverbund", publisher="Botschaft A"),
        "same-b": series_release(root, "2031-03-05-b", "2031-03-05", "erneuern", "die Getreideausfuhr", publisher="Botschaft B"),
    }


def fresh_draft(root: Path, text: str = OTS_DE, name: str = "fresh.txt") -> Path:
    """A release folder exactly as ``python -m centralasia draft`` writes it from ``text`` (``key_messages: []``,
    every record ``review: pending``), under ``root``; its date is the one in the text (newest in a series)."""
    from centralasia.release.draft import draft_release

    source = root.parent / f"{root.name}-{name}"
    source.write_text(text, encoding="utf-8")
    return draft_release(source, root).folder


# ---------------------------------------------------------------- a stand-in for the shipped release
# A whole release we wrote ourselves, with every record kind the pages show (countries, people, places, an event,
# sectors, initiatives, conflicts, institutions, a status, key messages, an English translation), other ids, date and
# counts than the shipped one. scripts/fixture_tree.py puts it in place of data/releases/… to prove that no test
# outside tests/unit/test_shipped_data.py depends on the shipped release. Dated like a next real release: the tests'
# own fixture releases are dated 2030 and later, newer than any real one (tests of the default choice rely on that).
STAND_IN_ID = "2026-03-14-faehrverbindung"
STAND_IN_DATE = "2026-03-14"
STAND_IN_TEXT = """Kasachstan und Turkmenistan vereinbaren eine Fährverbindung über das Kaspische Meer

Astana/Aschgabat (ots)

Kasachstan und Turkmenistan haben bei einem Arbeitstreffen in Astana vereinbart, eine gemeinsame Fährverbindung über das Kaspische Meer aufzubauen. Präsident Kassym-Schomart Tokajew empfing dazu Präsident Serdar Berdimuhamedov.

Beide Präsidenten wollen den Warenaustausch über die Häfen erhöhen und die Zusammenarbeit in der Wasserwirtschaft ausbauen. Kasachstan werde zudem in digitale Zollverfahren investieren, sagte Tokajew.

Tokajew schlug ein jährliches Hafenforum in Almaty vor. Turkmenistan sagte zu, die Transkaspische Internationale Transportroute mit einem neuen Terminal in Aschgabat zu unterstützen.

Zum Streit um Fischereiquoten im Kaspischen Meer begrüßten beide Seiten neue Gespräche mit Aserbaidschan. Zur Lage in Afghanistan sprachen sie sich für regionale Zusammenarbeit aus.

Die Präsidenten bekräftigten ihre Unterstützung für die Vereinten Nationen und für die Konferenz für Interaktion und vertrauensbildende Maßnahmen in Asien (CICA). Die Neutralität Turkmenistans würdigte Tokajew als Beitrag zur Stabilität.
"""
STAND_IN_TRANSLATION = [
    "Kazakhstan and Turkmenistan agree on a ferry link across the Caspian Sea",
    "Astana/Ashgabat (ots)",
    "At a working meeting in Astana, Kazakhstan and Turkmenistan agreed to set up a joint ferry link across the Caspian "
    "Sea. President Kassym-Jomart Tokayev received President Serdar Berdimuhamedov for it.",
    "Both presidents want to increase the exchange of goods through the ports and expand cooperation in water management. "
    "Kazakhstan will also invest in digital customs procedures, Tokayev said.",
    "Tokayev proposed an annual ports forum in Almaty. Turkmenistan pledged to support the Trans-Caspian International "
    "Transport Route with a new terminal in Ashgabat.",
    "On the dispute over fishing quotas in the Caspian Sea, both sides welcomed new talks with Azerbaijan. On the "
    "situation in Afghanistan, they spoke out for regional cooperation.",
    "The presidents reaffirmed their support for the United Nations and for the Conference on Interaction and "
    "Confidence-Building Measures in Asia (CICA). Tokayev praised Turkmenistan's neutrality as a contribution to stability.",
]


def stand_in_release(root: Path, release_id: str = STAND_IN_ID, date: str = STAND_IN_DATE) -> Path:
    """Write the stand-in release (see above) under ``root``; registry entities by reference, like the shipped data."""
    from centralasia.release.loader import paragraph_spans

    text = STAND_IN_TEXT

    def s(quote: str, after: str = "") -> dict:
        return span(text, quote, text.index(after) if after else 0)

    both = ["kazakhstan", "turkmenistan"]
    records = [
        {"id": "kazakhstan", "entity": "kazakhstan", "mentions": [s("Kasachstan"), s("Kasachstan", "Arbeitstreffen"), s("Kasachstan werde")]},
        {"id": "turkmenistan", "entity": "turkmenistan", "mentions": [s("Turkmenistan"), s("Turkmenistan sagte zu"), s("Neutralität Turkmenistans")]},
        {"id": "azerbaijan", "entity": "azerbaijan", "mentions": [s("Aserbaidschan")]},
        {"id": "afghanistan", "entity": "afghanistan", "mentions": [s("Afghanistan")]},
        {"id": "tokayev", "entity": "tokayev", "mentions": [s("Kassym-Schomart Tokajew"), s("sagte Tokajew"), s("Tokajew schlug")]},
        {"id": "serdar-berdimuhamedov", "entity": "serdar-berdimuhamedov", "mentions": [s("Serdar Berdimuhamedov")]},
        {"id": "astana", "entity": "astana", "mentions": [s("Astana", "Arbeitstreffen")]},
        {"id": "ashgabat", "entity": "ashgabat", "mentions": [s("Terminal in Aschgabat")]},
        {"id": "almaty", "entity": "almaty", "mentions": [s("Hafenforum in Almaty")]},
        {"id": "caspian-sea", "entity": "caspian-sea", "mentions": [s("Kaspische Meer"), s("Kaspischen Meer")]},
        {"id": "united-nations", "entity": "united-nations", "mentions": [s("Vereinten Nationen")]},
        {"id": "cica", "entity": "cica", "mentions": [s("Maßnahmen in Asien (CICA)")]},
        {"id": "astana-working-meeting", "kind": "event", "label_de": "Arbeitstreffen in Astana", "label_en": "Working meeting in Astana",
         "date": date, "date_source": "Erscheinungsdatum der Mitteilung", "place": "astana", "mentions": [s("Arbeitstreffen in Astana")]},
        {"id": "port-goods", "kind": "sector", "label_de": "Warenaustausch über die Häfen", "label_en": "Exchange of goods through ports",
         "countries": both, "stance": "expand", "statement_de": "Warenaustausch erhöhen", "statement_en": "Increase the exchange of goods",
         "said_by": ["tokayev", "serdar-berdimuhamedov"], "mentions": [s("den Warenaustausch über die Häfen erhöhen")]},
        {"id": "water-management", "kind": "sector", "label_de": "Wasserwirtschaft", "label_en": "Water management", "countries": both,
         "stance": "strengthen", "statement_de": "Zusammenarbeit ausbauen", "statement_en": "Expand cooperation",
         "mentions": [s("Zusammenarbeit in der Wasserwirtschaft ausbauen")]},
        {"id": "digital-customs", "kind": "sector", "label_de": "Digitale Zollverfahren", "label_en": "Digital customs procedures",
         "countries": ["kazakhstan"], "stance": "invest", "statement_de": "In digitale Zollverfahren investieren (laut Tokajew)",
         "statement_en": "Invest in digital customs procedures, Tokayev said", "said_by": ["tokayev"], "reported_speech": True,
         "mentions": [s("Kasachstan werde zudem in digitale Zollverfahren investieren")]},
        {"id": "caspian-ferry", "kind": "initiative", "label_de": "Fährverbindung über das Kaspische Meer", "label_en": "Caspian ferry link",
         "domain": "transport", "proposed_by": [], "supported_by": both, "status": "established", "status_de": "vereinbart",
         "status_en": "agreed", "links": ["caspian-sea"], "mentions": [s("eine gemeinsame Fährverbindung über das Kaspische Meer aufzubauen")]},
        {"id": "ports-forum", "kind": "initiative", "label_de": "Jährliches Hafenforum", "label_en": "Annual ports forum", "domain": "dialogue",
         "proposed_by": ["tokayev"], "supported_by": [], "status": "proposed", "status_de": "vorgeschlagen", "status_en": "proposed",
         "mentions": [s("ein jährliches Hafenforum in Almaty")]},
        {"id": "titr", "entity": "titr", "domain": "transport", "proposed_by": [], "supported_by": ["turkmenistan"], "status": "advocated",
         "status_de": "Turkmenistan sagte Unterstützung zu", "status_en": "Turkmenistan pledged support",
         "mentions": [s("Transkaspische Internationale Transportroute")]},
        {"id": "fishing-quotas", "kind": "conflict", "label_de": "Streit um Fischereiquoten", "label_en": "Dispute over fishing quotas",
         "parties": [], "position": "welcomes-negotiations", "position_de": "begrüßt neue Gespräche", "position_en": "welcomes new talks",
         "mentions": [s("Streit um Fischereiquoten im Kaspischen Meer")]},
        {"id": "afghanistan-situation", "kind": "conflict", "label_de": "Lage in Afghanistan", "label_en": "Situation in Afghanistan",
         "parties": ["afghanistan"], "position": "engagement", "position_de": "für regionale Zusammenarbeit",
         "position_en": "for regional cooperation", "mentions": [s("Lage in Afghanistan")]},
        {"id": "turkmen-neutrality-stand-in", "kind": "status", "label_de": "Neutralität Turkmenistans", "label_en": "Turkmen neutrality",
         "holder": "turkmenistan", "stressed_by": ["tokayev"], "statement_de": "von Tokajew als Beitrag zur Stabilität gewürdigt",
         "statement_en": "praised by Tokayev as a contribution to stability", "mentions": [s("Die Neutralität Turkmenistans")]},
    ]  # fmt: skip
    key_messages = [
        {"id": "ferry", "summary_de": "Fährverbindung über das Kaspische Meer vereinbart", "summary_en": "Caspian ferry link agreed",
         **s("eine gemeinsame Fährverbindung über das Kaspische Meer aufzubauen")},
        {"id": "ports", "summary_de": "Mehr Warenaustausch über die Häfen", "summary_en": "More goods through the ports",
         **s("den Warenaustausch über die Häfen erhöhen")},
        {"id": "forum", "summary_de": "Tokajew schlägt ein Hafenforum vor", "summary_en": "Tokayev proposes a ports forum",
         **s("Tokajew schlug ein jährliches Hafenforum in Almaty vor.")},
    ]  # fmt: skip
    folder = write_release(
        root / release_id, text, records, release_id=release_id, date=date, publisher="Pressestelle Test-Fährverbund",
        key_messages=key_messages, extra_meta={"dateline": "Astana/Aschgabat", "channel": "ots", "title_en": STAND_IN_TRANSLATION[0]},
    )  # fmt: skip
    paragraphs = [{"start": a, "end": b, "en": en} for (a, b), en in zip(paragraph_spans(text), STAND_IN_TRANSLATION, strict=True)]
    (folder / "translation.en.yaml").write_text(yaml.safe_dump({"paragraphs": paragraphs}, allow_unicode=True), encoding="utf-8")
    return folder
