"""Central Asia Cooperation Dashboard: press releases as provenance-checked data."""

__version__ = "0.1.0"
