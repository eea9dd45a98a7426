"""Tab «Minh chứng»: the results proving the campaign's targets, their verification and attached files."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.enums import EvidenceStatus
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.services.evidence import (
    EvidenceFileRecord,
    EvidenceRecord,
    OpenableAttachment,
    attach_file,
    delete_evidence,
    detach_file,
    list_evidence,
    open_attachment,
    save_evidence,
)
from thidua_desktop.core.text import format_date, format_number
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs import evidence_dialog
from thidua_desktop.ui.dialogs.evidence_dialog import EvidenceDialog
from thidua_desktop.ui.dialogs.fields import amount
from thidua_desktop.ui.table_model import Column, RecordTableModel
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.campaign_tab import CampaignRecordTab, fit_columns
from thidua_desktop.ui.widgets.file_reveal import show_in_folder
from thidua_desktop.ui.worker import Progress, TaskHandle, run_task

LAST_FOLDER_KEY = "evidence/last_folder"


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{format_number(size / 1024, 1)} KB"
    return f"{format_number(size / 1024 / 1024, 1)} MB"


EVIDENCE_COLUMNS: list[Column[EvidenceRecord]] = [
    Column("Đối tượng", lambda e: e.subject_name, 220),
    Column("Chỉ tiêu", lambda e: e.target_content or "(cả đăng ký)", 260, tooltip=lambda e: e.target_content),
    Column(
        "Mức chỉ tiêu",
        lambda e: amount(e.target_value, e.unit_of_measure),
        100,
        align_right=True,
        sort_key=lambda e: e.target_value,
    ),
    Column(
        "Kết quả",
        lambda e: amount(e.achieved_value, e.unit_of_measure),
        90,
        align_right=True,
        sort_key=lambda e: e.achieved_value,
    ),
    Column("Ngày đạt", lambda e: e.achieved_date, 84),
    Column("Văn bản, số hiệu", lambda e: e.document_ref, 230, tooltip=lambda e: e.document_ref),
    Column("Trạng thái", lambda e: e.status_label, 115),
    Column(
        "Người xác minh",
        lambda e: e.verifier,
        160,
        tooltip=lambda e: (
            f"{e.verifier}, ngày {format_date(e.verified_date)}" if e.verified_date else e.verifier
        ),
    ),
    Column("Số tệp", lambda e: e.file_count or "", 60, align_right=True, sort_key=lambda e: e.file_count),
]

FILE_COLUMNS: list[Column[EvidenceFileRecord]] = [
    Column("Tên tệp", lambda f: f.original_name, 200, tooltip=lambda f: f.original_name),
    Column("Dung lượng", lambda f: file_size(f.size), 100, align_right=True, sort_key=lambda f: f.size),
]


class EvidenceTab(CampaignRecordTab[EvidenceRecord]):
    TITLE = "Minh chứng"
    ORDER = 40
    ENTITY = "evidence"
    RELOAD_ON = frozenset({"evidence", "pledges", "units", "persons", "households", "campaigns"})
    AUDIT_TABLE = "evidence"
    NOUN = "minh chứng"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.task: TaskHandle | None = None
        self.table.search.setPlaceholderText(
            "Tìm theo đối tượng, chỉ tiêu, văn bản… (gõ không dấu cũng được)"
        )
        self.status_filter = self.add_status_filter(
            EvidenceStatus.choices(), "Chỉ hiện minh chứng có trạng thái xác minh này"
        )
        header = self.table.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        # Side panel: the selected evidence, its verification and its files.
        self.details, details_scroll = self.make_details_panel()
        self.verify_button = QPushButton("Xác minh…", self)
        self.verify_button.setToolTip("Đánh dấu minh chứng đã được xác minh và ghi người xác minh")
        self.reject_button = QPushButton("Không đạt…", self)
        self.reject_button.setToolTip("Đánh dấu minh chứng không đạt (không được tính vào kết quả)")
        self.verify_button.clicked.connect(lambda: self.set_status(EvidenceStatus.VERIFIED))
        self.reject_button.clicked.connect(lambda: self.set_status(EvidenceStatus.REJECTED))
        status_row = QHBoxLayout()
        status_row.addWidget(self.verify_button)
        status_row.addWidget(self.reject_button)
        status_row.addStretch(1)
        details_box = QGroupBox("Minh chứng đã chọn", self)
        details_layout = QVBoxLayout(details_box)
        details_layout.addWidget(details_scroll, 1)
        details_layout.addLayout(status_row)

        self.files_model: RecordTableModel[EvidenceFileRecord] = RecordTableModel(FILE_COLUMNS, self)
        self.files_view = QTableView(self)
        self.files_view.setModel(self.files_model)
        self.files_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.files_view.verticalHeader().setVisible(False)
        self.files_view.verticalHeader().setDefaultSectionSize(26)
        self.files_view.setWordWrap(False)
        files_header = self.files_view.horizontalHeader()
        files_header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        fit_columns(self.files_view, FILE_COLUMNS)
        files_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.files_view.doubleClicked.connect(lambda *_: self.open_file())
        self.files_view.selectionModel().selectionChanged.connect(lambda *_: self._update_file_buttons())
        self.attach_button = QPushButton("Đính kèm tệp…", self)
        self.open_button = QPushButton("Mở tệp", self)
        self.detach_button = QPushButton("Gỡ tệp", self)
        self.attach_button.clicked.connect(self.attach_files)
        self.open_button.clicked.connect(self.open_file)
        self.detach_button.clicked.connect(self.detach_file)
        file_buttons = QHBoxLayout()
        for button in (self.attach_button, self.open_button, self.detach_button):
            file_buttons.addWidget(button)
        file_buttons.addStretch(1)
        files_box = QGroupBox("Tệp đính kèm", self)
        files_layout = QVBoxLayout(files_box)
        files_layout.addWidget(self.files_view, 1)
        files_layout.addLayout(file_buttons)

        bottom = QWidget(self)
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(details_box, 1)
        bottom_layout.addWidget(files_box, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self.reload()

    # --- CampaignRecordTab ------------------------------------------------------------------------------------------
    def columns(self) -> Sequence[Column[EvidenceRecord]]:
        return EVIDENCE_COLUMNS

    def load(self, campaign_id: int) -> list[EvidenceRecord]:
        return list_evidence(self.db, campaign_id)

    def visible(self, records: list[EvidenceRecord]) -> list[EvidenceRecord]:
        status = self.status_filter.currentData() if hasattr(self, "status_filter") else None
        return records if status is None else [r for r in records if r.status == status]

    def make_dialog(self, record: EvidenceRecord | None) -> QDialog:
        return EvidenceDialog(self.context, record, self)

    def delete(self, record: EvidenceRecord) -> None:
        assert record.id is not None
        delete_evidence(self.db, record.id)

    def describe(self, record: EvidenceRecord) -> str:
        what = f"«{record.target_content}»" if record.target_content else "đăng ký thi đua"
        return f"minh chứng của {record.subject_name} cho {what}"

    def selection_changed(self, record: EvidenceRecord | None) -> None:
        if not hasattr(self, "files_model"):
            return
        self.files_model.set_rows(record.files if record else [])
        self.verify_button.setEnabled(record is not None and record.status != EvidenceStatus.VERIFIED)
        self.reject_button.setEnabled(record is not None and record.status != EvidenceStatus.REJECTED)
        self.attach_button.setEnabled(record is not None and self.task is None)
        self._update_file_buttons()
        self.details.setText(self._details_html(record))

    # --- details ----------------------------------------------------------------------------------------------------
    @staticmethod
    def _details_html(record: EvidenceRecord | None) -> str:
        if record is None:
            return "<i>Chọn một minh chứng trong bảng để xem chi tiết, xác minh và đính kèm tệp.</i>"

        def esc(text: str) -> str:
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")

        lines = [f"<b>{esc(record.subject_name)}</b>"]
        if record.target_content:
            lines.append(esc(record.target_content))
        result = amount(record.achieved_value, record.unit_of_measure)
        goal = amount(record.target_value, record.unit_of_measure)
        if result:
            lines.append(f"Kết quả: <b>{result}</b>" + (f" / chỉ tiêu {goal}" if goal else ""))
        if record.document_ref:
            lines.append(f"Văn bản: {esc(record.document_ref)}")
        status = record.status_label
        if record.verifier:
            status += f" — {esc(record.verifier)}"
        if record.verified_date:
            status += f", ngày {format_date(record.verified_date)}"
        lines.append(f"Trạng thái: {status}")
        if record.description:
            lines.append(f"<span style='color:#555'>{esc(record.description)}</span>")
        return "<br>".join(lines)

    # --- verification -----------------------------------------------------------------------------------------------
    def set_status(self, status: EvidenceStatus) -> None:
        record = self.table.current()
        if record is None or record.id is None:
            return
        title = "Xác minh minh chứng" if status == EvidenceStatus.VERIFIED else "Minh chứng không đạt"
        default = evidence_dialog.last_verifier() or record.verifier or self.db.user_name
        name, ok = QInputDialog.getText(self, title, "Người xác minh:", QLineEdit.EchoMode.Normal, default)
        if not ok:
            return
        try:
            saved = save_evidence(
                self.db,
                dataclasses.replace(record, status=status.value, verifier=name, verified_date=date.today()),
            )
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        evidence_dialog.remember_verifier(name)
        done = (
            "Đã xác minh minh chứng." if status == EvidenceStatus.VERIFIED else "Đã ghi minh chứng không đạt."
        )
        self.announce_saved(saved.id, done)

    # --- files ------------------------------------------------------------------------------------------------------
    def current_file(self) -> EvidenceFileRecord | None:
        rows = self.files_view.selectionModel().selectedRows()
        return self.files_model.record(rows[0].row()) if rows else None

    def _update_file_buttons(self) -> None:
        has = self.current_file() is not None
        self.open_button.setEnabled(has)
        self.detach_button.setEnabled(has)

    def attach_files(self) -> None:
        record = self.table.current()
        if record is None or record.id is None or self.task is not None:
            return
        settings = evidence_dialog.app_settings()
        folder = str(settings.value(LAST_FOLDER_KEY, "") or "")
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "Chọn tệp minh chứng",
            folder,
            "Mọi tệp (*);;Tài liệu PDF (*.pdf);;Ảnh (*.jpg *.jpeg *.png);;Word, Excel (*.doc *.docx *.xls *.xlsx)",
        )
        if not paths:
            return
        settings.setValue(LAST_FOLDER_KEY, str(Path(paths[0]).parent))
        evidence_id = record.id
        db = self.db

        def job(progress: Progress) -> int:
            for number, path in enumerate(paths):
                progress.update(
                    number, len(paths), f"Đang sao chép «{Path(path).name}» ({number + 1}/{len(paths)})…"
                )
                attach_file(db, evidence_id, Path(path))
            return len(paths)

        self.attach_button.setEnabled(False)
        self.task = run_task(
            self,
            "Đang sao chép tệp đính kèm…",
            job,
            on_done=lambda count: self._attached(evidence_id, f"Đã đính kèm {count} tệp."),
            on_error=lambda exc, _tb: self._attach_failed(evidence_id, exc),
            on_cancel=lambda: self._attached(evidence_id),
        )

    def _attached(self, evidence_id: int, message: str = "") -> None:
        self.task = None
        self.announce_saved(evidence_id, message or "Đã cập nhật tệp đính kèm.")

    def _attach_failed(self, evidence_id: int, exc: BaseException) -> None:
        self._attached(evidence_id)
        if isinstance(exc, UserError):
            messages.show_user_error(self, exc)
        else:
            messages.show_error(self, f"Không đính kèm được tệp: {exc}")

    def open_file(self) -> None:
        chosen = self.current_file()
        if chosen is None:
            return
        try:
            attachment = open_attachment(self.db, chosen.id)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        if attachment.risky:
            self._offer_folder(attachment)
        elif not QDesktopServices.openUrl(QUrl.fromLocalFile(str(attachment.path))):
            messages.show_error(self, f"Không có chương trình nào mở được tệp «{chosen.original_name}».")

    def _offer_folder(self, attachment: OpenableAttachment) -> None:
        """Programs, scripts and macro documents are never opened from here: their folder is shown instead."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Không mở trực tiếp tệp này",
            f"Tệp «{attachment.original_name}» không được mở trực tiếp: {attachment.why}, có thể chứa mã độc.\n\n"
            f"Tệp được lưu ở «{attachment.path}». Có thể mở thư mục chứa tệp để kiểm tra bằng phần mềm diệt virus "
            "hoặc mở bằng chương trình thích hợp.",
            parent=self,
        )
        folder = box.addButton("Mở thư mục chứa tệp", QMessageBox.ButtonRole.ActionRole)
        box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is folder:
            show_in_folder(attachment.path)

    def detach_file(self) -> None:
        record = self.table.current()
        chosen = self.current_file()
        if record is None or chosen is None:
            return
        question = f"Gỡ tệp «{chosen.original_name}» khỏi minh chứng này?"
        if not messages.confirm(self, "Gỡ tệp đính kèm", question):
            return
        try:
            detach_file(self.db, chosen.id)
        except UserError as exc:
            messages.show_user_error(self, exc)
            return
        self.announce_saved(record.id, f"Đã gỡ tệp «{chosen.original_name}».")


TAB = EvidenceTab
