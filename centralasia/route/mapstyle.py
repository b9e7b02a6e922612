"""The route map's look: palettes per theme, line and symbol styles, named views, and what the reader switched on."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from centralasia.charts.theme import PALETTES, Palette  # noqa: F401 - re-exported for the map's modules
from centralasia.route.geo import CORRIDOR_VIEW, CORRIDORS, MODES, ROLES

# The basemap colours per theme live in the one theme module (charts/theme.py).
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
