"""Tệp → «Xuất phiếu đăng ký cho chi bộ…» and «Xuất bảng tổng hợp…»: thin callers of ``exchange.export_forms``
and ``exchange.export_tally``, run off the UI thread with a cancellable progress dialog. Files are written under a
temporary name and renamed when complete, so a cancel never leaves a half-written file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.errors import UserError, ValidationError
from thidua_desktop.core.services.units import UnitRecord
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.date_field import OptionalDateEdit
from thidua_desktop.ui.widgets.file_choice import ask_folder, ask_save_file
from thidua_desktop.ui.worker import Progress, TaskHandle, run_task

if TYPE_CHECKING:
    from thidua_desktop.exchange.export_tally import ExportResult, TallyKind

# The exchange modules (openpyxl) are imported when an export runs, not when the window opens.

LAST_FOLDER_KEY = "excel_export/last_folder"
EXCEL_FILTER = "Bảng tính Excel (*.xlsx)"
FORMS_ACTION = "Xuất phiếu đăng ký cho chi bộ…"
TALLY_ACTION = "Xuất bảng tổng hợp…"
TALLY_FILE_NAMES = {
    "registrations": "Bang tong hop dang ky thi dua",
    "results": "Bang tong hop ket qua chi tieu",
    "proposals": "Danh sach de nghi khen thuong",
}
"""By ``TallyKind`` value (the enum is a ``str``)."""


@dataclass
class FormsOptions:
    unit_ids: list[int]
    one_workbook: bool
    output: Path
    return_by: date | None = None


@dataclass
class _State:
    task: TaskHandle | None = None
    actions: list[QAction] = field(default_factory=list)


def _state(window: Any) -> _State:
    state = getattr(window, "_excel_export_state", None)
    if state is None:
        state = _State()
        window._excel_export_state = state
    return state


def install(window: Any) -> None:
    menu = window.menus["file"]
    forms = QAction(FORMS_ACTION, window)
    forms.setObjectName("action_export_forms")
    forms.setStatusTip(
        "Tạo tệp Excel cho từng chi bộ, đơn vị: điền sẵn thành viên, chỉ tiêu, danh hiệu để chọn"
    )
    forms.triggered.connect(lambda: export_forms_interactive(window))
    tally = QAction(TALLY_ACTION, window)
    tally.setObjectName("action_export_tally")
    tally.setStatusTip("Bảng tổng hợp đăng ký, kết quả chỉ tiêu hoặc đề nghị khen thưởng theo mẫu văn bản")
    tally.triggered.connect(lambda: export_tally_interactive(window))
    _add_before_quit(window, menu, [forms, tally])
    _state(window).actions = [forms, tally]


def _add_before_quit(window: Any, menu: Any, actions: list[QAction]) -> None:
    """Into the file menu above its last group ("Thoát"), in a group of their own."""
    quit_action = getattr(window, "quit_action", None)
    present = menu.actions()
    if quit_action not in present:
        menu.addSeparator()
        menu.addActions(actions)
        return
    index = present.index(quit_action)
    anchor = present[index - 1] if index > 0 and present[index - 1].isSeparator() else quit_action
    for action in actions:
        menu.insertAction(anchor, action)
    if anchor is quit_action:
        menu.insertSeparator(quit_action)
    menu.insertSeparator(actions[0])


def _campaign_or_explain(window: Any) -> int | None:
    campaign_id = window.context.campaign_id
    if campaign_id is None:
        messages.show_error(window, "Hãy chọn phong trào thi đua trước khi xuất tệp.")
    return campaign_id  # type: ignore[no-any-return]


def _settings(window: Any) -> QSettings:
    found = getattr(window, "settings", None)
    return found if isinstance(found, QSettings) else QSettings()


def _last_folder(window: Any) -> str:
    return str(_settings(window).value(LAST_FOLDER_KEY, str(Path.home())))


def _remember_folder(window: Any, path: Path) -> None:
    _settings(window).setValue(LAST_FOLDER_KEY, str(path if path.suffix.lower() != ".xlsx" else path.parent))


# --- forms --------------------------------------------------------------------------------------------------


class FormsDialog(QDialog):
    """Which units, one file each or one workbook, the return date."""

    def __init__(self, parent: QWidget | None, units: list[UnitRecord]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Xuất phiếu đăng ký cho chi bộ")
        self.resize(520, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Chọn các chi bộ, đơn vị nhận phiếu (điền sẵn thành viên và chỉ tiêu):"))
        self.units = QListWidget()
        for unit in units:
            item = QListWidgetItem("    " * unit.depth + unit.name)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.units.addItem(item)
        layout.addWidget(self.units)
        buttons_row = QHBoxLayout()
        select_all = QPushButton("Chọn tất cả")
        select_none = QPushButton("Bỏ chọn tất cả")
        select_all.clicked.connect(lambda: self._check_all(True))
        select_none.clicked.connect(lambda: self._check_all(False))
        buttons_row.addWidget(select_all)
        buttons_row.addWidget(select_none)
        buttons_row.addStretch(1)
        layout.addLayout(buttons_row)

        form = QFormLayout()
        self.per_unit = QRadioButton("Mỗi đơn vị một tệp (chọn thư mục lưu)")
        self.one_workbook = QRadioButton("Một tệp chung, mỗi đơn vị một trang đăng ký")
        self.per_unit.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.per_unit)
        group.addButton(self.one_workbook)
        form.addRow("Cách xuất:", self.per_unit)
        form.addRow("", self.one_workbook)
        self.has_due = QCheckBox("Ghi hạn gửi lại")
        self.due = OptionalDateEdit()
        self.due.set_value(date.today() + timedelta(days=14))
        self.due.setEnabled(False)
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        form.addRow("Hạn gửi lại:", due_row)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Tiếp tục…")
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        box.accepted.connect(self._accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for index in range(self.units.count()):
            self.units.item(index).setCheckState(state)

    def chosen_unit_ids(self) -> list[int]:
        return [
            int(self.units.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.units.count())
            if self.units.item(i).checkState() == Qt.CheckState.Checked
        ]

    def return_by(self) -> date | None:
        """The due date typed (checked by «Tiếp tục»), None when none is to be written."""
        if not self.has_due.isChecked():
            return None
        return self.due.value()

    def _accept(self) -> None:
        if not self.chosen_unit_ids():
            self.message.setText("Chưa chọn đơn vị nào.")
            return
        try:
            due = self.return_by()
        except ValidationError as exc:
            self.message.setText(exc.message)
            return
        if self.has_due.isChecked() and due is None:
            self.message.setText("Chưa nhập hạn gửi lại (hoặc bỏ chọn «Ghi hạn gửi lại»).")
            return
        self.accept()


def ask_forms_options(window: Any, campaign_id: int) -> FormsOptions | None:
    """The dialog, then where to save; None when the user gives up."""
    from thidua_desktop.exchange.export_forms import branch_units

    db = window.context.db
    units = branch_units(db, campaign_id)
    if not units:
        messages.show_error(window, "Phong trào chưa có đơn vị nào có thành viên hoặc đăng ký để gửi phiếu.")
        return None
    dialog = FormsDialog(window, units)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    unit_ids = dialog.chosen_unit_ids()
    one = dialog.one_workbook.isChecked()
    if one:
        suggested = str(Path(_last_folder(window)) / "Dang ky thi dua - tat ca don vi.xlsx")
        output = ask_save_file(window, "Lưu phiếu đăng ký", suggested, EXCEL_FILTER, ".xlsx")
    else:
        output = ask_folder(window, "Chọn thư mục lưu phiếu đăng ký", _last_folder(window))
    if output is None:
        return None
    return FormsOptions(unit_ids, one, output, dialog.return_by())


def export_forms_interactive(window: Any) -> TaskHandle | None:
    campaign_id = _campaign_or_explain(window)
    if campaign_id is None:
        return None
    try:
        options = ask_forms_options(window, campaign_id)
    except UserError as exc:
        messages.show_user_error(window, exc)
        return None
    if options is None:
        return None
    return start_forms_export(window, campaign_id, options)


def start_forms_export(window: Any, campaign_id: int, options: FormsOptions) -> TaskHandle:
    from thidua_desktop.exchange.export_forms import export_forms

    db = window.context.db
    _remember_folder(window, options.output)

    def job(progress: Progress) -> ExportResult:
        def step(done: int, total: int) -> None:
            text = f"Đang ghi tệp {min(done + 1, total)}/{total}…" if done < total else "Đã ghi xong."
            progress.update(done, total, text)

        return export_forms(
            db,
            campaign_id,
            options.output,
            unit_ids=options.unit_ids,
            one_workbook=options.one_workbook,
            return_by=options.return_by,
            progress=step,
        )

    folder = options.output.parent if options.output.suffix.lower() == ".xlsx" else options.output
    return _run(window, "Đang xuất phiếu đăng ký…", job, folder)


# --- tallies ------------------------------------------------------------------------------------------------


def ask_tally_options(window: Any, campaign_id: int) -> tuple[TallyKind, Path] | None:
    from thidua_desktop.exchange.export_tally import TALLY_LABELS, TallyKind

    dialog = QDialog(window)
    dialog.setWindowTitle("Xuất bảng tổng hợp")
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("Chọn bảng tổng hợp:"))
    group = QButtonGroup(dialog)
    buttons: dict[TallyKind, QRadioButton] = {}
    for kind, label in TALLY_LABELS.items():
        button = QRadioButton(label)
        group.addButton(button)
        layout.addWidget(button)
        buttons[kind] = button
    buttons[TallyKind.REGISTRATIONS].setChecked(True)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText("Tiếp tục…")
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    layout.addWidget(box)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    kind = next(k for k, b in buttons.items() if b.isChecked())
    suggested = str(Path(_last_folder(window)) / f"{TALLY_FILE_NAMES[kind]} - phong trao {campaign_id}.xlsx")
    path = ask_save_file(window, "Lưu bảng tổng hợp", suggested, EXCEL_FILTER, ".xlsx")
    return None if path is None else (kind, path)


def export_tally_interactive(window: Any) -> TaskHandle | None:
    campaign_id = _campaign_or_explain(window)
    if campaign_id is None:
        return None
    chosen = ask_tally_options(window, campaign_id)
    if chosen is None:
        return None
    return start_tally_export(window, campaign_id, *chosen)


def start_tally_export(window: Any, campaign_id: int, kind: TallyKind | str, path: Path) -> TaskHandle:
    from thidua_desktop.exchange.export_tally import export_tally

    db = window.context.db
    _remember_folder(window, path)

    def job(progress: Progress) -> ExportResult:
        progress.update(0, 0, "Đang đọc số liệu…")
        return export_tally(
            db,
            campaign_id,
            kind,
            path,
            progress=lambda done, total: progress.update(done, total, f"Đang ghi dòng {done}/{total}…"),
        )

    return _run(window, "Đang xuất bảng tổng hợp…", job, path.parent)


# --- running ------------------------------------------------------------------------------------------------


def _run(window: Any, title: str, job: Any, folder: Path) -> TaskHandle:
    state = _state(window)

    def done(result: ExportResult) -> None:
        state.task = None
        count = len(result.files)
        what = f"«{result.files[0].name}»" if count == 1 else f"{count} tệp"
        status = getattr(window.context, "status_message", None)
        if status is not None:
            status.emit(f"Đã xuất {what} vào {folder}.")
        show_done(window, f"Đã xuất {what} ({result.rows} dòng dữ liệu) vào thư mục:\n{folder}", folder)

    def failed(exc: BaseException, _trace: str) -> None:
        state.task = None
        messages.show_export_failure(window, exc, "Excel", "Không xuất được tệp", str(folder))

    def cancelled() -> None:
        state.task = None
        status = getattr(window.context, "status_message", None)
        if status is not None:
            status.emit("Đã hủy xuất tệp; không có tệp dở dang nào được ghi.")

    state.task = run_task(window, title, job, on_done=done, on_error=failed, on_cancel=cancelled)
    return state.task


def show_done(window: Any, text: str, folder: Path) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, "Đã xuất tệp", text, parent=window)
    open_button = box.addButton("Mở thư mục", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
