"""Publishing: the offline briefing, the data bundle and exports, the data URLs."""
