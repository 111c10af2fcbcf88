"""The Descent tab's state: settings, the run and its animation, the map, analysis jobs."""
