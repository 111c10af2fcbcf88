"""Files: the one atomic writer and the formats (sessions, decks, graph files, trajectories).

Every JSON file is read by ``gdgui.core.json_files``, which sits below the rooms so that the
function catalog (``core.descent``) is read by the same rules as a session.
"""
