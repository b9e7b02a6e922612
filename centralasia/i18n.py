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
    "sidebar.problems": ("{n} Datei(en) mit Fehlern übersprungen", "{n} data file problem(s); affected releases skipped"),
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
    "page.source": ("Quelltext", "Source text"),
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
    "col.stance": ("Haltung", "Stance"),
    "col.statement": ("Aussage", "Statement"),
    "col.domain": ("Bereich", "Domain"),
    "col.status": ("Status laut Mitteilung", "Status as stated"),
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
        "Veröffentlicht am {date} von {publisher} ({channel}, {dateline})",
        "Published {date} by {publisher} ({channel}, {dateline})",
    ),
    "overview.quote_ref": ("Zitat, Zeichen {start}–{end}", "Quote, characters {start}–{end}"),
    "overview.no_event": ("Kein Ereignis mit Datum in dieser Mitteilung.", "This release names no dated event."),
    "overview.unknown": ("in der Mitteilung nicht angegeben", "not stated in the release"),
    "overview.mentions_n": ("{n}× erwähnt", "mentioned {n}×"),
    "overview.role_in_release": ("Rolle in der Mitteilung", "Role in the release"),
    "overview.host": ("Gastgeber", "Host"),
    "overview.release_country": ("Partner der Mitteilung", "Partner of the release"),
    "overview.mentioned_country": ("in der Mitteilung genannt", "mentioned in the release"),
    "overview.counts_chart_title": ("Einträge je Art", "Records per kind"),
    "overview.counts_chart_desc": (
        "Balkendiagramm: Anzahl der aus der Mitteilung extrahierten Einträge je Art; {summary}.",
        "Bar chart: number of records extracted from the release per kind; {summary}.",
    ),
    # --- chart component
    "chart.source": ("Quelle", "Source"),
    "chart.as_of": ("Stand", "As of"),
    "chart.show_table": ("Daten als Tabelle zeigen", "Show data as table"),
    "chart.download_csv": ("Daten (wie gezeigt) als CSV", "Data as shown (CSV)"),
    "chart.description": ("Beschreibung", "Description"),
    "chart.modebar_hint": (
        "PNG/SVG: Kamera-Symbol in der Diagrammleiste.",
        "PNG/SVG: camera icon in the chart toolbar.",
    ),
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
    "about.data_title": ("Datenstand", "Data status"),
    "about.checks_passed": ("Alle {n} Prüfungen bestanden", "All {n} checks passed"),
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
    "col.difference": ("Abweichung %", "Difference %"),
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
    "mode.sea": ("See (Fähre)", "sea (ferry)"),
    "mode.road": ("Straße", "road"),
    "role.border-crossing": ("Grenzübergang", "Border crossing"),
    "role.seaport": ("Seehafen", "Seaport"),
    "role.rail-hub": ("Bahnknoten", "Rail hub"),
    "role.capital": ("Hauptstadt", "Capital"),
    "role.city": ("Stadt", "City"),
    "role.planned-port": ("Hafen (geplant)", "Port (planned)"),
    # --- sectors
    "sectors.intro": (
        "In welchen Bereichen Kasachstan und Turkmenistan laut Mitteilung zusammenarbeiten – und mit welcher Absicht.",
        "Where, according to the release, Kazakhstan and Turkmenistan cooperate – and with what intent.",
    ),
    "sectors.matrix_title": ("Sektoren und Länder: was die Mitteilung ankündigt", "Sectors and countries: what the release announces"),
    "sectors.matrix_desc": (
        "Matrix: für jeden Sektor die Länder, die laut Mitteilung zusammenarbeiten, mit der genannten Absicht; {summary}.",
        "Matrix: for each sector the countries that cooperate according to the release, with the intent stated; {summary}.",
    ),
    "sectors.mentions_title": ("Erwähnungen je Sektor", "Mentions per sector"),
    "sectors.mentions_desc": (
        "Balkendiagramm: wie oft jeder Sektor in der Mitteilung vorkommt, gefärbt nach Absicht; {summary}.",
        "Bar chart: how often each sector occurs in the release, coloured by intent; {summary}.",
    ),
    "sectors.quotes": ("Zitate je Sektor", "Quotes per sector"),
    "sectors.select_hint": (
        "Einen Balken oder ein Feld anklicken oder oben filtern, um die Seite auf einen Sektor einzugrenzen.",
        "Click a bar or a cell, or use the filter above, to narrow the page to one sector.",
    ),
    "sectors.filtered": ("Gefiltert: {what}", "Filtered: {what}"),
    # --- initiatives
    "initiatives.intro": (
        "Initiativen und Institutionen, die die Mitteilung nennt: wer sie vorschlägt oder unterstützt und welchen Stand die Mitteilung angibt.",
        "Initiatives and institutions the release names: who proposes or supports them, and the status the release gives.",
    ),
    "initiatives.table": ("Alle Initiativen und Institutionen", "All initiatives and institutions"),
    "initiatives.domain_title": ("Initiativen nach Bereich und Stand", "Initiatives by domain and status"),
    "initiatives.domain_desc": (
        "Gestapeltes Balkendiagramm: Anzahl der Initiativen je Bereich, unterteilt nach dem genannten Stand; {summary}.",
        "Stacked bar chart: number of initiatives per domain, split by the status stated; {summary}.",
    ),
    "initiatives.network_title": ("Wer unterstützt was", "Who backs what"),
    "initiatives.network_desc": (
        "Netzwerk: links Länder und Personen, in der Mitte Initiativen, rechts Institutionen; Linien zeigen Vorschlag, Unterstützung oder Bezug ({n} Verbindungen).",
        "Network: countries and people on the left, initiatives in the middle, institutions on the right; lines show proposal, support or reference ({n} links).",
    ),
    # --- conflicts
    "conflicts.intro": (
        "Konflikte und Spannungen, die die Mitteilung anspricht, mit der Position, die Kasachstans Präsident dazu äußert.",
        "Conflicts and tensions the release addresses, with the position Kazakhstan's president states on each.",
    ),
    "conflicts.chart_title": ("Konflikte, Regionen und Positionen", "Conflicts, regions and positions"),
    "conflicts.chart_desc": (
        "Balkendiagramm: Erwähnungen je Konflikt (mit Region), gefärbt nach der geäußerten Position; {summary}.",
        "Bar chart: mentions per conflict (with its region), coloured by the position stated; {summary}.",
    ),
    "conflicts.map_title": ("Wo die Konflikte liegen", "Where the conflicts are"),
    "conflicts.map_desc": (
        "Karte: die Konflikte, deren beteiligte Länder die Mitteilung nennt, an deren Lage; Konflikte ohne genannte Beteiligte stehen darunter.",
        "Map: the conflicts whose parties the release names, placed at those countries; conflicts without named parties are listed below.",
    ),
    "conflicts.cards": ("Positionen im Wortlaut", "Positions in the release's words"),
    # --- source text
    "source.intro": (
        "Der vollständige Text der Mitteilung, wie gespeichert. Jede markierte Stelle ist das Zitat eines Eintrags; "
        "der Mauszeiger über einer Markierung nennt ihn.",
        "The full release text as stored. Every highlight is the quote of a record; hover over a highlight to see which.",
    ),
    "source.kinds": ("Markierte Arten", "Highlighted kinds"),
    "source.record": ("Eintrag", "Record"),
    "source.legend": ("Legende", "Legend"),
    "source.show_translation": ("Englische Übersetzung daneben zeigen", "Show the English translation alongside"),
    "source.translation_note": (
        "Inoffizielle Übersetzung des Dashboard-Teams, Absatz für Absatz ausgerichtet. Maßgeblich ist allein der deutsche Text.",
        "Unofficial translation by the dashboard team, aligned paragraph by paragraph. Only the German text is authoritative.",
    ),
    "source.no_translation": ("Für diese Mitteilung gibt es keine Übersetzung.", "There is no translation for this release."),
    "source.details": ("{kind}: {label}", "{kind}: {label}"),
    "source.labels": ("Bezeichnungen", "Labels"),
    "source.all_mentions": ("Alle Erwähnungen ({n})", "All mentions ({n})"),
    "source.metadata_line": ("Metadatenzeile der Datei (nicht Teil des Textes)", "Metadata line of the file (not part of the text)"),
    "source.checksum": ("SHA-256 der Originaldatei", "SHA-256 of the original file"),
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
    "briefing.download": ("Briefing herunterladen (HTML, {size})", "Download briefing (HTML, {size})"),
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
        "Erstellt mit dem Zentralasien-Kooperations-Dashboard aus der Pressemitteilung {release} (SHA-256 {sha}…). "
        "Jedes Zitat nennt seine Zeichenpositionen im gespeicherten Text.",
        "Made with the Central Asia Cooperation Dashboard from press release {release} (SHA-256 {sha}…). "
        "Every quote gives its character offsets in the stored text.",
    ),
    "briefing.bundle_readme": (
        "Datenpaket: {title}\n\nQuelle: {publisher}, {date} (Pressemitteilung {release}, SHA-256 {sha}).\n"
        "Nutzung: {usage}\n\nInhalt: release.json (alle Einträge mit Zitaten und Positionen), mentions.csv (eine Zeile je "
        "Erwähnung), {kinds} (eine Zeile je Eintrag), Originaltext.\nZitate: text[start:end] == quote, Positionen in "
        "Unicode-Zeichen ab der Überschrift.\n\nErzeugt: {generated}\n",
        "Data bundle: {title}\n\nSource: {publisher}, {date} (press release {release}, SHA-256 {sha}).\n"
        "Usage: {usage}\n\nContents: release.json (all records with quotes and offsets), mentions.csv (one row per "
        "mention), {kinds} (one row per record), the original text.\nQuotes: text[start:end] == quote, offsets in "
        "Unicode characters from the headline on.\n\nGenerated: {generated}\n",
    ),
    "embed.title": ("Teilen & einbetten", "Share & embed"),
    "embed.link": ("Link zu dieser Ansicht", "Link to this view"),
    "embed.iframe": ("iframe für diese Seite", "iframe for this page"),
    "embed.chart": ("Nur ein Diagramm einbetten", "Embed a single chart"),
    "embed.chart_iframe": ("iframe für das Diagramm", "iframe for the chart"),
    "embed.note": (
        "Eingebettete Ansichten sind live: Sie zeigen die aktuelle App (öffentliche Community-Cloud-Apps; Apps schlafen nach "
        "12 h ohne Besuch). Für einen festen Stand das Briefing als HTML-Datei exportieren.",
        "Embedded views are live: they show the running app (public Community Cloud apps only; apps sleep after 12 h "
        "without traffic). For a frozen record, export the briefing as an HTML file.",
    ),
    "embed.no_chart": ("Unbekanntes Diagramm; verfügbar: {charts}", "Unknown chart; available: {charts}"),
    "page.embed": ("Diagramm", "Chart"),
    "chart.kind-counts": ("Einträge je Art", "Records per kind"),
    "chart.route-map": ("Karte der Route", "Route map"),
    "chart.freight": ("Güterverkehr", "Freight volumes"),
    "chart.sector-mentions": ("Erwähnungen je Sektor", "Mentions per sector"),
    "chart.sector-matrix": ("Sektoren × Länder", "Sectors × countries"),
    "chart.initiative-domains": ("Initiativen nach Bereich", "Initiatives by domain"),
    "chart.initiative-network": ("Netzwerk der Initiativen", "Network of initiatives"),
    "chart.conflicts": ("Konflikte und Positionen", "Conflicts and positions"),
    "chart.conflict-map": ("Karte der Konflikte", "Map of conflicts"),
    # --- misc
    "misc.download_json": ("Alle Daten als JSON", "All data as JSON"),
    "misc.download_mentions_csv": ("Alle Erwähnungen als CSV", "All mentions as CSV"),
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


# --- Releases page (MODEL): kept in one block so that the per-language catalogues can absorb it unchanged.
CATALOGUE.update(
    {
        "page.releases": ("Pressemitteilungen", "Releases"),
        "releases.intro": (
            "Alle geladenen Pressemitteilungen, die neueste zuerst. Die Suche umfasst die Texte und die Zitate aller Mitteilungen.",
            "Every release loaded, newest first. Search covers the texts and the quotes of all releases.",
        ),
        "releases.list_title": ("Pressemitteilungen im Dashboard ({n})", "Releases in the dashboard ({n})"),
        "releases.col.date": ("Datum", "Date"),
        "releases.col.title": ("Titel", "Title"),
        "releases.col.publisher": ("Herausgeber", "Publisher"),
        "releases.col.language": ("Sprache", "Language"),
        "releases.col.records": ("Einträge", "Records"),
        "releases.col.mentions": ("Erwähnungen", "Mentions"),
        "releases.col.countries": ("Länder", "Countries"),
        "releases.col.pending": ("Zu prüfen", "Awaiting review"),
        "releases.open": ("{date} öffnen", "Open {date}"),
        "releases.newest": ("neueste", "newest"),
        "releases.search_title": ("Volltextsuche", "Full-text search"),
        "releases.search_label": ("Suchbegriffe", "Search words"),
        "releases.search_help": (
            "Alle Wörter müssen vorkommen; das letzte darf unvollständig sein. Groß-/Kleinschreibung und Akzente spielen keine Rolle.",
            "Every word must occur; the last may be the start of a word. Case and accents do not matter.",
        ),
        "releases.search_none": ("Keine Treffer für „{q}“.", "No matches for “{q}”."),
        "releases.search_hits": ("Treffer für „{q}“: {n}", "Matches for “{q}”: {n}"),
        "releases.hit_text": ("Text", "Text"),
        "releases.hit_quote": ("Zitat zu {label}", "Quote for {label}"),
        "releases.show_in_source": ("¶{n} · im Quelltext zeigen", "¶{n} · show in source"),
        "releases.entity_title": ("Was die Mitteilungen über … sagen", "What the releases say about …"),
        "releases.entity_label": ("Land, Person, Ort, Institution …", "Country, person, place, institution …"),
        "releases.entity_summary": (
            "{label}: {n} Erwähnungen in {k} Pressemitteilung(en), die neueste zuerst.",
            "{label}: {n} mentions in {k} release(s), newest first.",
        ),
        "releases.pending_note": (
            "{n} Einträge warten auf Prüfung und sind ausgeblendet; mit ?review=1 in der Adresse werden sie markiert gezeigt.",
            "{n} records await review and are hidden; add ?review=1 to the address to show them, marked.",
        ),
        "releases.download": ("Liste als CSV", "List as CSV"),
    }
)
