"""Small general-purpose widgets (no knowledge of descent or graphs)."""
