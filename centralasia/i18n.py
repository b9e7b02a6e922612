"""German/English interface strings and language-aware date and number formatting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

LANGUAGES: tuple[str, ...] = ("en", "de")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}

# key: (German, English). One catalogue for the whole app; tests fail when a side is empty.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- app frame
    "app.title": ("Zentralasien: Kooperations-Dashboard", "Central Asia Cooperation Dashboard"),
    "app.tagline": (
        "Pressemitteilungen als überprüfbare Daten: jede Aussage mit ihrem Zitat.",
        "Press releases as checkable data: every statement with its quote.",
    ),
    "sidebar.language": ("Sprache", "Language"),
    "sidebar.release": ("Pressemitteilung", "Press release"),
    "sidebar.data_note": (
        "Alle Angaben stammen aus der Pressemitteilung; jede trägt ihr wörtliches Zitat.",
        "Everything shown comes from the press release; each item carries its verbatim quote.",
    ),
    "sidebar.problems": (
        "{n} Datei(en) mit Fehlern; betroffene Mitteilungen übersprungen",
        "{n} data file problem(s); affected releases skipped",
    ),
    "error.no_data": (
        "Es konnte keine Pressemitteilung geladen werden. Die Daten sind unverändert; bitte die Meldungen unten prüfen.",
        "No press release could be loaded. Nothing was changed; please fix the problems listed below.",
    ),
    "error.data_title": ("Fehler in den Daten", "Problems in the data"),
    # --- pages
    "page.overview": ("Überblick", "Overview"),
    "page.map": ("Karte: Mittlerer Korridor", "Map: Middle Corridor"),
    "page.sectors": ("Sektoren", "Sectors"),
    "page.initiatives": ("Initiativen", "Initiatives"),
    "page.conflicts": ("Konflikte & Diplomatie", "Conflicts & diplomacy"),
    "page.source": ("Originaltext", "Source text"),
    "page.briefing": ("Briefing-Export", "Briefing export"),
    "page.about": ("Über & Methode", "About & method"),
    # --- kinds
    "kind.country": ("Land", "Country"),
    "kind.person": ("Person", "Person"),
    "kind.place": ("Ort", "Place"),
    "kind.event": ("Ereignis", "Event"),
    "kind.sector": ("Sektor", "Sector"),
    "kind.initiative": ("Initiative", "Initiative"),
    "kind.institution": ("Institution", "Institution"),
    "kind.conflict": ("Konflikt", "Conflict"),
    "kinds.country": ("Länder", "Countries"),
    "kinds.person": ("Personen", "People"),
    "kinds.place": ("Orte", "Places"),
    "kinds.event": ("Ereignisse", "Events"),
    "kinds.sector": ("Sektoren", "Sectors"),
    "kinds.initiative": ("Initiativen", "Initiatives"),
    "kinds.institution": ("Institutionen", "Institutions"),
    "kinds.conflict": ("Konflikte", "Conflicts"),
    # --- column headers (tables and downloads)
    "col.id": ("ID", "ID"),
    "col.kind": ("Art", "Kind"),
    "col.label": ("Bezeichnung", "Label"),
    "col.quote": ("Zitat", "Quote"),
    "col.start": ("Beginn", "Start"),
    "col.end": ("Ende", "End"),
    "col.mentions": ("Erwähnungen", "Mentions"),
    "col.count": ("Anzahl", "Count"),
    "col.country": ("Land", "Country"),
    "col.countries": ("Länder", "Countries"),
    "col.sector": ("Sektor", "Sector"),
    "col.stance": ("Absicht", "Stance"),
    "col.statement": ("Aussage", "Statement"),
    "col.domain": ("Bereich", "Domain"),
    "col.status": ("Stand laut Mitteilung", "Status as stated"),
    "col.proposed_by": ("Vorgeschlagen von", "Proposed by"),
    "col.supported_by": ("Unterstützt von", "Supported by"),
    "col.parties": ("Beteiligte", "Parties"),
    "col.region": ("Region", "Region"),
    "col.position": ("Position laut Mitteilung", "Position stated"),
    "col.role": ("Rolle", "Role"),
    "col.date": ("Datum", "Date"),
    "col.release": ("Pressemitteilung", "Release"),
    "col.links": ("Verknüpfungen", "Links"),
    # --- stances, domains, statuses, positions
    "stance.expand": ("ausweiten", "expand"),
    "stance.strengthen": ("stärken", "strengthen"),
    "stance.advance": ("voranbringen", "advance"),
    "stance.invest": ("investieren", "invest"),
    "stance.advocate": ("eintreten für", "advocate"),
    "domain.bilateral": ("Bilaterale Partnerschaft", "Bilateral partnership"),
    "domain.un-reform": ("UN-Reform & Multilateralismus", "UN reform & multilateralism"),
    "domain.peace-neutrality": ("Frieden & Neutralität", "Peace & neutrality"),
    "domain.sustainable-development": ("Nachhaltige Entwicklung", "Sustainable development"),
    "domain.transport": ("Transport", "Transport"),
    "domain.environment": ("Umwelt", "Environment"),
    "domain.dialogue": ("Dialog", "Dialogue"),
    "status.proposed": ("vorgeschlagen", "proposed"),
    "status.advocated": ("befürwortet", "advocated"),
    "status.deepening": ("wird vertieft", "being deepened"),
    "status.established": ("besteht", "established"),
    "status.investing": ("Investitionen laufen", "investment under way"),
    "status.long-standing-position": ("langjährige Position", "long-standing position"),
    "status.ongoing-commitment": ("laufendes Engagement", "ongoing commitment"),
    "position.welcomes-progress": ("begrüßt Fortschritte", "welcomes progress"),
    "position.welcomes-negotiations": ("begrüßt Verhandlungen", "welcomes negotiations"),
    "position.two-state-solution": ("für Zwei-Staaten-Lösung", "for a two-state solution"),
    "position.engagement": ("Engagement", "engagement"),
    "position.multilateralism": ("für Multilateralismus", "for multilateralism"),
    # --- overview
    "overview.who": ("Wer", "Who"),
    "overview.where": ("Wo", "Where"),
    "overview.when": ("Wann", "When"),
    "overview.key_messages": ("Kernaussagen", "Key messages"),
    "overview.counts": ("Was die Mitteilung nennt", "What the release names"),
    "overview.countries": ("Beteiligte und genannte Länder", "Countries involved and mentioned"),
    "overview.explore": ("Weiter im Dashboard", "Explore further"),
    "overview.published": (
        "Veröffentlicht von {publisher} am {date} ({channel}, {dateline})",
        "Published by {publisher} on {date} ({channel}, {dateline})",
    ),
    "overview.no_event": ("Kein Ereignis mit Datum in dieser Mitteilung.", "This release names no dated event."),
    "overview.unknown": ("in der Mitteilung nicht angegeben", "not stated in the release"),
    "overview.mentions_n": ("{n}× erwähnt", "mentioned {n}×"),
    "overview.release_country": ("Partner der Mitteilung", "Partner of the release"),
    "overview.mentioned_country": ("in der Mitteilung genannt", "mentioned in the release"),
    # --- chart component
    "chart.source": ("Quelle", "Source"),
    "chart.as_of": ("Stand", "As of"),
    "chart.show_table": ("Daten als Tabelle zeigen", "Show data as table"),
    "chart.download_csv": ("Daten (wie gezeigt) als CSV", "Data as shown (CSV)"),
    "chart.modebar_hint": ("Als Bild: Kamerasymbol in der Diagrammleiste.", "As an image: camera icon in the chart toolbar."),
    "chart.empty": ("Keine Daten für diese Auswahl.", "No data for this selection."),
    # --- filters
    "filter.sector": ("Sektor", "Sector"),
    "filter.country": ("Land", "Country"),
    "filter.kind": ("Art", "Kind"),
    "filter.domain": ("Bereich", "Domain"),
    "filter.all": ("Alle", "All"),
    # --- about
    "about.what_title": ("Was diese Daten sind", "What this data is"),
    "about.method_title": ("Wie die Einträge entstanden und geprüft werden", "How records were extracted and checked"),
    "about.licence_title": ("Lizenz und Nutzung des Mitteilungstextes", "Licence and use of the release text"),
    "about.add_title": ("Eine neue Pressemitteilung hinzufügen", "How to add a release"),
    "about.cite_title": ("Zitieren", "How to cite"),
    "about.record_table": ("Alle Einträge", "All records"),
    "about.what_body": (
        "Dieses Dashboard macht aus einer diplomatischen Pressemitteilung strukturierte, überprüfbare Daten. "
        "Die aktuelle Mitteilung ({title}, {date}) ergibt **{records} Einträge** mit **{mentions} wörtlichen Erwähnungen** "
        "in acht Arten: Länder, Personen, Orte, Ereignisse, Sektoren, Initiativen, Institutionen und Konflikte. "
        "Jeder Eintrag verweist auf die Stelle im Text, aus der er stammt.",
        "This dashboard turns a diplomatic press release into structured, checkable data. "
        "The current release ({title}, {date}) yields **{records} records** with **{mentions} verbatim mentions** "
        "of eight kinds: countries, people, places, events, sectors, initiatives, institutions and conflicts. "
        "Every record points to the passage of the text it comes from.",
    ),
    "about.method_body": (
        "1. Der Text wird **unverändert** gespeichert (Prüfsumme SHA-256); die erste Zeile (Datum, Herausgeber) ist Metadaten.\n"
        "2. Analystinnen und Analysten lesen den Text und legen für alles Genannte einen Eintrag in `records.yaml` an – "
        "mit dem **wörtlichen Zitat** und seinen **Zeichenpositionen** (`start`/`end`).\n"
        "3. Beim Laden prüft das Programm jeden Eintrag: Zitat gleich Textstelle, Positionen im Text, eindeutige IDs, "
        "bekannte Arten, auflösbare Verknüpfungen, gültige ISO-3166-Ländercodes, Koordinaten im Wertebereich, gültige Daten.\n"
        "4. Angaben von außerhalb der Mitteilung (Koordinaten, Daten von UN-Beschlüssen) tragen ihre eigene Quelle; "
        "Schätzungen sind als *ungefähr* markiert.\n"
        "5. Nichts wird erfunden: Was die Mitteilung nicht sagt, zeigt das Dashboard als „nicht angegeben“.",
        "1. The text is stored **unchanged** (SHA-256 checksum); its first line (date, publisher) is metadata.\n"
        "2. Analysts read the text and add a record to `records.yaml` for everything it names – "
        "with the **verbatim quote** and its **character offsets** (`start`/`end`).\n"
        "3. On load the program checks every record: quote equals the text span, offsets inside the text, unique ids, "
        "known kinds, links that resolve, valid ISO 3166 country codes, coordinates in range, dates that parse.\n"
        "4. Anything from outside the release (coordinates, dates of UN resolutions) carries its own source; "
        "estimates are marked *approximate*.\n"
        "5. Nothing is invented: what the release does not say is shown as “not stated”.",
    ),
    "about.licence_body": (
        "**Mitteilungstext:** {usage}\n\n**Kartengrundlage:** Natural Earth (gemeinfrei). **Ortskoordinaten:** GeoNames (CC BY 4.0) "
        "und weitere, bei jedem Punkt genannte Quellen. **Englische Übersetzung:** inoffiziell, vom Dashboard-Team.",
        "**Release text:** {usage}\n\n**Base map:** Natural Earth (public domain). **Place coordinates:** GeoNames (CC BY 4.0) "
        "and further sources named at each point. **English translation:** unofficial, by the dashboard team.",
    ),
    "about.add_body": (
        "1. Ordner `data/releases/<JJJJ-MM-TT>-<kurzname>/` anlegen und die Mitteilung unverändert als `release.de.txt` ablegen.\n"
        "2. `metadata.yaml` nach dem Muster der vorhandenen Mitteilung ausfüllen; `sha256` mit `sha256sum release.de.txt` ermitteln.\n"
        '3. Einträge in `records.yaml` anlegen; Positionen eines Zitats liefert `python -m centralasia locate "<Zitat>"`.\n'
        "4. `python -m centralasia validate` ausführen: Jede Meldung nennt Datei, Eintrag und Feld.\n"
        "5. Optional: `translation.en.yaml` mit einer Übersetzung je Absatz.",
        "1. Create a folder `data/releases/<YYYY-MM-DD>-<short-name>/` and put the release in it unchanged as `release.de.txt`.\n"
        "2. Fill in `metadata.yaml` following the existing release; get `sha256` with `sha256sum release.de.txt`.\n"
        '3. Add records to `records.yaml`; `python -m centralasia locate "<quote>"` prints a quote\'s offsets.\n'
        "4. Run `python -m centralasia validate`: every message names the file, record and field.\n"
        "5. Optional: `translation.en.yaml` with one translated entry per paragraph.",
    ),
    "about.cite_body": (
        "Bitte die Pressemitteilung als Quelle nennen und das Dashboard als Aufbereitung, zum Beispiel:",
        "Please cite the press release as the source and the dashboard as the processing, for example:",
    ),
    # --- map
    "map.title": (
        "Der Mittlere Korridor: Transkaspische Internationale Transportroute",
        "The Middle Corridor: Trans-Caspian International Transport Route",
    ),
    "map.description": (
        "Karte der Transkaspischen Route von der chinesisch-kasachischen Grenze über das Kaspische Meer, Aserbaidschan und Georgien "
        "bis zum Schwarzen Meer und in die Türkei, mit dem turkmenischen Zweig; Kasachstan und Turkmenistan sind hervorgehoben, "
        "weitere in der Mitteilung genannte Länder getönt.",
        "Map of the Trans-Caspian route from the China–Kazakhstan border across the Caspian Sea, Azerbaijan and Georgia to the "
        "Black Sea and Türkiye, with the Turkmen branch; Kazakhstan and Turkmenistan are highlighted and the other countries "
        "the release mentions are shaded.",
    ),
    "map.source": (
        "Quellen – {attribution} Orte: je Punkt genannt. Hervorhebungen: {release}",
        "Sources – {attribution} Places: named per point. Highlights: {release}",
    ),
    "map.attribution": (
        "Grenzen: Natural Earth (deutsche Sichtweise). Bahnstrecken: © OpenStreetMap contributors (ODbL), Natural Earth.",
        "Borders: Natural Earth (German point of view). Rail lines: © OpenStreetMap contributors (ODbL), Natural Earth.",
    ),
    "map.schematic": ("schematisch", "schematic"),
    "map.style.rail-network": ("Bahnstrecke", "Rail line"),
    "map.style.schematic": ("schematisch", "Schematic"),
    "map.style.sea": ("Seeweg (Fähre)", "Ferry route"),
    "map.style.road": ("Straße", "Road"),
    "map.key.release": ("Länder der Mitteilung", "Release countries"),
    "map.key.mentioned": ("weitere genannte Länder", "Also mentioned"),
    "map.key.places": ("Orte der Mitteilung", "Release places"),
    "map.key.conflicts": ("genannte Konflikte", "Release conflicts"),
    "map.drawn.rail-network": ("entlang der realen Bahnstrecke gezeichnet", "drawn along the real rail line"),
    "map.drawn.sea": ("Seeweg, kartografisch gezeichnet", "sea route, drawn cartographically"),
    "map.drawn.schematic": (
        "schematisch: keine Streckendaten, gerade Linie zwischen den Knoten",
        "schematic: no line data, a straight line between the nodes",
    ),
    "map.mode.rail": ("Schiene", "rail"),
    "map.mode.sea": ("Seeweg (Fähre)", "sea (ferry)"),
    "map.mode.road": ("Straße", "road"),
    "map.corridor.main": ("Mittlerer Korridor", "Middle Corridor"),
    "map.corridor.black-sea": ("zum Schwarzen Meer", "to the Black Sea"),
    "map.corridor.turkiye": ("BTK in die Türkei", "BTK to Türkiye"),
    "map.corridor.turkmen": ("Turkmenischer Zweig", "Turkmen branch"),
    "map.corridor.kti": ("Bahn nach Iran", "Rail to Iran"),
    "map.corridor.lapis-lazuli": ("Lapislazuli-Korridor", "Lapis Lazuli corridor"),
    "map.end.from-china": ("aus China", "from China"),
    "map.end.to-europe": ("nach Europa", "to Europe"),
    "map.length_drawn": ("Länge entlang der gezeichneten Linie", "length along the drawn line"),
    "map.crossing_time": ("Überfahrt", "crossing"),
    "map.hours": ("etwa {hours} Std.", "about {hours} h"),
    "map.unknown": ("nicht veröffentlicht", "not published"),
    "map.position": ("Lage", "Position"),
    "map.position_approximate": ("Lage ungefähr", "position approximate"),
    "map.note": ("Hinweis", "Note"),
    "map.click_for_details": ("Anklicken für Details", "Click for details"),
    "map.layers": ("Ebenen", "Layers"),
    "map.view": ("Ausschnitt", "View"),
    "map.corridors": ("Korridore", "Corridors"),
    "map.modes": ("Verkehrsträger", "Modes"),
    "map.roles": ("Knoten", "Nodes"),
    "map.show_places": ("Orte der Mitteilung", "Places in the release"),
    "map.show_conflicts": ("Konflikte der Mitteilung", "Conflicts in the release"),
    "map.show_legend": ("Legende in der Karte", "Legend in the map"),
    "map.view.corridor": ("Gesamter Korridor", "Whole corridor"),
    "map.view.caspian": ("Kaspisches Meer", "Caspian Sea"),
    "map.view.caucasus": ("Kaukasus & Schwarzes Meer", "Caucasus & Black Sea"),
    "map.view.china-kazakhstan": ("China–Kasachstan", "China–Kazakhstan"),
    "map.schematic_note": (
        "Durchgezogene Linien folgen realen Bahnstrecken (OpenStreetMap, Natural Earth); gestrichelte Abschnitte sind "
        "schematisch, weil für sie keine Streckendaten vorliegen; gepunktet: Seeweg. Hohle Symbole markieren ungefähre Lagen.",
        "Solid lines follow real rail lines (OpenStreetMap, Natural Earth); dashed legs are schematic because no line data "
        "exists for them; dotted: sea route. Hollow symbols mark approximate positions.",
    ),
    "map.key_nodes": (
        "Symbole: ◆ Grenzübergang · ■ Seehafen · ● Bahnknoten · ★ Hauptstadt · ○ Ort der Mitteilung · ✕ Konflikt",
        "Symbols: ◆ border crossing · ■ seaport · ● rail hub · ★ capital · ○ place in the release · ✕ conflict",
    ),
    "map.select_hint": (
        "Einen Knoten auf der Karte anklicken: Hier erscheinen seine Angaben, Strecken und die Sätze der Mitteilung, die ihn nennen.",
        "Click a node on the map: its details, legs and the release's sentences that name it appear here.",
    ),
    "map.legs": ("Strecken", "Legs"),
    "map.clear_selection": ("Auswahl aufheben", "Clear selection"),
    "map.no_quotes": ("Die Mitteilung nennt diesen Ort nicht.", "The release does not name this place."),
    "map.release_quotes": ("Was die Mitteilung dazu sagt", "What the release says about it"),
    "map.not_on_map": ("Nicht auf der Karte", "Not on the map"),
    "map.outside_view": ("außerhalb des Kartenausschnitts", "outside the map's extent"),
    "map.no_coordinates": ("eine Region, kein Punkt", "a region, not a point"),
    "map.no_party": ("die Mitteilung nennt keine beteiligten Länder", "the release names no party"),
    "map.lengths_title": ("Berechnete Längen je Korridor und Verkehrsträger", "Computed lengths per corridor and mode"),
    "map.lengths_desc": (
        "Geodätische Längen (WGS84-Ellipsoid) entlang der gezeichneten Linien, summiert je Korridor und Verkehrsträger.",
        "Geodesic lengths (WGS84 ellipsoid) along the drawn lines, summed per corridor and mode.",
    ),
    "map.published_title": (
        "Länge entlang der gezeichneten Linie vs. veröffentlichte Länge",
        "Length along the drawn line vs published length",
    ),
    "map.published_desc": (
        "Wo ein Abschnitt realen Bahnstrecken folgt, liegt die berechnete Länge nahe an der veröffentlichten; schematische "
        "(gerade) Abschnitte sind kürzer als die reale Trasse.",
        "Where a leg follows real rail lines, the computed length comes close to the published one; schematic (straight) "
        "legs are shorter than the real alignment.",
    ),
    "map.real_share": ("Anteil reale Strecke", "Share on real lines"),
    "map.length_note": (
        "Länge entlang der gezeichneten Linie gegenüber der veröffentlichten Angabe: {items}. Alle Vergleiche unter „Über & Methode“.",
        "Length along the drawn line vs the published figure: {items}. All comparisons are on About & method.",
    ),
    "map.length_item": ("{name} {drawn} km gezeichnet, {published} km veröffentlicht", "{name} {drawn} km drawn, {published} km published"),
    "map.not_comparable": ("nicht vergleichbar: {why}", "not comparable: {why}"),
    "map.context_title": ("Kontext: veröffentlichte Zahlen zum Korridor", "Context: published corridor figures"),
    "map.context_note": (
        "Diese Zahlen stammen nicht aus der Pressemitteilung, sondern aus den genannten Quellen. Sie unterscheiden sich im "
        "Umfang (nur Schiene oder alle Güter einschließlich Öl) und werden deshalb nicht zusammengeführt.",
        "These figures do not come from the press release but from the sources named. They differ in scope (rail only or "
        "all cargo including oil) and are therefore not merged.",
    ),
    "map.freight_title": ("Güterverkehr auf dem Mittleren Korridor, je Quelle", "Freight on the Middle Corridor, by source"),
    "map.freight_desc": (
        "Liniendiagramm: Gütermenge in Millionen Tonnen je Jahr, eine Linie je Quelle und Abgrenzung (nicht verbunden, "
        "weil sie Verschiedenes zählen); gepunktet: Prognose. {summary}",
        "Line chart: freight in million tonnes per year, one line per source and scope (not joined, because they count "
        "different things); dotted: forecast. {summary}",
    ),
    "map.series": ("Reihe", "Series"),
    "map.scope": ("Abgrenzung", "Scope"),
    "map.kind": ("Art", "Kind"),
    "map.kind.actual": ("Ist-Wert", "outturn"),
    "map.kind.forecast": ("Prognose", "forecast"),
    "map.kind.target": ("Ziel", "target"),
    "map.kind.scenario": ("Szenario", "scenario"),
    "map.published": ("veröffentlicht", "published"),
    "map.newest_figure": ("Stand der neuesten Zahl", "Newest figure as of"),
    "map.capacity": ("Kapazität und Ziele", "Capacity and targets"),
    "map.transit": ("Transitzeiten", "Transit times"),
    "map.ferry_note": (
        "Fährzeiten: {known}. Keine veröffentlichte Zeit aus einer belastbaren Quelle für: {missing}.",
        "Ferry crossing times: {known}. No published time from a reliable source for: {missing}.",
    ),
    "map.dark_export": (
        "Bilddownload der Karte im hellen Farbschema (Menü oben rechts → Einstellungen) oder als Briefing-Export.",
        "Download the map image in the light theme (menu top right → Settings) or via the briefing export.",
    ),
    "col.km": ("km (berechnet)", "km (computed)"),
    "col.published_km": ("km (veröffentlicht)", "km (published)"),
    "col.difference": ("Abweichung in %", "Difference %"),
    "col.corridor": ("Korridor", "Corridor"),
    "col.mode": ("Verkehrsträger", "Mode"),
    "col.legs": ("Abschnitte", "Legs"),
    "col.source": ("Quelle", "Source"),
    "col.year": ("Jahr", "Year"),
    "col.value": ("Wert", "Value"),
    "col.item": ("Angabe", "Item"),
    "col.mt": ("Mio. t", "Mt"),
    "corridor.main": ("Hauptlinie", "Main line"),
    "corridor.black-sea": ("Schwarzmeer-Zweig", "Black Sea branch"),
    "corridor.turkiye": ("Türkei-Zweig (BTK)", "Türkiye branch (BTK)"),
    "corridor.turkmen": ("Turkmenischer Zweig", "Turkmen branch"),
    "corridor.kti": ("Bahn Kasachstan–Turkmenistan–Iran", "Kazakhstan–Turkmenistan–Iran railway"),
    "corridor.lapis-lazuli": ("Lapislazuli-Korridor", "Lapis Lazuli corridor"),
    "mode.rail": ("Schiene", "rail"),
    "mode.sea": ("Seeweg (Fähre)", "sea (ferry)"),
    "mode.road": ("Straße", "road"),
    "role.border-crossing": ("Grenzübergang", "Border crossing"),
    "role.seaport": ("Seehafen", "Seaport"),
    "role.rail-hub": ("Bahnknoten", "Rail hub"),
    "role.capital": ("Hauptstadt", "Capital"),
    "role.city": ("Stadt", "City"),
    "role.planned-port": ("Hafen (geplant)", "Port (planned)"),
    # --- sectors
    "sectors.intro": (
        "Wo die Länder der Mitteilung zusammenarbeiten wollen, mit welcher Absicht und mit welchen Worten – daneben Kontext aus veröffentlichten Statistiken, deutlich getrennt.",
        "Where the release's countries intend to cooperate, with what intent and in which words – next to context from published statistics, kept apart.",
    ),
    "sectors.matrix_desc": (
        "Matrix: {sectors} Sektoren (Zeilen) × {countries} Länder (Spalten); ein Feld, wo die Mitteilung das Land im Sektor nennt, gefärbt nach der genannten Absicht.",
        "Matrix: {sectors} sectors (rows) × {countries} countries (columns); a square where the release names the country in the sector, coloured by the intent stated.",
    ),
    # --- initiatives
    "initiatives.intro": (
        "Initiativen und Institutionen, die die Mitteilung nennt: wer sie vorschlägt oder unterstützt und welchen Stand die Mitteilung angibt.",
        "Initiatives and institutions the release names: who proposes or supports them, and the status the release gives.",
    ),
    # --- conflicts
    "conflicts.intro": (
        "Konflikte und Spannungen, die die Mitteilung anspricht: wen sie betreffen, was die Mitteilung dazu sagt, im Wortlaut.",
        "Conflicts and tensions the release addresses: whom they concern, what the release says about them, in its own words.",
    ),
    # --- source text
    "source.intro": (
        "Der vollständige Wortlaut der Mitteilung. Jede Markierung ist das Zitat eines Eintrags: anklicken (oder mit der Tabulatortaste ansteuern und die Eingabetaste drücken), um den Eintrag zu wählen.",
        "The full release text. Every highlight is the quote of a record: click it (or Tab to it and press Enter) to select that record.",
    ),
    "source.kinds": ("Markierte Arten", "Highlighted kinds"),
    "source.record": ("Eintrag", "Record"),
    "source.show_translation": ("Englische Übersetzung daneben zeigen", "Show the English translation alongside"),
    "source.translation_note": (
        "Inoffizielle Übersetzung des Dashboard-Teams, Absatz für Absatz ausgerichtet. Maßgeblich ist allein der deutsche Text.",
        "Unofficial translation by the dashboard team, aligned paragraph by paragraph. Only the German text is authoritative.",
    ),
    "source.no_translation": ("Für diese Mitteilung gibt es keine Übersetzung.", "There is no translation for this release."),
    "source.details": ("{kind}: {label}", "{kind}: {label}"),
    "source.all_mentions": ("Alle Erwähnungen ({n})", "All mentions ({n})"),
    # --- briefing and embedding
    "briefing.doc_title": ("Briefing", "Briefing"),
    "briefing.intro": (
        "Abschnitte und Sprache wählen, Vorschau ansehen und eine einzige HTML-Datei herunterladen. Sie öffnet sich ohne "
        "Internet, alle Diagramme bleiben interaktiv, und sie lässt sich auf A4 drucken.",
        "Choose sections and language, preview, and download one HTML file. It opens with no internet, every chart stays "
        "interactive, and it prints on A4.",
    ),
    "briefing.sections": ("Abschnitte", "Sections"),
    "briefing.section.key-facts": ("Kernpunkte", "Key facts"),
    "briefing.section.map": ("Karte der Route", "Route map"),
    "briefing.section.sectors": ("Sektoren", "Sectors"),
    "briefing.section.initiatives": ("Initiativen", "Initiatives"),
    "briefing.section.conflicts": ("Konflikte & Positionen", "Conflicts & positions"),
    "briefing.section.quotes": ("Zentrale Zitate", "Key quotes"),
    "briefing.download": ("Briefing herunterladen (eine HTML-Datei)", "Download briefing (one HTML file)"),
    "briefing.bundle": ("Datenpaket herunterladen (ZIP)", "Download data bundle (ZIP)"),
    "briefing.bundle_help": (
        "CSV je Art, JSON-Export, Originaltext und README mit Quelle und Nutzungshinweis.",
        "CSV per kind, JSON export, original text and a README with source and usage note.",
    ),
    "briefing.preview": ("Vorschau", "Preview"),
    "briefing.show_preview": ("Vorschau zeigen", "Show preview"),
    "briefing.none": ("Bitte mindestens einen Abschnitt wählen.", "Please choose at least one section."),
    "briefing.cli": ("Dieselbe Datei von der Kommandozeile:", "The same file from the command line:"),
    "briefing.footer": (
        "Erstellt mit dem Zentralasien-Kooperations-Dashboard aus der Pressemitteilung „{title}“. Jedes Zitat nennt seinen Absatz im Text der Mitteilung.",
        "Made with the Central Asia Cooperation Dashboard from the press release “{title}”. Every quote names its paragraph in the release text.",
    ),
    "briefing.bundle_readme": (
        "Datenpaket: {title}\n\nQuelle: {publisher}, {date} (Pressemitteilung {release}, SHA-256 {sha}).\n"
        "Nutzung: {usage}\n\nInhalt: release.json (alle Einträge mit Zitaten und Positionen), mentions.csv (eine Zeile je "
        "Erwähnung), {kinds} (eine Zeile je Eintrag), Originaltext, corridor_legs.geojson (die gezeichneten Korridorabschnitte mit Quellen; Bahnstrecken © OpenStreetMap contributors, ODbL).\nZitate: text[start:end] == quote, Positionen in "
        "Unicode-Zeichen ab der Überschrift.\n\nErzeugt: {generated}\n",
        "Data bundle: {title}\n\nSource: {publisher}, {date} (press release {release}, SHA-256 {sha}).\n"
        "Usage: {usage}\n\nContents: release.json (all records with quotes and offsets), mentions.csv (one row per "
        "mention), {kinds} (one row per record), the original text, corridor_legs.geojson (the corridor legs as drawn, with sources; rail lines © OpenStreetMap contributors, ODbL).\nQuotes: text[start:end] == quote, offsets in "
        "Unicode characters from the headline on.\n\nGenerated: {generated}\n",
    ),
    "embed.title": ("Teilen & einbetten", "Share & embed"),
    "embed.link": ("Link zu dieser Ansicht", "Link to this view"),
    "embed.iframe": ("iframe-Code für diese Seite", "iframe for this page"),
    "embed.chart": ("Nur ein Diagramm einbetten", "Embed a single chart"),
    "embed.chart_iframe": ("iframe-Code für das Diagramm", "iframe for the chart"),
    "embed.note": (
        "Eingebettete Ansichten sind live: Sie zeigen die laufende App (nur öffentliche Community-Cloud-Apps; eine App ruht nach 12 Stunden ohne Aufruf). Für einen festen Stand das Briefing als HTML-Datei exportieren.",
        "Embedded views are live: they show the running app (public Community Cloud apps only; apps sleep after 12 h without traffic). For a frozen record, export the briefing as an HTML file.",
    ),
    "page.embed": ("Diagramm", "Chart"),
    "chart.route-map": ("Karte der Route", "Route map"),
    "chart.freight": ("Güterverkehr", "Freight volumes"),
    "chart.sector-matrix": ("Sektoren × Länder", "Sectors × countries"),
    "quote.show_in_source": ("¶{n} · im Originaltext zeigen", "¶{n} · show in source"),
    "chart.initiative-matrix": ("Wer welche Initiative trägt", "Who backs which initiative"),
    "takeaway.both": ("beide Länder", "both countries"),
    "takeaway.all_n": ("alle {n} Länder", "all {n} countries"),
    "takeaway.sectors_commit_plural": ("{who} setzen auf {sectors}", "{who} commit to {sectors}"),
    "takeaway.sectors_commit_one": ("{who} setzt auf {sectors}", "{who} commits to {sectors}"),
    "takeaway.sectors_only": ("nur {country} spricht auch von {sectors}", "only {country} speaks of {sectors}"),
    "takeaway.initiatives_back_one": ("{who} unterstützt {n} von {total} Initiativen", "{who} backs {n} of {total} initiatives"),
    "takeaway.initiatives_back_many": ("{who} unterstützen je {n} von {total} Initiativen", "{who} each back {n} of {total} initiatives"),
    "takeaway.initiatives_propose_one": ("{who} schlägt {n} vor", "{who} proposes {n}"),
    "takeaway.initiatives_propose_many": ("{who} schlagen je {n} vor", "{who} each propose {n}"),
    "takeaway.initiatives_none_proposed": ("Urheber nennt die Mitteilung bei keiner", "the release names no proposer for any"),
    "initiatives.title_empty": (
        "Die Mitteilung nennt {n} Initiativen, aber niemanden, der sie vorschlägt oder unterstützt",
        "The release names {n} initiatives but no one who proposes or supports them",
    ),
    "initiatives.matrix_desc": (
        "Raster: eine Zeile je Initiative, eine Spalte je Akteur; Raute = schlägt vor, Kreis = unterstützt ({links} Verbindungen bei {n} Initiativen).",
        "Grid: one row per initiative, one column per actor; diamond = proposes, circle = supports ({links} links across {n} initiatives).",
    ),
    "initiatives.table_title": ("Wer vorschlägt, wer unterstützt, welcher Stand", "Who proposes, who supports, what status"),
    "initiatives.institutions": ("Genannte Institutionen", "Institutions named"),
    "relation.proposes": ("schlägt vor", "proposes"),
    "relation.supports": ("unterstützt", "supports"),
    "col.actor": ("Akteur", "Actor"),
    "col.relation": ("Beziehung", "Relation"),
    "col.paragraph": ("Absatz", "Paragraph"),
    "col.topic": ("Thema", "Topic"),
    "col.about": ("Betrifft", "About whom"),
    "col.says": ("Was die Mitteilung sagt", "What the release says"),
    "col.source_passage": ("Zitat und Fundstelle", "Quote and passage"),
    "conflicts.table_title": (
        "Die Mitteilung bezieht zu {n} Konflikten und Spannungen Stellung; bei {named} nennt sie Beteiligte",
        "The release takes a position on {n} conflicts and tensions; it names parties for {named}",
    ),
    "conflicts.title_empty": ("Diese Mitteilung spricht keine Konflikte an.", "This release addresses no conflicts."),
    "conflicts.no_parties": ("keine Beteiligten genannt", "no parties named"),
    "conflicts.download": ("Tabelle als CSV", "Table as CSV"),
    "conflicts.map_note": (
        "Wo die genannten Orte und Länder liegen, zeigt die Karte.",
        "The map page shows where the places and countries named lie.",
    ),
    "sectors.matrix_title_empty": ("Keine Sektoren für diese Auswahl", "No sectors for this selection"),
    "sectors.not_stated": ("nicht genannt", "not stated"),
    "sectors.table_title": ("Was die Mitteilung je Sektor und Land sagt", "What the release says per sector and country"),
    "sectors.table_note": (
        "Jede Zelle: die genannte Absicht und das wörtliche Zitat; der Verweis öffnet die Stelle im Originaltext.",
        "Each cell: the intent stated and the verbatim quote; the reference opens the passage in the source text.",
    ),
    "sectors.context_title": ("Kontext aus veröffentlichten Statistiken", "Context from published statistics"),
    "sectors.context_note": (
        "Nicht aus der Pressemitteilung: Jede Zahl stammt aus der genannten Quelle und gilt nur in deren Umfang. Zahlen unterschiedlichen Umfangs werden nicht zusammengeführt.",
        "Not from the press release: each figure comes from the source named and holds only within its scope. Figures of different scope are not merged.",
    ),
    "sectors.per_sector": ("{sector}: Kontext", "{sector}: context"),
    "sectors.context_problem": ("Kontextdaten nicht geladen: {problem}", "Context data not loaded: {problem}"),
    "sectors.download_table": ("Tabelle als CSV", "Table as CSV"),
    "context.indicator": ("Kennzahl", "Indicator"),
    "context.period": ("Zeitraum", "Period"),
    "context.value": ("Wert", "Value"),
    "context.source": ("Quelle und Umfang", "Source and scope"),
    "context.report_of": ("Meldung vom {date}", "report of {date}"),
    "source.passage_note": (
        "Hervorgehoben: die Stelle aus dem Verweis (¶{n}); rechts der Absatz in der Übersetzung.",
        "Highlighted: the passage you followed (¶{n}); on the right, its paragraph in the translation.",
    ),
    "source.count": ("{records} {kind}, {mentions}", "{records} {kind}, {mentions}"),
    "source.mentions_one": ("1 Erwähnung", "1 mention"),
    "source.mentions_n": ("{n} Erwähnungen", "{n} mentions"),
    "about.files_title": ("Dateien, Prüfsummen und Zeichenpositionen", "Files, checksums and character offsets"),
    "about.files_body": (
        "Für Prüfende: wo die Daten liegen und wie ein Zitat auf den Text zeigt. Jedes Zitat steht im gespeicherten Text an den angegebenen Zeichenpositionen (Unicode-Zeichen ab der Überschrift).",
        "For checkers: where the data lives and how a quote points into the text. Every quote sits in the stored text at the character offsets given (Unicode characters from the headline on).",
    ),
    "about.folder": ("Ordner der Mitteilung", "Release folder"),
    "about.metadata_line": ("Metadatenzeile der Datei (nicht Teil des Textes)", "Metadata line of the file (not part of the text)"),
    "about.checksum": ("SHA-256 der Originaldatei", "SHA-256 of the original file"),
    "about.context_title": ("Kontextzahlen", "Context figures"),
    "about.context_body": (
        "Die Kontextzahlen auf der Seite „Sektoren“ stehen in `data/context/indicators.yaml`, jede mit Herausgeber, Titel, Datum, URL und Umfang. Nur Primärquellen (Statistikämter, Ministerien, Betreiber, zwischenstaatliche Stellen) oder etablierte Nachrichtenagenturen, die eine amtliche Zahl melden.",
        "The context figures on the Sectors page live in `data/context/indicators.yaml`, each with publisher, title, date, URL and scope. Only primary sources (statistics offices, ministries, operators, intergovernmental bodies) or established news agencies reporting an official figure.",
    ),
    "overview.kinds_note": (
        "Jede Zahl zählt die Einträge einer Art; die Hilfe nennt, wie oft sie im Text vorkommen.",
        "Each number counts the records of one kind; its help says how often they occur in the text.",
    ),
    "overview.download_release_json": ("Diese Mitteilung als JSON", "This release as JSON"),
    "overview.download_release_csv": ("Erwähnungen dieser Mitteilung als CSV", "This release's mentions as CSV"),
    "embed.unknown_chart": (
        "Dieses Diagramm gibt es nicht (mehr); gezeigt wird: {chart}.",
        "There is no such chart (any more); showing: {chart}.",
    ),
    "briefing.context_title": ("Kontext aus veröffentlichten Statistiken", "Context from published statistics"),
    "misc.as_well_as": ("sowie", "as well as"),
    "takeaway.initiatives_back_all_one": ("{who} unterstützt alle {total} Initiativen", "{who} backs all {total} initiatives"),
    "takeaway.initiatives_back_all_many": ("{who} unterstützen alle {total} Initiativen", "{who} back all {total} initiatives"),
    "sectors.reported_speech": ("laut {who} (indirekte Rede)", "according to {who} (reported speech)"),
    "source.translation_head": ("Inoffizielle Übersetzung (Englisch)", "Unofficial translation (English)"),
    "col.iso3": ("ISO-Code", "ISO code"),
    "sectors.no_context_for": (
        "Ohne belegte Kennzahl: {sectors}. Dort zeigt die Seite nur, was die Mitteilung sagt.",
        "No sourced figure for: {sectors}. There the page shows only what the release says.",
    ),
    "about.borders": (
        "Die Grenzen folgen der deutschen Sichtweise: Natural Earth 5.1.1, Staatsgrenzen aus deutscher Sicht (gemeinfrei) – die Krim gehört zur Ukraine, Zypern ist ein Staat. Ländernamen in den Kurzformen des Auswärtigen Amts. Bahnstrecken: © OpenStreetMap contributors (ODbL) und Natural Earth (gemeinfrei); wo keine Streckendaten vorliegen, ist ein Abschnitt schematisch gezeichnet und so bezeichnet.",
        "Borders follow the German point of view: Natural Earth 5.1.1 admin-0 countries, German point of view (public domain) — Crimea is part of Ukraine, Cyprus is one country. Country names are the short forms used by the German Federal Foreign Office. Rail lines: © OpenStreetMap contributors (ODbL) and Natural Earth (public domain); where no line data exists, a leg is drawn schematically and labelled as such.",
    ),
    "briefing.map_unavailable": (
        "Die Karte fehlt in diesem Briefing: Die Geodaten des Dashboards konnten nicht gelesen werden.",
        "The map is missing from this briefing: the dashboard's geodata could not be read.",
    ),
    # --- misc
    "misc.unofficial_translation": ("Inoffizielle Übersetzung", "Unofficial translation"),
    "misc.original": ("Original (Deutsch)", "Original (German)"),
    "misc.approximate": ("ungefähr", "approximate"),
    "misc.none": ("—", "—"),
    "misc.and": ("und", "and"),
}

_MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def normalise_language(value: object) -> str | None:
    """Return 'de' or 'en' for a language tag like 'de-DE' or 'EN'; None for anything else."""
    if not isinstance(value, str):
        return None
    tag = value.strip().lower().replace("_", "-").split("-")[0]
    return tag if tag in LANGUAGES else None


def t(key: str, lang: str, **values: object) -> str:
    """The catalogue string ``key`` in ``lang`` with ``{placeholders}`` filled in."""
    de, en = CATALOGUE[key]
    text = de if lang == "de" else en
    return text.format(**values) if values else text


def format_date(value: dt.date | str, lang: str) -> str:
    """12. Dezember 2025 / 12 December 2025; partial dates ('2025', '2025-12') stay partial."""
    if isinstance(value, dt.date):
        parts = [value.year, value.month, value.day]
    else:
        parts = [int(p) for p in value.split("-")]
    months = _MONTHS_DE if lang == "de" else _MONTHS_EN
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{months[parts[1] - 1]} {parts[0]}"
    year, month, day = parts
    return f"{day}. {months[month - 1]} {year}" if lang == "de" else f"{day} {months[month - 1]} {year}"


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """1,234.5 in English, 1.234,5 in German."""
    text = f"{value:,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def join_list(items: Iterable[str], lang: str) -> str:
    """'a, b and c' / 'a, b und c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('misc.and', lang)} {items[-1]}"
