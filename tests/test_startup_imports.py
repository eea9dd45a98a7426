"""The window opens without loading the document and spreadsheet writers (docxtpl, openpyxl: about half a second
of start-up); they are loaded when an export runs."""

from __future__ import annotations

import textwrap

from python_subprocess import run_reporting_json

HEAVY = ("docxtpl", "docx", "jinja2", "openpyxl", "lxml")

SCRIPT = textwrap.dedent(
    """
    import json, os, sys, tempfile
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from thidua_desktop.core.bootstrap import open_data
    from thidua_desktop.ui.context import AppContext
    from thidua_desktop.ui.main_window import MainWindow
    folder = Path(tempfile.mkdtemp())
    db = open_data(folder, daily_backup=False)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(db), settings)
    window.show()
    app.processEvents()
    actions = sorted(a.objectName() for a in window.findChildren(type(window.menuBar().actions()[0])) if a.objectName())
    loaded = sorted({m.split(".")[0] for m in sys.modules})
    print(json.dumps({"loaded": loaded, "actions": actions}))
    window.close()
    db.close()
    """
)


def test_the_window_opens_without_the_exporters() -> None:
    report = run_reporting_json(SCRIPT)
    assert {"action_export_forms", "action_export_tally", "action_import_excel"} <= set(report["actions"])
    assert [name for name in HEAVY if name in report["loaded"]] == []
