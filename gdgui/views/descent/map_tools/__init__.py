"""The map's tools: its toolbar above or beside it."""
