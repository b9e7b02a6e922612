"""The route map's look: palettes per theme, line and symbol styles, named views, and what the reader switched on."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from centralasia.geo import CORRIDOR_VIEW, CORRIDORS, MODES, ROLES


@dataclass(frozen=True)
class Palette:
    water: str
    land: str
    border: str
    release: str
    mentioned: str
    text: str
    muted: str
    halo: str
    sea_text: str
    node: str
    node_line: str
    paper: str
    subtitle: str
    place: str
    conflict: str
    key_line: str
    corridors: dict[str, str]


PALETTES = {
    "light": Palette(
        water="#d5e5f0",
        land="#f4f2ee",
        border="#b9b4ab",
        release="#f5d08a",
        mentioned="#e6d8e8",
        text="#1f2937",
        muted="#6b6459",
        halo="#ffffff",
        sea_text="#3d6f96",
        node="#1f2937",
        node_line="#ffffff",
        paper="#ffffff",
        subtitle="#4b5563",
        place="#B2182B",
        conflict="#B2182B",
        key_line="#4b5563",
        corridors={
            "main": "#0072B2",
            "black-sea": "#009E73",
            "turkiye": "#D55E00",
            "turkmen": "#B07800",
            "kti": "#CC79A7",
            "lapis-lazuli": "#56B4E9",
        },
    ),  # fmt: skip
    "dark": Palette(
        water="#0f2436",
        land="#2b2e33",
        border="#555a61",
        release="#6a5426",
        mentioned="#4b3b52",
        text="#e8eaed",
        muted="#a8a29e",
        halo="#14171b",
        sea_text="#86b3d6",
        node="#f3f4f6",
        node_line="#14171b",
        paper="rgba(0,0,0,0)",
        subtitle="#c0c4cc",
        place="#ff8a8a",
        conflict="#ff8a8a",
        key_line="#c0c4cc",
        corridors={
            "main": "#5AB4F0",
            "black-sea": "#33D1A3",
            "turkiye": "#FF8C4A",
            "turkmen": "#F4BE3A",
            "kti": "#E9A1CF",
            "lapis-lazuli": "#A6DCFF",
        },
    ),  # fmt: skip
}
# Kept for code that imports the light colours directly.
CORRIDOR_COLOURS = PALETTES["light"].corridors
WATER = PALETTES["light"].water

# How a leg is drawn, from how its geometry was obtained (the reader must see what is real).
LINE_STYLE = {
    "rail-network": "solid",
    "schematic": "6px,4px",
    "sea": "1px,4px",
    "road": "dashdot",
}
ROLE_SYMBOL = {
    "border-crossing": "diamond",
    "seaport": "square",
    "rail-hub": "circle",
    "capital": "star",
    "city": "circle",
    "planned-port": "square-open",
}
RING_SIZE = 19  # the release's places: an open ring around the point
ROLE_PRIORITY = {"capital": 82, "seaport": 80, "rail-hub": 66, "border-crossing": 62, "city": 55, "planned-port": 35}
# Named views: lon_min, lat_min, lon_max, lat_max.
VIEWS = {
    "corridor": CORRIDOR_VIEW,
    "caspian": (46.0, 37.0, 57.5, 46.0),
    "caucasus": (39.6, 38.7, 51.0, 43.7),  # the Caucasus cluster: Baku, Alat, Tbilisi, Poti, Batumi, Kars, Böyük Kəsik
    "china-kazakhstan": (62.0, 39.0, 86.0, 53.0),
}


@dataclass(frozen=True)
class MapLayers:
    """What the reader switched on."""

    corridors: frozenset[str] = frozenset(CORRIDORS)
    modes: frozenset[str] = frozenset(MODES)
    roles: frozenset[str] = frozenset(ROLES)
    places: bool = True
    conflicts: bool = True


@dataclass(frozen=True)
class ReleaseOverlay:
    """Release facts placed on the map (prepared by the caller from the records)."""

    release_iso3: frozenset[str] = frozenset()
    mentioned_iso3: frozenset[str] = frozenset()
    places: pd.DataFrame = field(default_factory=pd.DataFrame)  # id, label, x, y, quote, source, approximate
    conflicts: pd.DataFrame = field(default_factory=pd.DataFrame)  # id, label, x, y, position, parties, quote
