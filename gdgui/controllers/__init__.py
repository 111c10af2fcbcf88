"""Application state on QtCore/QtGui only (QObject, Signal, QTimer, QUndoStack); never widgets."""
