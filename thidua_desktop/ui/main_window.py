"""The main window: campaign selector, tabs found in ``ui/tabs``, menus extended by ``ui/actions``, status bar."""

from __future__ import annotations

import importlib
import logging
import pkgutil
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QByteArray, QMetaMethod, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QWidget,
)

from thidua_desktop import APP_NAME, __version__
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.services.campaigns import CampaignRecord, list_campaigns
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.services.stats import campaign_overview, entity_counts
from thidua_desktop.core.text import format_number
from thidua_desktop.ui import actions as actions_package
from thidua_desktop.ui import tabs as tabs_package
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.widgets import messages

log = logging.getLogger(__name__)

MENU_TITLES = {
    "file": "&Tệp",
    "edit": "&Sửa",
    "view": "&Xem",
    "data": "&Dữ liệu",
    "tools": "&Công cụ",
    "help": "T&rợ giúp",
}
NO_CAMPAIGN_TEXT = "Chưa có phong trào thi đua"
CAMPAIGN_NAME_LIMIT = 110


def discover(package: ModuleType, errors: list[tuple[str, str]]) -> list[ModuleType]:
    """The modules of a plug-in package, by name; one that fails to import is logged and left out."""
    found: list[ModuleType] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        name = f"{package.__name__}.{info.name}"
        try:
            found.append(importlib.import_module(name))
        except Exception as exc:  # noqa: BLE001 - a broken plug-in must not stop the window
            log.exception("Không nạp được mô-đun %s", name)
            errors.append((name, f"{type(exc).__name__}: {exc}"))
    return found


def campaign_label(campaign: CampaignRecord) -> str:
    name = campaign.name
    if len(name) > CAMPAIGN_NAME_LIMIT:
        name = name[: CAMPAIGN_NAME_LIMIT - 1].rstrip() + "…"
    years = ""
    if campaign.start_date and campaign.end_date:
        years = f" ({campaign.start_date.year}–{campaign.end_date.year})"
        if campaign.start_date.year == campaign.end_date.year:
            years = f" ({campaign.start_date.year})"
    return name + years


class MainWindow(QMainWindow):
    files_dropped = Signal(list)
    """Local files dropped onto the window (a list of ``pathlib.Path``)."""

    def __init__(self, context: AppContext, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.db = context.db
        self.settings = settings if settings is not None else QSettings()
        self.load_errors: list[tuple[str, str]] = []
        self.tab_pages: dict[str, QWidget] = {}
        self.menus: dict[str, QMenu] = {}
        self._status_pending = False
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self.setMinimumSize(960, 600)
        self.resize(1280, 780)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setUsesScrollButtons(True)
        self.setCentralWidget(self.tabs)

        self._build_toolbar()
        self._build_menus()
        self._load_tabs()
        self._build_tab_actions()
        self._build_status_bar()
        self._install_actions()

        context.campaign_changed.connect(self._on_campaign_changed)
        context.data_changed.connect(self._on_data_changed)
        context.status_message.connect(self.show_message)
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self._update_title()
        # the tabs loaded themselves when built; choosing the campaign reloads those that show one
        self.reload_campaigns(prefer=self._remembered_campaign())
        self._restore_state()
        self.update_status()
        if self.load_errors:
            names = ", ".join(name.rsplit(".", 1)[-1] for name, _ in self.load_errors)
            self.show_message(f"Một số phần của chương trình không nạp được ({names}); xem tệp nhật ký.", 0)

    # --- building -------------------------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = QToolBar("Thanh công cụ", self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        label = QLabel("Phong trào thi đua:", bar)
        self.campaign_combo = QComboBox(bar)
        self.campaign_combo.setObjectName("campaignSelector")
        self.campaign_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.campaign_combo.setMinimumContentsLength(40)
        self.campaign_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.campaign_combo.setToolTip("Phong trào mà các thẻ đang hiển thị")
        self.campaign_combo.view().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.campaign_combo.currentIndexChanged.connect(self._on_campaign_chosen)
        label.setBuddy(self.campaign_combo)
        bar.addWidget(label)
        bar.addWidget(self.campaign_combo)
        self.manage_campaigns_action = QAction("Quản lý phong trào…", self)
        self.manage_campaigns_action.setToolTip("Thêm, sửa, xóa phong trào thi đua và các giai đoạn")
        self.manage_campaigns_action.triggered.connect(self.open_campaigns)
        bar.addAction(self.manage_campaigns_action)
        bar.addSeparator()
        self.toolbar = bar

    def _action(
        self, menu: QMenu, text: str, slot: Any, shortcut: QKeySequence | str | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        for key, title in MENU_TITLES.items():
            menu = bar.addMenu(title)
            menu.setObjectName(f"menu_{key}")
            self.menus[key] = menu
        file, edit, view, data, help_ = (self.menus[k] for k in ("file", "edit", "view", "data", "help"))

        self.backup_action = self._action(
            file, "Sao lưu ngay", self.backup_now, "Ctrl+Shift+B", "Sao lưu dữ liệu vào thư mục backups"
        )
        self.restore_action = self._action(
            file, "Khôi phục từ bản sao lưu…", self.open_restore, tip="Chọn một bản sao lưu để khôi phục"
        )
        file.addSeparator()
        self.open_folder_action = self._action(file, "Mở thư mục dữ liệu", self.open_data_folder)
        self._quit_separator = file.addSeparator()
        self.quit_action = self._action(file, "Thoát", self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.add_action = self._action(
            edit, "Thêm mới…", self.add_in_current_tab, "Ctrl+N", "Thêm bản ghi mới ở thẻ đang mở"
        )
        self.edit_action = self._action(
            edit, "Sửa bản ghi đang chọn…", self.edit_in_current_tab, "Ctrl+E", "Sửa bản ghi đang chọn"
        )
        self.delete_action = self._action(
            edit, "Xóa bản ghi đang chọn", self.delete_in_current_tab, "Ctrl+Del", "Xóa bản ghi đang chọn"
        )
        edit.addSeparator()
        self.find_action = self._action(
            edit, "Tìm kiếm", self.focus_search, "Ctrl+F", "Đưa con trỏ vào ô tìm"
        )

        self.reload_action = self._action(view, "Tải lại", self.refresh_all, "F5", "Đọc lại dữ liệu")
        view.addSeparator()
        self.tab_menu = view.addMenu("Chuyển đến thẻ")

        self.campaigns_action = self._action(
            data, "Phong trào thi đua…", self.open_campaigns, tip="Thêm, sửa phong trào và các giai đoạn"
        )
        self.settings_action = self._action(
            data, "Thiết lập cơ quan…", self.open_settings, tip="Tên cơ quan, cấp trên, người ký, cấp khen"
        )
        self.catalogue_action = self._action(
            data, "Danh mục danh hiệu, hình thức khen thưởng…", self.open_catalogue
        )

        self.shortcuts_action = self._action(help_, "Phím tắt", self.show_shortcuts, "F1")
        self.logs_action = self._action(help_, "Mở thư mục nhật ký", self.open_logs_folder)
        help_.addSeparator()
        self.about_action = self._action(help_, "Giới thiệu", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _load_tabs(self) -> None:
        entries: list[tuple[int, str, type]] = []
        for module in discover(tabs_package, self.load_errors):
            tab_class = getattr(module, "TAB", None)
            if tab_class is None:
                log.info("%s không có TAB; bỏ qua", module.__name__)
                continue
            entries.append((int(getattr(tab_class, "ORDER", 1000)), module.__name__, tab_class))
        for _order, name, tab_class in sorted(entries, key=lambda e: (e[0], e[1])):
            try:
                page = tab_class(self.context, self.tabs)
            except Exception as exc:  # noqa: BLE001 - one broken tab must not stop the window
                log.exception("Không tạo được thẻ %s", name)
                self.load_errors.append((name, f"{type(exc).__name__}: {exc}"))
                continue
            key = name.rsplit(".", 1)[-1]
            page.setObjectName(f"tab_{key}")
            title = str(getattr(tab_class, "TITLE", key))
            self.tabs.addTab(page, title.replace("&", "&&"))
            self.tab_pages[key] = page

    def _build_tab_actions(self) -> None:
        self.tab_actions: list[QAction] = []
        for i in range(min(self.tabs.count(), 9)):
            action = QAction(self.tabs.tabText(i), self)  # "&&" shows one "&" in menus too
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _checked=False, index=i: self.tabs.setCurrentIndex(index))
            self.tab_menu.addAction(action)
            self.addAction(action)
            self.tab_actions.append(action)

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("statusCounts")
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().setSizeGripEnabled(True)

    def _install_actions(self) -> None:
        for module in discover(actions_package, self.load_errors):
            install = getattr(module, "install", None)
            if install is None:
                continue
            try:
                install(self)
            except Exception as exc:  # noqa: BLE001 - one broken contribution must not stop the window
                log.exception("Lỗi khi cài %s", module.__name__)
                self.load_errors.append((module.__name__, f"{type(exc).__name__}: {exc}"))
        # what the plug-ins added to «Tệp» goes above «Thoát», which stays last
        file = self.menus["file"]
        file.removeAction(self._quit_separator)
        file.removeAction(self.quit_action)
        file.addAction(self._quit_separator)
        file.addAction(self.quit_action)
        tools = self.menus["tools"]
        if tools.isEmpty():
            placeholder = tools.addAction("Chưa có công cụ nào")
            placeholder.setEnabled(False)

    # --- campaigns --------------------------------------------------------------------------------------------
    def _remembered_campaign(self) -> int | None:
        value = self.settings.value("mainWindow/lastCampaign")
        try:
            return int(value) if value not in (None, "") else None  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None

    def reload_campaigns(self, prefer: int | None = None) -> None:
        """Refill the campaign selector, keeping the current campaign (or ``prefer``) when it still exists."""
        campaigns = list_campaigns(self.db)
        wanted = prefer if prefer is not None else self.context.campaign_id
        ids = [c.id for c in campaigns]
        if wanted not in ids:
            wanted = (
                self.context.campaign_id if self.context.campaign_id in ids else (ids[0] if ids else None)
            )
        combo = self.campaign_combo
        combo.blockSignals(True)
        combo.clear()
        for campaign in campaigns:
            combo.addItem(campaign_label(campaign), campaign.id)
            combo.setItemData(combo.count() - 1, campaign.name, Qt.ItemDataRole.ToolTipRole)
        if not campaigns:
            combo.addItem(NO_CAMPAIGN_TEXT, None)
        combo.setCurrentIndex(max(combo.findData(wanted), 0) if wanted is not None else 0)
        combo.setEnabled(bool(campaigns))
        combo.setToolTip(campaigns[combo.currentIndex()].name if campaigns else NO_CAMPAIGN_TEXT)
        combo.blockSignals(False)
        self.context.set_campaign(wanted)

    def select_campaign(self, campaign_id: int | None) -> None:
        index = self.campaign_combo.findData(campaign_id)
        if index >= 0:
            self.campaign_combo.setCurrentIndex(index)

    def _on_campaign_chosen(self, index: int) -> None:
        campaign_id = self.campaign_combo.itemData(index) if index >= 0 else None
        self.campaign_combo.setToolTip(self.campaign_combo.itemData(index, Qt.ItemDataRole.ToolTipRole) or "")
        self.context.set_campaign(campaign_id)

    def _on_campaign_changed(self, campaign_id: object) -> None:
        index = self.campaign_combo.findData(campaign_id)
        if index >= 0 and index != self.campaign_combo.currentIndex():
            self.campaign_combo.blockSignals(True)
            self.campaign_combo.setCurrentIndex(index)
            self.campaign_combo.blockSignals(False)
        if campaign_id is not None:
            self.settings.setValue("mainWindow/lastCampaign", int(campaign_id))  # type: ignore[call-overload]
        self.schedule_status_update()

    def _on_data_changed(self, entity: str) -> None:
        if entity == "campaigns":
            self.reload_campaigns()
        if entity in ("settings", "*"):
            self._update_title()
        self.schedule_status_update()

    # --- current tab helpers --------------------------------------------------------------------------------------
    def current_page(self) -> QWidget | None:
        return self.tabs.currentWidget()

    def _call_on_tab(self, name: str) -> bool:
        page = self.current_page()
        method = getattr(page, name, None)
        if callable(method):
            method()
            return True
        return False

    def add_in_current_tab(self) -> None:
        if not self._call_on_tab("add_record"):
            self.show_message("Thẻ này không có chức năng thêm mới.")

    def edit_in_current_tab(self) -> None:
        if not self._call_on_tab("edit_record"):
            self.show_message("Thẻ này không có chức năng sửa.")

    def delete_in_current_tab(self) -> None:
        if not self._call_on_tab("delete_record"):
            self.show_message("Thẻ này không có chức năng xóa.")

    def focus_search(self) -> None:
        self._call_on_tab("focus_search")

    def _on_tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        self.add_action.setEnabled(callable(getattr(page, "add_record", None)))
        self.edit_action.setEnabled(callable(getattr(page, "edit_record", None)))
        self.delete_action.setEnabled(callable(getattr(page, "delete_record", None)))
        self.find_action.setEnabled(callable(getattr(page, "focus_search", None)))

    # --- refreshing -----------------------------------------------------------------------------------------------
    def refresh_all(self) -> None:
        """Read everything again: the campaigns, every tab (through ``data_changed("*")``) and the counts."""
        self.reload_campaigns()
        self.context.notify_changed("*")
        self.update_status()

    def schedule_status_update(self) -> None:
        if not self._status_pending:
            self._status_pending = True
            QTimer.singleShot(0, self.update_status)

    def update_status(self) -> None:
        self._status_pending = False
        try:
            counts = entity_counts(self.db)
            parts = [
                f"{format_number(counts.get('units', 0))} đơn vị",
                f"{format_number(counts.get('persons', 0))} cá nhân",
            ]
            if self.context.campaign_id is not None:
                overview = campaign_overview(self.db, self.context.campaign_id)
                evidence = (
                    overview.evidence_unverified + overview.evidence_verified + overview.evidence_rejected
                )
                proposals = sum(overview.proposals_by_status.values())
                parts += [
                    f"{format_number(overview.pledges)} bản đăng ký",
                    f"{format_number(evidence)} minh chứng",
                    f"{format_number(proposals)} đề nghị khen thưởng",
                ]
        except UserError as exc:
            self.counts_label.setText("")
            self.show_message(exc.message)
            return
        self.counts_label.setText(" · ".join(parts))
        self.counts_label.setToolTip(
            "Số đơn vị, cá nhân của toàn bộ dữ liệu; số bản đăng ký, minh chứng, đề nghị của phong trào đang chọn"
        )

    def show_message(self, message: str, timeout_ms: int = 8000) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def _update_title(self) -> None:
        try:
            committee = load_settings(self.db).committee_name
        except UserError:
            committee = ""
        self.setWindowTitle(f"{committee} — {APP_NAME}" if committee else APP_NAME)

    # --- file menu ------------------------------------------------------------------------------------------------
    def backup_now(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            path = self.db.backup_now()
        except (OSError, UserError, Exception) as exc:  # noqa: BLE001 - shown to the user
            QApplication.restoreOverrideCursor()
            log.exception("Sao lưu thất bại")
            messages.show_error(self, f"Không sao lưu được dữ liệu: {exc}")
            return
        QApplication.restoreOverrideCursor()
        log.info("Sao lưu thủ công: %s", path)
        self.show_message(f"Đã sao lưu dữ liệu vào {path.name} (thư mục {path.parent}).")

    def open_restore(self) -> None:
        from thidua_desktop.ui.dialogs.backup_dialog import BackupDialog

        dialog = BackupDialog(self.db, self)
        dialog.exec()
        restored = dialog.restored
        dialog.deleteLater()
        if restored:
            self.refresh_all()
            self.show_message("Đã khôi phục dữ liệu từ bản sao lưu và tải lại mọi thẻ.")

    def open_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.db.paths.root)))

    def open_logs_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.db.paths.logs)))

    # --- data menu ------------------------------------------------------------------------------------------------
    def open_campaigns(self) -> None:
        from thidua_desktop.ui.dialogs.campaign_dialog import CampaignsDialog

        dialog = CampaignsDialog(self.context, self)
        dialog.table.select_id(self.context.campaign_id)
        dialog.exec()
        dialog.deleteLater()

    def open_settings(self) -> None:
        from thidua_desktop.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.db, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.context.notify_changed("settings")
            self.show_message("Đã lưu thiết lập cơ quan.")

    def open_catalogue(self) -> None:
        from thidua_desktop.ui.dialogs.catalogue_dialog import CatalogueDialog

        dialog = CatalogueDialog(self.context, self)
        dialog.exec()
        dialog.deleteLater()

    # --- help menu ------------------------------------------------------------------------------------------------
    def shortcut_lines(self) -> list[tuple[str, str]]:
        lines = [
            ("Ctrl+N", "Thêm mới ở thẻ đang mở"),
            ("Ctrl+E", "Sửa bản ghi đang chọn (hoặc nhấp đúp)"),
            ("Ctrl+Del", "Xóa bản ghi đang chọn"),
            ("Ctrl+F", "Tìm kiếm trong thẻ đang mở"),
            ("F5", "Tải lại dữ liệu"),
            ("Ctrl+1 … Ctrl+9", "Chuyển đến thẻ thứ 1 … 9"),
            ("Ctrl+Tab", "Sang thẻ kế tiếp"),
            ("Ctrl+Shift+B", "Sao lưu ngay"),
            ("Ctrl+Q", "Thoát"),
        ]
        return lines

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in self.shortcut_lines()
        )
        box = QMessageBox(QMessageBox.Icon.Information, "Phím tắt", f"<table>{rows}</table>", parent=self)
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def show_about(self) -> None:
        from PySide6 import __version__ as pyside_version

        from thidua_desktop.ui.app import log_path

        logs = log_path() or self.db.paths.logs / "thidua.log"
        text = (
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Quản lý thi đua, khen thưởng của Đảng ủy phường: phong trào và giai đoạn, đăng ký thi đua, chỉ "
            "tiêu, minh chứng, đề nghị khen thưởng và văn bản kèm theo.</p>"
            "<p>Căn cứ: Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP; Hướng dẫn 06-HD/TW; Quy định "
            "366-QĐ/TW. Dữ liệu được lưu trên máy này, có nhật ký thay đổi và sao lưu hằng ngày.</p>"
            f"<p>Thư mục dữ liệu: {self.db.paths.root}<br>Tệp nhật ký: {logs}</p>"
            f"<p style='color:#6b5d55'>PySide6 {pyside_version}</p>"
        )
        box = QMessageBox(QMessageBox.Icon.NoIcon, f"Giới thiệu {APP_NAME}", text, parent=self)
        icon = QApplication.windowIcon()
        if not icon.isNull():
            box.setIconPixmap(icon.pixmap(64, 64))
        box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    # --- drag and drop --------------------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() and any(url.isLocalFile() for url in mime.urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.drop_files(paths)

    def drop_files(self, paths: list[Path]) -> None:
        if self.isSignalConnected(QMetaMethod.fromSignal(self.files_dropped)):
            self.files_dropped.emit(paths)
        else:
            self.show_message("Chưa có chức năng nhận tệp kéo thả vào cửa sổ.")

    # --- remembering the window -----------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))
        state = self.settings.value("mainWindow/state")
        if isinstance(state, QByteArray | bytes) and state:
            self.restoreState(QByteArray(state))
        current = self.settings.value("mainWindow/currentTab")
        if isinstance(current, str) and current in self.tab_pages:
            self.tabs.setCurrentWidget(self.tab_pages[current])
        self._on_tab_changed(self.tabs.currentIndex())

    def has_saved_geometry(self) -> bool:
        return bool(self.settings.value("mainWindow/geometry"))

    def show_restored(self) -> None:
        """Show with the remembered geometry; maximised the first time."""
        if self.has_saved_geometry():
            self.show()
        else:
            self.showMaximized()

    def save_state(self) -> None:
        self.settings.setValue("mainWindow/geometry", self.saveGeometry())
        self.settings.setValue("mainWindow/state", self.saveState())
        page = self.current_page()
        key = next((k for k, v in self.tab_pages.items() if v is page), "")
        self.settings.setValue("mainWindow/currentTab", key)
        if self.context.campaign_id is not None:
            self.settings.setValue("mainWindow/lastCampaign", int(self.context.campaign_id))
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
