"""Starting the desktop program: application look, logging, crash dialog, opening the data, first-run choice."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QSettings, Qt, QtMsgType, QUrl, qInstallMessageHandler
from PySide6.QtGui import QColor, QDesktopServices, QFont, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleFactory, QWidget

from thidua_desktop import APP_NAME, __version__
from thidua_desktop.core.errors import (
    DatabaseDamagedError,
    DatabaseLockedError,
    KeyUnavailableError,
    ReadOnlyDataError,
    SchemaTooNewError,
    StorageError,
    UserError,
)
from thidua_desktop.core.storage.atomic import FILE_MODE
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.storage.paths import DataPaths, default_data_dir, resource_root
from thidua_desktop.core.storage.permissions import restrict
from thidua_desktop.ui.frozen_support import ensure_std_streams

log = logging.getLogger("thidua_desktop")

ORG_NAME = "ThiDuaDesktop"
SETTINGS_APP = "ThiDuaDesktop"
LOG_HANDLER_NAME = "thidua-file"
DEMO_QUESTION = "Nạp phong trào mẫu của phường Nguyễn Nghiêm?"

_log_path: Path | None = None
_showing_crash = False


# --- streams and logging ----------------------------------------------------------------------------------------
def setup_logging(log_dir: Path) -> Path:
    """Log to ``<log_dir>/thidua.log`` (rotating, UTF-8); a temporary folder is used when it cannot be written."""
    global _log_path
    for folder in (log_dir, Path(tempfile.gettempdir()) / SETTINGS_APP / "logs"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = logging.handlers.RotatingFileHandler(
                folder / "thidua.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
            )
            restrict(folder / "thidua.log", FILE_MODE)
        except OSError:
            continue
        break
    else:  # pragma: no cover - no writable folder at all
        handler = logging.StreamHandler(sys.stderr)
    handler.set_name(LOG_HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == LOG_HANDLER_NAME]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    path = Path(getattr(handler, "baseFilename", "")) if hasattr(handler, "baseFilename") else None
    _log_path = path
    log.info("Thi đua Desktop %s, Python %s, log %s", __version__, sys.version.split()[0], path)
    return path or log_dir / "thidua.log"


def log_path() -> Path | None:
    return _log_path


def _qt_message(kind: QtMsgType, _context: Any, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(kind, logging.WARNING)
    logging.getLogger("qt").log(level, "%s", message)


# --- unexpected errors ------------------------------------------------------------------------------------------
def crash_text(path: Path | None) -> str:
    where = f"\n\nChi tiết đã được ghi vào tệp nhật ký:\n{path}" if path else ""
    return (
        "Chương trình gặp một lỗi không lường trước. Dữ liệu đã lưu không bị ảnh hưởng; thao tác vừa làm có thể "
        "chưa hoàn tất. Bạn có thể tiếp tục làm việc hoặc đóng chương trình rồi mở lại."
        f"{where}\n\nKhi báo lỗi, hãy gửi kèm tệp nhật ký này."
    )


def excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Log the error and tell the user, in Vietnamese, where the details are. Never a silent crash."""
    global _showing_crash
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    details = "".join(traceback.format_exception(kind, value, tb))
    log.critical("Lỗi không lường trước:\n%s", details)
    if isinstance(value, UserError):
        message, title = value.message, "Không thực hiện được"
    else:
        message, title = crash_text(_log_path), "Lỗi chương trình"
    app = QApplication.instance()
    if app is None or _showing_crash:
        with contextlib.suppress(Exception):  # nowhere left to report
            if sys.__stderr__ is not None:
                sys.__stderr__.write(details)
        return
    _showing_crash = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, title, message)
        box.setDetailedText(details)
        open_logs = None
        if _log_path is not None and not isinstance(value, UserError):
            open_logs = box.addButton("Mở thư mục nhật ký", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if open_logs is not None and box.clickedButton() is open_logs and _log_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(_log_path.parent)))
    except Exception:  # noqa: BLE001 - the dialog itself failed; the log has the error
        log.exception("Không hiện được hộp thoại báo lỗi")
    finally:
        _showing_crash = False


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    log.critical(
        "Lỗi trong luồng %s:\n%s",
        getattr(args.thread, "name", "?"),
        "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)),
    )


def install_error_handlers() -> None:
    sys.excepthook = excepthook
    threading.excepthook = _thread_excepthook
    qInstallMessageHandler(_qt_message)


# --- look -------------------------------------------------------------------------------------------------------
def app_icon() -> QIcon:
    icons = resource_root() / "resources" / "icons"
    icon = QIcon()
    svg = icons / "app.svg"
    if svg.exists():
        icon.addFile(str(svg))
    ico = icons / "app.ico"
    if icon.isNull() and ico.exists():
        icon.addFile(str(ico))
    return icon


def office_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#f4f1ee",
        QPalette.ColorRole.WindowText: "#1f1a17",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#faf7f5",
        QPalette.ColorRole.Text: "#1f1a17",
        QPalette.ColorRole.Button: "#f1ece8",
        QPalette.ColorRole.ButtonText: "#1f1a17",
        QPalette.ColorRole.Highlight: "#c8241b",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#fffbe6",
        QPalette.ColorRole.ToolTipText: "#1f1a17",
        QPalette.ColorRole.PlaceholderText: "#8d817a",
        QPalette.ColorRole.Link: "#a3160f",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9b918b"))
    return palette


def configure_application(app: QApplication) -> None:
    """Names for QSettings, Fusion style, palette, style sheet, icon and Vietnamese texts."""
    from thidua_desktop.ui.translations import install_translations

    app.setApplicationName(SETTINGS_APP)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("thidua-desktop")
    style = QStyleFactory.create("Fusion")
    if style is not None:
        app.setStyle(style)
        app.setProperty("thiduaStyle", "Fusion")
    app.setPalette(office_palette())
    font = app.font()
    if font.pointSizeF() < 9.5:
        font.setPointSizeF(9.5)
    font.setHintingPreference(QFont.HintingPreference.PreferVerticalHinting)
    app.setFont(font)
    qss = resource_root() / "resources" / "style.qss"
    try:
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    except OSError:
        log.warning("Không đọc được %s", qss)
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    install_translations(app, resource_root() / "resources")


# --- opening the data -------------------------------------------------------------------------------------------
def _message(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, parent=parent)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def _warning(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def offer_restore(parent: QWidget | None, folder: Path, exc: DatabaseDamagedError) -> bool:
    """A damaged database: offer the newest good backup (the damaged file is kept aside); True when restored."""
    from thidua_desktop.core.storage.recovery import restore

    box = QMessageBox(QMessageBox.Icon.Critical, "Tệp dữ liệu bị hỏng", exc.message, parent=parent)
    chosen = None
    if isinstance(exc.newest_good, Path):
        chosen = box.addButton("Khôi phục bản sao lưu tốt gần nhất", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if chosen is None or box.clickedButton() is not chosen or not isinstance(exc.newest_good, Path):
        return False
    try:
        done = restore(folder, exc.newest_good)
    except UserError as failure:
        _message(parent, "Không khôi phục được", failure.message)
        return False
    kept = f"\n\nTệp hỏng được giữ lại: {done.kept}" if done.kept else ""
    _warning(parent, "Đã khôi phục", f"Đã khôi phục dữ liệu từ bản sao lưu «{done.source}».{kept}")
    return True


def _open_read_only(parent: QWidget | None, folder: Path, exc: ReadOnlyDataError) -> Database | None:
    from thidua_desktop.core.bootstrap import open_data

    if not ask_yes_no(parent, "Thư mục dữ liệu chỉ đọc", "Mở dữ liệu ở chế độ chỉ xem?", exc.message):
        return None
    try:
        return open_data(folder, read_only=True)
    except UserError as failure:
        _message(parent, "Không mở được dữ liệu", failure.message)
        return None


def open_data_or_explain(data_dir: Path | None, parent: QWidget | None = None) -> Database | None:
    """Open the data folder; on a known failure explain it in Vietnamese (offering a restore for a damaged file,
    viewing for a read-only folder) and return None when nothing could be opened."""
    from thidua_desktop.core.bootstrap import open_data

    folder = Path(data_dir) if data_dir else default_data_dir()

    def where(exc: UserError) -> str:
        return "" if str(folder) in exc.message else f"\n\nThư mục dữ liệu: {folder}"

    for _attempt in range(3):
        try:
            db = open_data(folder, read_only=False)
        except KeyUnavailableError as exc:
            log.warning("Chưa có khóa của thư mục dữ liệu: %s", exc.message)
            if ask_recovery_key(parent, folder, exc):
                continue
            return None
        except DatabaseDamagedError as exc:
            log.error("Tệp dữ liệu bị hỏng: %s", exc.message)
            if offer_restore(parent, folder, exc):
                continue
            return None
        except ReadOnlyDataError as exc:
            log.warning("Thư mục dữ liệu chỉ đọc: %s", exc.message)
            return _open_read_only(parent, folder, exc)
        except DatabaseLockedError as exc:
            log.warning("Dữ liệu đang bị khóa: %s", exc.message)
            _message(
                parent,
                "Dữ liệu đang được mở",
                f"{exc.message}{where(exc)}\n\n"
                "Mỗi lúc chỉ một chương trình được mở dữ liệu này để tránh ghi đè lên nhau. Hãy đóng cửa sổ Thi đua "
                "Desktop đang mở (kể cả trên máy khác nếu dùng thư mục chung) rồi mở lại.",
            )
        except SchemaTooNewError as exc:
            log.warning("Dữ liệu của phiên bản mới hơn: %s", exc.message)
            _message(
                parent,
                "Dữ liệu của phiên bản mới hơn",
                f"{exc.message}{where(exc)}\n\n"
                f"Phiên bản đang chạy: {__version__}. Hãy cài phiên bản Thi đua Desktop mới nhất; dữ liệu không bị "
                "thay đổi.",
            )
        except StorageError as exc:
            log.error("Không mở được dữ liệu: %s", exc.message)
            _message(parent, "Không mở được dữ liệu", f"{exc.message}{where(exc)}")
        except OSError as exc:
            log.exception("Không mở được thư mục dữ liệu %s", folder)
            _message(
                parent,
                "Không mở được dữ liệu",
                f"Không mở hoặc tạo được thư mục dữ liệu:\n{folder}\n\n{exc.strerror or exc}\n\n"
                "Hãy kiểm tra quyền ghi vào thư mục này.",
            )
        else:
            show_notices(parent, db)
            return db
        return None
    return None


def ask_recovery_key(parent: QWidget | None, folder: Path, exc: UserError) -> bool:
    """An encrypted folder this PC has no key for: ask for the recovery key; True when it opened the key."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from thidua_desktop.core.storage import keys

    text, given = QInputDialog.getText(
        parent, "Nhập khóa khôi phục", f"{exc.message}\n\nKhóa khôi phục:", QLineEdit.EchoMode.Normal, ""
    )
    if not given or not text.strip():
        return False
    try:
        keys.unlock(folder, text)
    except UserError as failure:
        _message(parent, "Không mở được khóa", failure.message)
        return False
    return True


def show_notices(parent: QWidget | None, db: Database) -> None:
    """Warnings from opening (a daily backup that failed) and a new recovery key: shown once, the program opens."""
    if db.recovery_key:
        from thidua_desktop.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog

        RecoveryKeyDialog(db.paths.root, db.recovery_key, parent).exec()
    if db.notices:
        _warning(parent, "Cảnh báo", "\n\n".join(db.notices))


def ask_yes_no(parent: QWidget | None, title: str, question: str, detail: str = "") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    if detail:
        box.setInformativeText(detail)
    yes = box.addButton("Có", QMessageBox.ButtonRole.YesRole)
    box.addButton("Không", QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


def offer_demo(
    db: Database,
    parent: QWidget | None = None,
    settings: QSettings | None = None,
    ask: Callable[[QWidget | None, str, str, str], bool] | None = None,
) -> bool:
    """On first run (no campaign yet) offer to load the demo campaign; True when it was loaded.

    A "Không" is remembered for this data folder so the question is not asked at every start.
    """
    from thidua_desktop.core.demo import load_demo
    from thidua_desktop.core.services.campaigns import list_campaigns

    if list_campaigns(db):
        return False
    key = f"firstRun/declined/{db.paths.database.as_posix()}"
    if settings is not None and settings.value(key, False, type=bool):
        return False
    wanted = (ask or ask_yes_no)(
        parent,
        "Bắt đầu sử dụng",
        DEMO_QUESTION,
        "Dữ liệu hiện chưa có phong trào thi đua nào. Phong trào mẫu gồm kế hoạch thi đua của phường với các đơn "
        "vị, cá nhân, bản đăng ký, minh chứng và đề nghị khen thưởng, để xem thử mọi chức năng. Có thể sửa hoặc "
        "xóa sau.",
    )
    if not wanted:
        if settings is not None:
            settings.setValue(key, True)
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        summary = load_demo(db)
    finally:
        QApplication.restoreOverrideCursor()
    log.info("Đã nạp phong trào mẫu: %s", summary)
    return True


# --- the program ------------------------------------------------------------------------------------------------
def run_app(data_dir: Path | None, argv: Sequence[str] | None = None) -> int:
    """Start the desktop program on ``data_dir`` (the default data folder when None); the exit code."""
    ensure_std_streams()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv))
    configure_application(app)
    folder = Path(data_dir) if data_dir else default_data_dir()
    setup_logging(DataPaths(folder).logs)
    install_error_handlers()
    db = open_data_or_explain(folder)
    if db is None:
        return 2
    try:
        from thidua_desktop.ui.context import AppContext
        from thidua_desktop.ui.main_window import MainWindow

        settings = QSettings()
        try:
            if not db.read_only:
                offer_demo(db, None, settings)
        except UserError as exc:
            _message(None, "Không nạp được phong trào mẫu", exc.message)
        context = AppContext(db)
        window = MainWindow(context, settings)
        if db.read_only:
            window.setWindowTitle(f"{window.windowTitle()} — chỉ xem")
        window.show_restored()
        code = app.exec()
        log.info("Kết thúc, mã %s", code)
        return int(code)
    finally:
        db.close()
