"""``thidua --smoke-test --data-dir DIR``: prove that this program (frozen or from source) works end to end.

Opens the main window offscreen on a fresh data folder, loads the demo campaign and runs the everyday work through
the same code the menus use, then closes. Any exception, or any Qt warning, makes it fail: the exit code is 1 and
the message says which step broke. A report goes to stdout (when there is one) and to ``DIR/smoke-test.txt``
(a windowed Windows program has no stdout); the program's own log is ``DIR/logs/thidua.log``.

The report's ``first_window_s`` is the cold start: seconds from the creation of the process (bootloader included)
until the main window is shown.
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua_desktop import __version__
from thidua_desktop.ui.frozen_support import (
    ensure_std_streams,
    is_frozen,
    process_age,
    use_offscreen_platform,
)

EXIT_OK = 0
EXIT_FAILED = 1
REPORT_NAME = "smoke-test.txt"
SAMPLE_SHEET = "dang-ky-thi-dua-chi-bo-tdp1.xlsx"
"""The branch sheet imported (``resources/sample/``, written by ``packaging/make_sample.py``)."""
SAMPLE_PERSON = "Phan Văn Bảy"
"""A member whose pledge comes from the sample sheet: the Word document is his pledge commitment."""


class SmokeTestFailure(Exception):
    """A step of the smoke test went wrong."""


@dataclass
class QtMessages:
    """Qt's messages while the smoke test runs; warnings and worse fail it."""

    warnings: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)

    def handler(self, kind: Any, context: Any, message: str) -> None:
        from PySide6.QtCore import QtMsgType

        where = ""
        if context is not None and getattr(context, "file", None):
            where = f" ({context.file}:{context.line})"
        if kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            self.warnings.append(f"{message}{where}")
        else:
            self.others.append(message)


@dataclass
class SmokeReport:
    data_dir: Path
    steps: list[tuple[str, float]] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    def lines(self) -> list[str]:
        out = [
            f"Thi đua Desktop {__version__} — kiểm tra nhanh ({'bản đóng gói' if is_frozen() else 'mã nguồn'})"
        ]
        out += [f"  {name}: {seconds:.2f} s" for name, seconds in self.steps]
        out += [f"  {key}={value}" for key, value in self.facts.items()]
        out.append("KẾT QUẢ: ĐẠT" if self.error is None else f"KẾT QUẢ: LỖI — {self.error}")
        return out


class SmokeTest:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.report = SmokeReport(data_dir)
        self.qt = QtMessages()
        self.app: Any = None
        self.db: Any = None
        self.window: Any = None
        self.context: Any = None
        self.campaign_id: int | None = None
        self.unhandled: list[str] = []
        self._previous_qt_handler: Any = None
        self._previous_excepthook: Any = None

    def _excepthook(self, kind: type[BaseException], value: BaseException, tb: Any) -> None:
        """Exceptions raised in Qt slots never reach the step: Qt hands them to sys.excepthook."""
        import logging

        text = "".join(traceback.format_exception(kind, value, tb))
        logging.getLogger("thidua_desktop.smoke").error("Lỗi trong xử lý sự kiện Qt:\n%s", text)
        self.unhandled.append("".join(traceback.format_exception_only(kind, value)).strip())

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
            self.pump()
        except SmokeTestFailure:
            raise
        except Exception as exc:
            import logging

            logging.getLogger("thidua_desktop.smoke").exception("Kiểm tra nhanh: lỗi ở bước %s", name)
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            raise SmokeTestFailure(f"bước «{name}»: {detail}") from exc
        finally:
            self.report.steps.append((name, time.perf_counter() - started))
        if self.unhandled:
            raise SmokeTestFailure(f"bước «{name}»: lỗi trong xử lý sự kiện: " + " | ".join(self.unhandled))
        if self.qt.warnings:
            raise SmokeTestFailure(f"bước «{name}»: Qt cảnh báo: " + " | ".join(self.qt.warnings))

    def pump(self) -> None:
        if self.app is not None:
            from PySide6.QtCore import QEventLoop

            for _ in range(3):
                self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    # --- steps ----------------------------------------------------------------------------------------------
    def start_application(self) -> None:
        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        from thidua_desktop.core.storage.paths import DataPaths
        from thidua_desktop.ui import app as ui_app
        from thidua_desktop.ui.frozen_support import qt_catalogue_loaded

        existing = QApplication.instance()
        self.app = (
            existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], "--smoke-test"])
        )
        ui_app.setup_logging(DataPaths(self.data_dir).logs)
        self._previous_qt_handler = qInstallMessageHandler(self.qt.handler)
        self._previous_excepthook = sys.excepthook
        sys.excepthook = self._excepthook
        ui_app.configure_application(self.app)
        if not qt_catalogue_loaded(self.app):
            raise SmokeTestFailure(
                "không nạp được bản dịch tiếng Việt của Qt (resources/translations/qtbase_vi.qm)"
            )
        from PySide6.QtCore import QCoreApplication

        yes = QCoreApplication.translate("QPlatformTheme", "&Yes")
        if yes.replace("&", "") != "Có":
            raise SmokeTestFailure(f"nút Yes của Qt không được dịch: {yes!r}")
        self.report.facts["qt_platform"] = self.app.platformName()

    def open_data(self) -> None:
        from thidua_desktop.core.bootstrap import open_data
        from thidua_desktop.core.storage import migrations

        self.db = open_data(self.data_dir)
        current = migrations.current_revision(self.db.engine)
        if current != migrations.head_revision():
            raise SmokeTestFailure(
                f"cơ sở dữ liệu ở phiên bản {current}, không phải {migrations.head_revision()}"
            )
        self.report.facts["schema"] = str(current)
        from thidua_desktop.core.storage import keys

        if keys.new_folders_encrypted() and not self.db.encrypted:
            raise SmokeTestFailure(
                "thư mục dữ liệu mới không được mã hóa dù máy có kho khóa của hệ điều hành"
            )
        self.report.facts["encrypted"] = (
            "có" if self.db.encrypted else "không (không có kho khóa của hệ điều hành)"
        )

    def load_demo(self) -> None:
        from thidua_desktop.core.demo import load_demo

        summary = load_demo(self.db)
        self.campaign_id = summary.campaign_id
        self.report.facts["demo_records"] = str(summary.created)

    def open_main_window(self) -> None:
        from PySide6.QtCore import QSettings

        from thidua_desktop.ui.context import AppContext
        from thidua_desktop.ui.main_window import MainWindow

        settings = QSettings(str(self.data_dir / "smoke-settings.ini"), QSettings.Format.IniFormat)
        self.context = AppContext(self.db)
        self.window = MainWindow(self.context, settings)
        self.window.show()
        self.pump()
        if not self.window.isVisible():
            raise SmokeTestFailure("cửa sổ chính không hiện")
        load_errors = getattr(self.window, "load_errors", [])
        if load_errors:
            raise SmokeTestFailure(
                "không nạp được phần giao diện: "
                + "; ".join(f"{name}: {error}" for name, error in load_errors)
            )
        self.report.facts["tabs"] = str(self.window.tabs.count())
        self.report.facts.update(plugin_counts())
        age = process_age()
        if age is not None:
            self.report.facts["first_window_s"] = f"{age:.2f}"
        if self.campaign_id is not None:
            self.context.set_campaign(self.campaign_id)
        self.context.notify_changed("*")

    def import_sample(self) -> None:
        from thidua_desktop.core.storage.paths import resource_root
        from thidua_desktop.exchange.importer import RowStatus, apply_import, plan_import

        sample = resource_root() / "resources" / "sample" / SAMPLE_SHEET
        plan = plan_import(self.db, sample, campaign_id=self.campaign_id)
        if plan.has_errors or plan.needs_mapping:
            problems = "; ".join(f"{issue.where}: {issue.message}" for issue in plan.errors) or "cần ghép cột"
            raise SmokeTestFailure(f"bảng mẫu {sample.name} không nhập được: {problems}")
        result = apply_import(self.db, plan)
        if result.created + result.updated == 0:
            raise SmokeTestFailure(f"nhập {sample.name} không ghi gì (đọc {result.rows_read} dòng)")
        again = plan_import(self.db, sample, campaign_id=self.campaign_id)
        if again.count(RowStatus.NEW) or again.count(RowStatus.UPDATE):
            raise SmokeTestFailure(
                f"nhập lại {sample.name} lần hai vẫn thay đổi dữ liệu: {again.status_counts()}"
            )
        self.report.facts["imported"] = (
            f"{result.created} mới, {result.updated} cập nhật / {result.rows_read} dòng"
        )
        self.context.notify_changed("*")

    def export_tally(self) -> None:
        from openpyxl import load_workbook

        from thidua_desktop.exchange.export_tally import TallyKind, export_tally

        assert self.campaign_id is not None
        target = self.data_dir / "xuat" / "tong-hop-dang-ky.xlsx"
        target.parent.mkdir(parents=True, exist_ok=True)
        result = export_tally(self.db, self.campaign_id, TallyKind.REGISTRATIONS, target)
        workbook = load_workbook(target, read_only=True)
        try:
            cells = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
        finally:
            workbook.close()
        if result.rows == 0 or cells <= result.rows:
            raise SmokeTestFailure(f"bảng tổng hợp {target.name} rỗng ({result.rows} dòng dữ liệu)")
        self.report.facts["tally_rows"] = str(result.rows)

    def export_document(self) -> None:
        import zipfile

        from thidua_desktop.core.services.persons import list_persons
        from thidua_desktop.exchange.documents.generate import DocumentRequest, export_documents

        person = next((p for p in list_persons(self.db) if p.full_name == SAMPLE_PERSON), None)
        if person is None:
            raise SmokeTestFailure(f"không tìm thấy {SAMPLE_PERSON} sau khi nhập bảng mẫu")
        request = DocumentRequest("cam-ket", campaign_id=self.campaign_id, person_id=person.id)
        [path] = export_documents(self.db, request, self.data_dir / "xuat" / "cam-ket.docx")
        with zipfile.ZipFile(path) as document:
            body = document.read("word/document.xml").decode("utf-8")
        if SAMPLE_PERSON not in body or "{{" in body or "{%" in body:
            raise SmokeTestFailure(
                f"văn bản {path.name} thiếu tên {SAMPLE_PERSON} hoặc còn thẻ mẫu chưa điền"
            )
        self.report.facts["document"] = f"{path.name} ({path.stat().st_size} byte)"

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.pump()
            self.window.deleteLater()
            self.window = None
            self.pump()
        if self.db is not None:
            self.db.close()
            self.db = None

    def restore_handlers(self) -> None:
        from PySide6.QtCore import qInstallMessageHandler

        if self._previous_excepthook is not None:
            sys.excepthook = self._previous_excepthook
            qInstallMessageHandler(self._previous_qt_handler)
            self._previous_excepthook = None

    def steps(self) -> list[tuple[str, Callable[[], None]]]:
        return [
            ("khởi động Qt", self.start_application),
            ("mở dữ liệu (tạo mới, Alembic)", self.open_data),
            ("nạp phong trào mẫu", self.load_demo),
            ("mở cửa sổ chính", self.open_main_window),
            ("nhập bảng đăng ký mẫu của chi bộ", self.import_sample),
            ("xuất bảng tổng hợp Excel", self.export_tally),
            ("xuất văn bản Word (bản cam kết)", self.export_document),
            ("đóng chương trình", self.close),
        ]

    def run(self) -> SmokeReport:
        try:
            for name, action in self.steps():
                with self.step(name):
                    action()
        except SmokeTestFailure as exc:
            self.report.error = str(exc)
        finally:
            try:
                self.close()
            except Exception as exc:  # noqa: BLE001 - reported, the run has already failed or is failing now
                self.report.error = self.report.error or f"đóng chương trình: {exc}"
            self.restore_handlers()
        total = process_age()
        if total is not None:
            self.report.facts["total_s"] = f"{total:.2f}"
        return self.report


def plugin_counts() -> dict[str, str]:
    """How many plug-in modules the program finds (in the frozen build: how many were bundled)."""
    import pkgutil

    from thidua_desktop import commands
    from thidua_desktop.ui import actions, tabs

    counts = {}
    for key, package in (("tab_modules", tabs), ("action_modules", actions), ("command_modules", commands)):
        names = [m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")]
        counts[key] = str(len(names))
    return counts


def prepare_data_dir(data_dir: Path | None) -> Path:
    """A fresh folder for the run: the given one must be empty or new (the test writes demo data into it)."""
    if data_dir is None:
        return Path(tempfile.mkdtemp(prefix="thidua-smoke-"))
    folder = Path(data_dir).resolve()
    if folder.exists() and any(folder.iterdir()):
        raise SmokeTestFailure(
            f"thư mục dữ liệu {folder} không trống; kiểm tra nhanh chỉ chạy trên thư mục mới hoặc trống "
            "để không đụng tới dữ liệu thật"
        )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_report(report: SmokeReport) -> None:
    text = "\n".join(report.lines()) + "\n"
    stream = sys.stdout if report.error is None else sys.stderr
    with suppress(OSError, ValueError, AttributeError):
        stream.write(text)
        stream.flush()
    with suppress(OSError):
        (report.data_dir / REPORT_NAME).write_text(text, encoding="utf-8")


def run_smoke_test(data_dir: Path | None) -> int:
    """Run the smoke test; the exit code (0 when every step passed without a Qt warning)."""
    ensure_std_streams()
    use_offscreen_platform()
    try:
        folder = prepare_data_dir(data_dir)
    except SmokeTestFailure as exc:
        report = SmokeReport(Path(data_dir or "."), error=str(exc))
        sys.stderr.write("\n".join(report.lines()) + "\n")
        return EXIT_FAILED
    report = SmokeTest(folder).run()
    write_report(report)
    return EXIT_OK if report.error is None else EXIT_FAILED
