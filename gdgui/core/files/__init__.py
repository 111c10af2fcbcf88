"""Files: one JSON reader, one atomic writer, and the formats (sessions, decks, graph files, trajectories)."""
