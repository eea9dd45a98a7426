"""What the frozen (PyInstaller, windowed) program needs beyond the source tree.

- ``ensure_std_streams()``: a windowed program has ``sys.stdout``/``sys.stderr`` = None; give them a sink.
- ``install_qt_translations(app)``: Qt ships no Vietnamese catalogue (no ``qtbase_vi.qm`` in Qt's translations),
  so the program bundles its own ``resources/translations/qtbase_vi.qm`` (standard buttons Yes/No/Cancel,
  message boxes, Qt file dialogs, text context menus). A ``qtbase_vi.qm`` in Qt's own folder wins if one appears.

Importing this module does not import Qt (the runtime hook uses it before anything else).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

TRANSLATION_NAME = "qtbase_vi"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def ensure_std_streams() -> None:
    """Replace a missing stdout/stderr (windowed program) with the null device."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def translation_dirs() -> list[Path]:
    """Where ``qtbase_vi.qm`` is looked for, first match wins: Qt's translations folder, then ours."""
    from PySide6.QtCore import QLibraryInfo

    from thidua_desktop.core.storage.paths import resource_root

    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return [qt_dir, resource_root() / "resources" / "translations"]


def install_qt_translations(app: Any) -> Path | None:
    """Load the Vietnamese Qt catalogue into ``app``; returns the file loaded (None when there is none).

    Idempotent: a second call on the same application does nothing and returns the same file.
    """
    from PySide6.QtCore import QTranslator

    existing = getattr(app, "_thidua_qt_translator", None)
    if existing is not None:
        return Path(existing.filePath())
    for folder in translation_dirs():
        candidate = folder / f"{TRANSLATION_NAME}.qm"
        if not candidate.is_file():
            continue
        translator = QTranslator(app)
        if translator.load(str(candidate)) and app.installTranslator(translator):
            app._thidua_qt_translator = translator  # keep it alive as long as the application
            return candidate
    return None
