"""How the Descent tab shares its room among the map and its side panels."""
