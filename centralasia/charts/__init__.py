"""Charts: the page and chart registries, figure builders, tables, the theme."""
