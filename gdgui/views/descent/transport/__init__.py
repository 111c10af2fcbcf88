"""The transport bar under the map (``bar.py``)."""
