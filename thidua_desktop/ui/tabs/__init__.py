"""Main-window tabs. Each module defines ``TAB``: a QWidget subclass with class attributes ``TITLE`` (Vietnamese)
and ``ORDER`` (int), built as ``TAB(context, parent)``; the main window discovers them and adds them by ORDER."""
