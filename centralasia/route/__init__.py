"""The Trans-Caspian route: prepared map layers, their checks, the map figure, the map page's views, the GeoJSON export."""
