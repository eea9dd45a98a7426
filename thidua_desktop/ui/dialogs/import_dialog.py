"""Nhập từ Excel: choose a file, see what every row would do, then import it in one transaction.

Planning and writing run in ``ui.worker.run_task`` with a progress dialog that can cancel (cancelling the write
rolls the transaction back: nothing is written). When no header is recognised the column-mapping dialog shows the
first rows and lets the user say which column holds which field; the mapping is remembered for sheets with the same
header row. Everything here is a thin caller of ``exchange.importer``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.errors import UserError
from thidua_desktop.core.services.campaigns import list_campaigns
from thidua_desktop.core.services.units import list_units
from thidua_desktop.exchange.fields import KIND_FIELDS, SHEET_KIND_LABELS, SheetKind
from thidua_desktop.exchange.header_detect import field_score, header_key, header_signature
from thidua_desktop.exchange.importer import (
    ImportPlan,
    ImportResult,
    PlanRow,
    RowStatus,
    SheetMapping,
    UnrecognisedSheet,
    apply_import,
    export_errors,
    plan_import,
    rejected_plan,
    save_mapping,
)
from thidua_desktop.exchange.sheet_reader import column_letter
from thidua_desktop.ui.proxy import RecordFilterProxy
from thidua_desktop.ui.table_model import Column, RecordTableModel
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.worker import Progress, TaskHandle, run_task

FILE_FILTER = "Bảng tính (*.xlsx *.xlsm *.xls *.ods);;Tất cả các tệp (*)"
LAST_FOLDER_KEY = "excel_import/last_folder"
STATUS_COLOURS = {
    RowStatus.NEW: QColor("#e2f3df"),
    RowStatus.UPDATE: QColor("#dfeaf7"),
    RowStatus.WARNING: QColor("#fff2c6"),
    RowStatus.ERROR: QColor("#f8d9d9"),
}
SOURCE_LABELS = {
    "meta": "theo thông tin ẩn của tệp",
    "user": "do người dùng chọn",
    "title": "theo tiêu đề trang",
}


class PlanTableModel(RecordTableModel[PlanRow]):
    """The preview rows, coloured by status."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            colour = STATUS_COLOURS.get(self.record(index.row()).status)
            return QBrush(colour) if colour is not None else None
        return super().data(index, role)


PLAN_COLUMNS: list[Column[PlanRow]] = [
    Column("Trang", lambda r: r.sheet, 110),
    Column("Dòng", lambda r: r.row, 55, align_right=True),
    Column("Trạng thái", lambda r: r.status_label, 90),
    Column("Họ tên / nội dung", lambda r: r.subject, 220),
    Column("Đơn vị", lambda r: r.unit_name, 170),
    Column("Giá trị", lambda r: r.details, 160),
    Column("Lý do", lambda r: r.message, 420),
]


def _preview_columns(width: int) -> list[Column[list[str]]]:
    return [
        Column(column_letter(i), lambda r, i=i: r[i] if i < len(r) else "", 110) for i in range(max(width, 1))
    ]


class ColumnMappingDialog(QDialog):
    """Which column holds which field, for a sheet whose header was not recognised."""

    def __init__(
        self, sheet: UnrecognisedSheet, kind: SheetKind | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.sheet = sheet
        self.setWindowTitle(f"Ghép cột — trang «{sheet.name}»")
        self.resize(900, 640)
        self.combos: dict[int, QComboBox] = {}

        intro = QLabel(
            "Chương trình chưa nhận ra dòng tiêu đề của bảng. Hãy chọn loại trang, dòng tiêu đề và cho biết mỗi cột "
            "chứa thông tin gì (cột không cần thì để «bỏ qua»).",
            self,
        )
        intro.setWordWrap(True)

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("mappingKind")
        for each in SheetKind:
            self.kind_combo.addItem(SHEET_KIND_LABELS[each], each.value)
        if kind is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind.value))
        self.header_spin = QSpinBox(self)
        self.header_spin.setObjectName("mappingHeaderRow")
        self.header_spin.setRange(1, max(len(sheet.preview), 1))
        self.header_spin.setValue(sheet.header_row + 1)
        self.two_rows = QCheckBox("Tiêu đề gồm hai dòng", self)
        self.remember = QCheckBox("Ghi nhớ cách ghép cho các tệp có cùng dòng tiêu đề", self)
        self.remember.setChecked(True)

        form = QFormLayout()
        form.addRow("Loại trang:", self.kind_combo)
        row = QHBoxLayout()
        row.addWidget(self.header_spin)
        row.addWidget(self.two_rows)
        row.addStretch(1)
        form.addRow("Dòng tiêu đề:", row)

        self.preview_model: RecordTableModel[list[str]] = RecordTableModel(
            _preview_columns(sheet.width), self
        )
        self.preview_model.set_rows(sheet.preview)
        self.preview = QTableView(self)
        self.preview.setObjectName("mappingPreview")
        self.preview.setModel(self.preview_model)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().setDefaultSectionSize(24)
        self.preview.setMinimumHeight(220)

        self.grid_host = QWidget(self)
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)

        self.message = QLabel(self)
        self.message.setObjectName("mappingMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton("Dùng cách ghép này", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel("Các dòng đầu của trang:", self))
        layout.addWidget(self.preview, 2)
        layout.addWidget(QLabel("Cột nào chứa thông tin gì:", self))
        layout.addWidget(scroll, 2)
        layout.addWidget(self.remember)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.kind_combo.currentIndexChanged.connect(self._rebuild)
        self.header_spin.valueChanged.connect(self._rebuild)
        self.two_rows.toggled.connect(self._rebuild)
        self._rebuild()

    @property
    def kind(self) -> SheetKind:
        return SheetKind(self.kind_combo.currentData())

    def _header_texts(self) -> dict[int, str]:
        index = self.header_spin.value() - 1
        rows = self.sheet.preview
        top = rows[index] if index < len(rows) else []
        bottom = rows[index + 1] if self.two_rows.isChecked() and index + 1 < len(rows) else []
        texts: dict[int, str] = {}
        for column in range(max(self.sheet.width, len(top), len(bottom))):
            parts = [
                t
                for t in (
                    top[column] if column < len(top) else "",
                    bottom[column] if column < len(bottom) else "",
                )
                if t
            ]
            texts[column] = " / ".join(dict.fromkeys(parts))
        return texts

    def _rebuild(self) -> None:
        previous = {c: combo.currentData() for c, combo in self.combos.items()}
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = {}
        fields = KIND_FIELDS[self.kind]
        texts = self._header_texts()
        taken: set[str] = set()
        for position, (column, text) in enumerate(sorted(texts.items())):
            label = QLabel(f"Cột {column_letter(column)}" + (f" — «{text}»" if text else ""), self.grid_host)
            combo = QComboBox(self.grid_host)
            combo.setObjectName(f"mappingColumn{column}")
            combo.addItem("(bỏ qua)", "")
            for item in fields:
                combo.addItem(item.header + (" *" if item.required else ""), item.code)
            guess = previous.get(column)
            if guess is None:
                key = header_key(text)
                scored = sorted(((field_score(f, key), f.code) for f in fields), reverse=True)
                guess = scored[0][1] if scored and scored[0][0] > 0 and scored[0][1] not in taken else ""
            if guess:
                taken.add(guess)
            found = combo.findData(guess)
            combo.setCurrentIndex(found if found >= 0 else 0)
            self.grid.addWidget(label, position, 0)
            self.grid.addWidget(combo, position, 1)
            self.combos[column] = combo
        self.grid.setColumnStretch(1, 1)
        self.message.setText("")

    def columns(self) -> dict[int, str]:
        return {c: combo.currentData() for c, combo in self.combos.items() if combo.currentData()}

    def set_field(self, column: int, code: str) -> None:
        """Choose a field for a column (used by tests and keyboard users alike)."""
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(code))

    def mapping(self) -> SheetMapping:
        return SheetMapping(
            kind=self.kind.value,
            header_row=self.header_spin.value() - 1,
            columns=self.columns(),
            header_height=2 if self.two_rows.isChecked() else 1,
            sheet=self.sheet.name,
        )

    def signature(self) -> str:
        height = 2 if self.two_rows.isChecked() else 1
        return header_signature(self.sheet.preview, self.header_spin.value() - 1, height)

    def _accept(self) -> None:
        chosen = self.columns()
        codes = list(chosen.values())
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            labels = {f.code: f.header for f in KIND_FIELDS[self.kind]}
            self.message.setText(
                "Mỗi thông tin chỉ ghép với một cột: " + ", ".join(labels[c] for c in duplicates) + "."
            )
            return
        missing = [f.header for f in KIND_FIELDS[self.kind] if f.required and f.code not in codes]
        if missing:
            self.message.setText("Chưa chọn cột cho: " + ", ".join(missing) + ".")
            return
        self.accept()


class ImportDialog(QDialog):
    """Preview an import, then confirm it."""

    def __init__(
        self,
        context: Any,
        parent: QWidget | None = None,
        path: Path | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else getattr(parent, "settings", None) or QSettings()
        self.context = context
        self.db = context.db
        self.plan: ImportPlan | None = None
        self.result_data: ImportResult | None = None
        self.mapping: SheetMapping | None = None
        self.unit_choices: dict[str, str] = {}
        """Unit names as written → the unit the user chose when several fit (``plan.unit_questions``)."""
        self.task: TaskHandle | None = None
        self.setWindowTitle("Nhập từ Excel")
        self.setObjectName("importDialog")
        self.resize(1100, 680)

        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("Chọn tệp .xlsx, .xls hoặc .ods của chi bộ, đơn vị gửi lên…")
        self.browse_button = QPushButton("Chọn tệp…", self)
        self.browse_button.setObjectName("importBrowse")
        self.browse_button.clicked.connect(self.choose_file)

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("importKind")
        self.kind_combo.addItem("Tự nhận biết theo dòng tiêu đề", "")
        for each in SheetKind:
            self.kind_combo.addItem(SHEET_KIND_LABELS[each], each.value)
        self.unit_combo = QComboBox(self)
        self.unit_combo.setObjectName("importUnit")
        self.unit_combo.addItem("Theo tệp (thông tin ẩn, cột đơn vị hoặc tiêu đề)", "")
        for unit in list_units(self.db):
            self.unit_combo.addItem("    " * unit.depth + unit.name, unit.name)
        self.campaign_combo = QComboBox(self)
        self.campaign_combo.setObjectName("importCampaign")
        self.campaign_combo.addItem("Theo tệp", None)
        for campaign in list_campaigns(self.db):
            self.campaign_combo.addItem(f"{campaign.id}. {campaign.name}", campaign.id)
        current = self.campaign_combo.findData(getattr(context, "campaign_id", None))
        if current >= 0:
            self.campaign_combo.setCurrentIndex(current)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("Tệp:", file_row)
        form.addRow("Loại trang:", self.kind_combo)
        form.addRow("Đơn vị:", self.unit_combo)
        form.addRow("Phong trào:", self.campaign_combo)

        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Lọc các dòng (gõ «lỗi», «cảnh báo», tên người…)")
        self.search.setClearButtonEnabled(True)
        self.model = PlanTableModel(PLAN_COLUMNS, self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self.proxy.set_search)
        self.view = QTableView(self)
        self.view.setObjectName("importPreview")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for index, column in enumerate(PLAN_COLUMNS):
            self.view.setColumnWidth(index, column.width)

        self.mapping_button = QPushButton("Ghép cột…", self)
        self.mapping_button.setObjectName("importMapping")
        self.mapping_button.clicked.connect(self.open_mapping)
        self.errors_button = QPushButton("Xuất danh sách lỗi…", self)
        self.errors_button.setObjectName("importExportErrors")
        self.errors_button.clicked.connect(self.save_errors)
        self.import_button = QPushButton("Nhập", self)
        self.import_button.setObjectName("importConfirm")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.confirm)
        self.close_button = QPushButton("Đóng", self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mapping_button)
        buttons.addWidget(self.errors_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.kind_combo.currentIndexChanged.connect(self._options_changed)
        self.unit_combo.currentIndexChanged.connect(self._options_changed)
        self.campaign_combo.currentIndexChanged.connect(self._options_changed)
        self._update_buttons()
        if path is not None:
            self.set_path(Path(path))

    # --- choosing ---------------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        settings = self.settings
        folder = str(settings.value(LAST_FOLDER_KEY, "") or "")
        name, _filter = QFileDialog.getOpenFileName(self, "Chọn tệp cần nhập", folder, FILE_FILTER)
        if name:
            settings.setValue(LAST_FOLDER_KEY, str(Path(name).parent))
            self.set_path(Path(name))

    def set_path(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self.mapping = None
        self.unit_choices = {}
        self.start_plan()

    @property
    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def _options_changed(self) -> None:
        if self.path is not None and self.task is None:
            self.start_plan()

    # --- planning ---------------------------------------------------------------------------------------------
    def start_plan(self) -> None:
        path = self.path
        if path is None or self.task is not None:
            return
        kind = self.kind_combo.currentData() or None
        unit_name = self.unit_combo.currentData() or None
        campaign_id = self.campaign_combo.currentData()
        mapping = self.mapping
        unit_choices = dict(self.unit_choices)
        db = self.db
        self.plan = None
        self.model.set_rows([])
        self.summary.setText(f"Đang đọc «{path.name}»…")
        self._update_buttons()

        def job(progress: Progress) -> ImportPlan:
            try:
                return plan_import(
                    db,
                    path,
                    kind=kind,
                    campaign_id=campaign_id,
                    unit_name=unit_name,
                    mapping=mapping,
                    progress=progress,
                    unit_choices=unit_choices,
                )
            except UserError as error:
                return rejected_plan(path, error)

        self.task = run_task(
            self,
            f"Đang đọc và đối chiếu «{path.name}»…",
            job,
            self._planned,
            self._failed,
            self._plan_cancelled,
        )

    def _planned(self, plan: ImportPlan) -> None:
        self.task = None
        self.plan = plan
        self.model.set_rows(plan.rows)
        self.summary.setText(describe(plan))
        self._update_buttons()
        if plan.needs_mapping and self.mapping is None:
            self.open_mapping()
        elif self._ask_units(plan):
            self.start_plan()

    def _ask_units(self, plan: ImportPlan) -> bool:
        """Ask which unit is meant for each name that fits several; whether an answer was given."""
        answered = False
        for question in plan.unit_questions:
            if question.text in self.unit_choices:
                continue
            where = ", ".join(
                part
                for part in (
                    f"trang «{question.sheet}»" if question.sheet else "",
                    f"dòng {question.row}" if question.row is not None else "",
                    f"cột {question.column}" if question.column else "",
                )
                if part
            )
            choice, accepted = QInputDialog.getItem(
                self,
                "Chọn đơn vị",
                f"«{question.text}»{f' ({where})' if where else ''} có thể là nhiều đơn vị. Đơn vị nào?",
                question.candidates,
                0,
                False,
            )
            if not accepted:
                return answered
            self.unit_choices[question.text] = choice
            answered = True
        return answered

    def _plan_cancelled(self) -> None:
        self.task = None
        self.summary.setText("Đã dừng đọc tệp.")
        self._update_buttons()

    def _failed(self, error: BaseException, _trace: str) -> None:
        self.task = None
        self._update_buttons()
        if isinstance(error, UserError):
            messages.show_user_error(self, error)
        else:
            messages.show_error(self, f"Lỗi không mong đợi: {error}")

    def open_mapping(self) -> None:
        plan = self.plan
        if plan is None or not plan.unrecognised:
            messages.show_info(self, "Các trang của tệp đã được nhận ra, không cần ghép cột.")
            return
        kind = self.kind_combo.currentData() or None
        dialog = ColumnMappingDialog(plan.unrecognised[0], SheetKind(kind) if kind else None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.mapping = dialog.mapping()
        if dialog.remember.isChecked():
            try:
                save_mapping(self.db, dialog.signature(), self.mapping)
            except UserError as error:
                messages.show_user_error(self, error)
        self.start_plan()

    # --- confirming -------------------------------------------------------------------------------------------
    def confirm(self) -> None:
        plan = self.plan
        if plan is None or plan.has_errors or self.task is not None:
            return
        db = self.db
        self._update_buttons(busy=True)

        def job(progress: Progress) -> ImportResult:
            return apply_import(db, plan, progress)

        self.task = run_task(
            self,
            f"Đang nhập «{plan.file_name}»…",
            job,
            self._imported,
            self._apply_failed,
            self._apply_cancelled,
        )

    def _imported(self, result: ImportResult) -> None:
        self.task = None
        self.result_data = result
        notify = getattr(self.context, "notify_changed", None)
        if notify is not None:
            notify("*")
        text = (
            f"Đã nhập «{Path(result.file).name}»: {result.created} dòng mới, {result.updated} dòng cập nhật, "
            f"{result.unchanged} dòng không đổi"
            + (f", {len(result.warnings)} cảnh báo." if result.warnings else ".")
        )
        status = getattr(self.context, "status_message", None)
        if status is not None:
            status.emit(text)
        self.summary.setText(text)
        self.accept()

    def _apply_cancelled(self) -> None:
        self.task = None
        self.summary.setText("Đã hủy: chưa nhập gì vào cơ sở dữ liệu.")
        self._update_buttons()

    def _apply_failed(self, error: BaseException, trace: str) -> None:
        self._failed(error, trace)
        if isinstance(error, UserError) and "xem trước lại" in error.message:
            self.start_plan()

    def save_errors(self) -> None:
        plan = self.plan
        if plan is None:
            return
        suggested = str((self.path or Path(".")).with_name(f"Loi - {Path(plan.file_name).stem}.xlsx"))
        name, _filter = QFileDialog.getSaveFileName(self, "Lưu danh sách lỗi", suggested, "Excel (*.xlsx)")
        if not name:
            return
        target = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        try:
            export_errors(plan, target)
        except OSError as error:
            messages.show_error(self, f"Không ghi được tệp «{target}»: {error.strerror or error}")
            return
        messages.show_info(self, f"Đã lưu danh sách lỗi vào «{target}».")

    def _update_buttons(self, busy: bool = False) -> None:
        plan = self.plan
        busy = busy or self.task is not None
        self.import_button.setEnabled(
            bool(plan is not None and not plan.has_errors and plan.rows and not busy)
        )
        self.errors_button.setEnabled(bool(plan is not None and (plan.errors or plan.warnings) and not busy))
        self.mapping_button.setEnabled(bool(plan is not None and plan.unrecognised and not busy))
        self.browse_button.setEnabled(not busy)
        if plan is not None and plan.has_errors:
            self.import_button.setToolTip("Tệp còn lỗi: sửa tệp rồi chọn lại (có thể xuất danh sách lỗi).")
        else:
            self.import_button.setToolTip("Ghi tất cả các dòng vào cơ sở dữ liệu trong một lần.")

    def reject(self) -> None:
        if self.task is not None:
            self.task.progress.cancel()
        super().reject()


def describe(plan: ImportPlan) -> str:
    """A plain-language summary of a plan for the dialog."""
    lines = []
    if plan.sheets:
        for sheet in plan.sheets:
            unit = (
                f", đơn vị «{sheet.unit_name}» ({SOURCE_LABELS.get(sheet.unit_source, '')})"
                if sheet.unit_name
                else ""
            )
            lines.append(f"Trang «{sheet.name}»: {sheet.kind_label.lower()}, {sheet.rows_read} dòng{unit}.")
    counts = plan.status_counts()
    if plan.rows:
        lines.append(
            f"Tổng {plan.rows_read} dòng: {counts['new']} mới, {counts['update']} cập nhật, "
            f"{counts['unchanged']} không đổi, {counts['warning']} cảnh báo, {counts['error']} lỗi."
        )
    for issue in plan.issues:
        prefix = "Lỗi" if issue.level == "error" else "Lưu ý"
        lines.append(f"{prefix}{' (' + issue.where + ')' if issue.where else ''}: {issue.message}")
    if plan.has_errors:
        lines.append("Chưa thể nhập: hãy sửa các lỗi trong tệp (có thể xuất danh sách lỗi) rồi chọn lại tệp.")
    elif plan.rows:
        lines.append(
            "Bấm «Nhập» để ghi tất cả vào cơ sở dữ liệu (một lần, có thể hoàn tác bằng bản sao lưu)."
        )
    return "\n".join(lines)
