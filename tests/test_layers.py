"""Layering: ``core`` and ``exchange`` never import Qt, so they run (and are tested) without a window."""

from __future__ import annotations

import textwrap
from pathlib import Path

from python_subprocess import run_reporting_json

PACKAGE = Path(__file__).resolve().parents[1] / "thidua_desktop"
QT_FREE = ("core", "exchange")

SCRIPT = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys, traceback
    failures, imported = {}, []
    for name in ("thidua_desktop.core", "thidua_desktop.exchange"):
        package = importlib.import_module(name)
        imported.append(name)
        def onerror(module_name):
            failures[module_name] = traceback.format_exc()
        for info in pkgutil.walk_packages(package.__path__, name + ".", onerror=onerror):
            if ".migrations." in info.name:  # Alembic scripts, run by Alembic (their text is checked below)
                continue
            try:
                importlib.import_module(info.name)
                imported.append(info.name)
            except Exception:
                failures[info.name] = traceback.format_exc()
    qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"))
    print(json.dumps({"imported": imported, "failures": failures, "qt": qt}))
    """
)


def test_core_and_exchange_import_without_qt() -> None:
    report = run_reporting_json(SCRIPT)
    assert not report["failures"], report["failures"]
    assert report["qt"] == [], f"Qt imported by core/exchange: {report['qt']}"
    imported = set(report["imported"])
    assert {"thidua_desktop.core.services.units", "thidua_desktop.core.storage.database"} <= imported
    assert "thidua_desktop.exchange.fields" in imported


def test_no_core_or_exchange_file_mentions_pyside6() -> None:
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for layer in QT_FREE
        for path in sorted((PACKAGE / layer).rglob("*"))
        if path.is_file()
        and path.suffix in {".py", ".pyi", ".txt", ".toml", ".cfg", ".ini", ".json"}
        and "pyside6" in path.read_text(encoding="utf-8", errors="replace").lower()
    ]
    assert offenders == []
