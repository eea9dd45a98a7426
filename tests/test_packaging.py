"""Packaging: the PyInstaller spec, the portable marker, the Vietnamese Qt catalogue, the NSIS script."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from thidua_desktop import __version__
from thidua_desktop.core.storage import paths
from thidua_desktop.core.storage.paths import DataPaths

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build.spec"
NSI = ROOT / "packaging" / "thidua.nsi"


class _Recorder:
    """Stands in for PyInstaller's spec globals (Analysis, PYZ, EXE, COLLECT) and records their arguments."""

    def __init__(self) -> None:
        self.calls: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}

    def factory(self, name: str) -> Any:
        recorder = self

        class Target:
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                recorder.calls[name] = (args, kwargs)
                self.binaries: list[tuple[str, str, str]] = []
                self.datas: list[tuple[str, str, str]] = []
                self.pure: list[Any] = []
                self.scripts: list[Any] = []

        return Target


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], _Recorder]:
    """Run build.spec with PyInstaller's build targets replaced by recorders (PyInstaller is not needed)."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package, filter=None: [package]  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, sys.modules.get(name) or types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    recorder = _Recorder()
    namespace: dict[str, Any] = {
        "__name__": "spec",
        "SPECPATH": str(ROOT),
        "workpath": str(tmp_path / "work"),
        **{name: recorder.factory(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT")},
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return namespace, recorder


def test_spec_builds_one_folder_windowed_without_upx(spec: tuple[dict[str, Any], _Recorder]) -> None:
    _namespace, recorder = spec
    _args, exe = recorder.calls["EXE"]
    assert exe["upx"] is False
    assert exe["console"] is False
    assert exe["exclude_binaries"] is True  # one-folder: the binaries go to COLLECT, not into the exe
    assert exe["name"] == "ThiDuaDesktop"
    _args, collect = recorder.calls["COLLECT"]
    assert collect["upx"] is False
    assert collect["name"] == "ThiDuaDesktop"


def test_spec_writes_the_windows_version_resource_from_the_package_version(
    spec: tuple[dict[str, Any], _Recorder],
) -> None:
    _namespace, recorder = spec
    version_file = Path(recorder.calls["EXE"][1]["version"])
    text = version_file.read_text(encoding="utf-8")
    assert f"StringStruct('FileVersion', '{__version__}')" in text
    numbers = tuple(int(n) for n in re.findall(r"\d+", __version__))
    assert f"filevers={(numbers + (0, 0, 0, 0))[:4]}" in text
    compile(text, str(version_file), "eval")  # PyInstaller evaluates it as a Python expression


def test_spec_bundles_forms_resources_and_the_alembic_scripts(spec: tuple[dict[str, Any], _Recorder]) -> None:
    _namespace, recorder = spec
    _args, analysis = recorder.calls["Analysis"]
    datas = {(Path(src).resolve(), dest.replace("\\", "/")) for src, dest in analysis["datas"]}
    migrations = ROOT / "thidua_desktop" / "core" / "storage" / "migrations"
    dest = "thidua_desktop/core/storage/migrations"
    assert (migrations / "env.py", dest) in datas
    assert (migrations / "script.py.mako", dest) in datas
    for version in (migrations / "versions").glob("*.py"):
        assert (version, f"{dest}/versions") in datas
    assert (ROOT / "resources" / "translations" / "qtbase_vi.qm", "resources/translations") in datas
    assert any(dest_dir.startswith("resources") for _src, dest_dir in datas)
    for folder in ("forms", "resources"):
        files = [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        for path in files:
            assert (path.resolve(), str(Path(folder) / path.parent.relative_to(ROOT / folder))) in datas
    assert not any("__pycache__" in str(src) for src, _dest in datas)


def test_spec_hidden_imports_and_excluded_qt_modules(spec: tuple[dict[str, Any], _Recorder]) -> None:
    _namespace, recorder = spec
    _args, analysis = recorder.calls["Analysis"]
    hidden = set(analysis["hiddenimports"])
    for package in (
        "thidua_desktop.commands",
        "thidua_desktop.ui.tabs",
        "thidua_desktop.ui.actions",
        "alembic",
        "sqlalchemy.dialects.sqlite",
        "logging.config",
        "thidua_desktop.smoke",
    ):
        assert package in hidden
    excludes = set(analysis["excludes"])
    for module in ("QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia", "QtBluetooth", "QtPdf"):
        assert f"PySide6.{module}" in excludes
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"} & excludes
    assert "pytest" in excludes
    assert analysis["runtime_hooks"] == [str(ROOT / "packaging" / "rthook_frozen.py")]


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6\\plugins\\imageformats\\qico.dll", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/translations/qtbase_fr.qm", False),
        ("PySide6\\translations\\qtbase_de.qm", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt6Widgets.dll", True),
        ("PySide6/Qt6Pdf.dll", False),
        ("thidua_desktop/core/storage/migrations/env.py", True),
    ],
)
def test_spec_keeps_only_the_qt_pieces_the_program_uses(
    spec: tuple[dict[str, Any], _Recorder], dest: str, kept: bool
) -> None:
    namespace, _recorder = spec
    assert namespace["keep"](dest) is kept


# --- portable mode ---------------------------------------------------------------------------------------


def test_portable_marker_beside_the_frozen_exe_keeps_the_data_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = tmp_path / "ThiDuaDesktop" / "ThiDuaDesktop.exe"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))

    installed = paths.default_data_dir()
    assert installed != exe.parent / "data"
    assert installed.name == paths.APP_DIR_NAME

    (exe.parent / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    portable = paths.default_data_dir()
    assert portable == exe.parent.resolve() / "data"
    data = DataPaths(portable)
    for sub in (data.database, data.backups, data.logs, data.forms, data.attachments, data.lock_file):
        assert sub.is_relative_to(exe.parent.resolve())


def test_portable_program_keeps_database_backups_and_logs_beside_the_exe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the frozen program does with no --data-dir when portable.txt is beside it: the CLI and the window's
    logging (``run_app`` logs to ``DataPaths(default_data_dir()).logs``) both land in ``<exe dir>/data``."""
    import logging

    from thidua_desktop import cli
    from thidua_desktop.ui import app

    exe_dir = tmp_path / "USB" / "ThiDuaDesktop"
    exe_dir.mkdir(parents=True)
    (exe_dir / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe_dir / "ThiDuaDesktop.exe"))

    assert cli.main(["stats", "--json"]) == 0
    capsys.readouterr()
    data = DataPaths(exe_dir.resolve() / "data")
    assert data.database.is_file()
    assert any(data.backups.iterdir())  # the daily backup
    try:
        log_file = app.setup_logging(DataPaths(paths.default_data_dir()).logs)
        logging.getLogger("thidua_desktop").info("portable")
        assert log_file == data.logs / "thidua.log"
        assert "portable" in log_file.read_text(encoding="utf-8")
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if h.get_name() == app.LOG_HANDLER_NAME]:
            root.removeHandler(handler)
            handler.close()


def test_portable_marker_is_ignored_when_running_from_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.default_data_dir().name == paths.APP_DIR_NAME


def test_frozen_resources_come_from_the_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource_root() == tmp_path


# --- Qt in Vietnamese ------------------------------------------------------------------------------------


def test_vietnamese_qt_catalogue_translates_standard_buttons(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from thidua_desktop.ui.frozen_support import qt_catalogue_loaded

    translator = QTranslator(qapp)
    assert translator.load(str(ROOT / "resources" / "translations" / "qtbase_vi.qm"))
    qapp.installTranslator(translator)
    try:
        assert qt_catalogue_loaded(qapp)
        assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Có"
        box = QMessageBox(QMessageBox.Icon.Question, "Hỏi", "Xóa bản ghi?")
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        assert box.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == "Có"
        assert box.button(QMessageBox.StandardButton.No).text().replace("&", "") == "Không"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Hủy"
        assert QCoreApplication.translate("QFileDialog", "Files of type:") == "Loại tệp:"
    finally:
        qapp.removeTranslator(translator)
        translator.setParent(None)


def test_process_age_is_known_here() -> None:
    from thidua_desktop.ui.frozen_support import process_age

    age = process_age()
    assert age is not None and 0 < age < 24 * 3600


def test_vietnamese_qt_catalogue_is_compiled_from_its_source() -> None:
    """Every message of qtbase_vi.ts is in the .qm the program loads (re-run lrelease after editing the .ts)."""
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QTranslator

    folder = ROOT / "resources" / "translations"
    translator = QTranslator()
    assert translator.load(str(folder / "qtbase_vi.qm"))
    count = 0
    for context in ET.parse(folder / "qtbase_vi.ts").getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.findtext("translation")
            assert translator.translate(name, source) == translation, (name, source)
            count += 1
    assert count > 150


def test_missing_std_streams_are_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    from thidua_desktop.ui.frozen_support import ensure_std_streams

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    ensure_std_streams()
    assert sys.stdout is not None and sys.stderr is not None
    print("nothing breaks")
    sys.stderr.write("nor here\n")
    sys.stdout.close()
    sys.stderr.close()


# --- the Windows installer script ------------------------------------------------------------------------


def test_installer_script_is_per_user_vietnamese_and_keeps_the_data() -> None:
    text = NSI.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in text
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_ID}"' in text
    assert 'InstallDirRegKey HKCU "${REG_APP}" "InstallDir"' in text  # upgrade in place
    assert '!insertmacro MUI_LANGUAGE "Vietnamese"' in text
    assert "$SMPROGRAMS\\${SHORTCUT_NAME}" in text and "$DESKTOP\\${SHORTCUT_NAME}" in text
    # the data section of the uninstaller is optional and unticked (/o): the data is kept unless asked
    data_section = re.search(r'^Section /o "un\.[^"]*dữ liệu[^"]*" UnSecData$', text, re.M)
    assert data_section is not None
    program_section = text[text.index('Section "un.') : text.index("SectionEnd", text.index('Section "un.'))]
    assert "$APPDATA" not in program_section  # removing the program never touches the data folder


def test_installer_script_compiles(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess

    makensis = shutil.which("makensis")
    if makensis is None:
        if os.environ.get("CI"):
            pytest.fail("makensis is missing (apt-get install nsis; .ci/run installs it)")
        pytest.skip("makensis (Debian package nsis) is not installed on this machine")
    source = tmp_path / "ThiDuaDesktop"
    (source / "_internal").mkdir(parents=True)
    (source / "ThiDuaDesktop.exe").write_bytes(b"MZ" + bytes(64))
    (source / "_internal" / "base_library.zip").write_bytes(b"PK")
    target = tmp_path / f"ThiDuaDesktop-{__version__}-setup.exe"
    result = subprocess.run(
        [
            makensis,
            "-V2",
            "-WX",
            "-DNOCOMPRESS",
            f"-DVERSION={__version__}",
            f"-DSOURCE_DIR={source}",
            f"-DOUTFILE={target}",
            str(NSI),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert target.stat().st_size > 50_000


def test_icon_fallback_renders_the_svg_into_a_multi_size_ico(tmp_path: Path, qapp: Any) -> None:
    import struct

    from PySide6.QtGui import QImageReader

    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import make_icon
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    svg = ROOT / "resources" / "icons" / "app.svg"
    ico = make_icon.make_icon(svg, tmp_path / "app.ico")
    data = ico.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icon.SIZES))
    reader = QImageReader(str(ico))
    sizes = set()
    for _ in range(reader.imageCount()):
        sizes.add(reader.read().width())
        reader.jumpToNextImage()
    assert {16, 32, 48, 256} <= sizes
