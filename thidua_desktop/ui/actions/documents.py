"""Menu «Văn bản»: «Xuất văn bản…», «Xuất hồ sơ đề nghị khen thưởng…», «Mở thư mục biểu mẫu» and «Dùng lại biểu
mẫu gốc…». Thin callers of ``exchange.documents``; the work runs in ``ui.worker.run_task`` with a cancellable
progress dialog, and nothing half-written is left when it fails or is cancelled."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.enums import Authority, ProposalStatus
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.services.batches import list_batches
from thidua_desktop.core.services.campaigns import get_campaign
from thidua_desktop.core.services.persons import list_persons
from thidua_desktop.core.services.pledges import list_pledges
from thidua_desktop.core.services.proposals import list_proposals
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.services.units import list_units
from thidua_desktop.core.storage import atomic
from thidua_desktop.core.text import name_sort_key, vietnamese_key
from thidua_desktop.exchange.documents.template_specs import KIND_TITLES, KINDS, SPECS, shipped_forms_dir
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.date_field import OptionalDateEdit, accept_with_date
from thidua_desktop.ui.widgets.file_choice import ask_folder, ask_save_file
from thidua_desktop.ui.worker import Progress, TaskHandle, run_task

if TYPE_CHECKING:
    from thidua_desktop.exchange.documents.dossier import DossierResult
    from thidua_desktop.exchange.documents.generate import DocumentRequest

# The exchange modules (docxtpl, openpyxl: about half a second) are imported when a document is made, not when
# the window opens.

MENU_TITLE = "&Văn bản"
DOCUMENT_ACTION = "Xuất văn bản…"
DOSSIER_ACTION = "Xuất hồ sơ đề nghị khen thưởng…"
MINUTES_ACTION = "Ghi biên bản họp xét khen thưởng…"
FORMS_ACTION = "Mở thư mục biểu mẫu"
RESET_ACTION = "Dùng lại biểu mẫu gốc…"
LAST_FOLDER_KEY = "documents/last_folder"
BATCH_KINDS = ("to-trinh", "danh-sach", "bien-ban", "quyet-dinh")
SUBJECT_KINDS = ("bao-cao-thanh-tich", "cam-ket")
PHASE_KINDS = ("bao-cao-so-ket",)


@dataclass
class _State:
    task: TaskHandle | None = None
    actions: dict[str, QAction] = field(default_factory=dict)
    menu: QMenu | None = None


def _state(window: Any) -> _State:
    state = getattr(window, "_documents_state", None)
    if state is None:
        state = _State()
        window._documents_state = state
    return state


def install(window: Any) -> None:
    """A «Văn bản» menu before «Trợ giúp» (or at the end of the menu bar)."""
    bar = window.menuBar()
    menu = QMenu(MENU_TITLE, window)
    menu.setObjectName("menu_documents")
    help_menu = window.menus.get("help")
    if help_menu is not None:
        bar.insertMenu(help_menu.menuAction(), menu)
    else:
        bar.addMenu(menu)
    window.menus["documents"] = menu
    state = _state(window)
    state.menu = menu
    entries = (
        (
            "document",
            DOCUMENT_ACTION,
            "Ctrl+Shift+W",
            "Tờ trình, danh sách, báo cáo thành tích, biên bản, quyết định, "
            "bản cam kết, báo cáo sơ kết, tổng kết",
            lambda: export_document_interactive(window),
        ),
        (
            "dossier",
            DOSSIER_ACTION,
            "",
            "Hồ sơ gửi cấp khen: văn bản Word, danh sách Excel, minh chứng và danh mục kiểm tra (SHA-256)",
            lambda: export_dossier_interactive(window),
        ),
        (
            "minutes",
            MINUTES_ACTION,
            "",
            "Giờ họp, địa điểm, chủ trì, thư ký và thành viên vắng mặt của cuộc họp xét một đợt trình (biên bản ghi "
            "theo đó)",
            lambda: record_minutes_interactive(window),
        ),
        (
            "forms",
            FORMS_ACTION,
            "",
            "Mở thư mục chứa các biểu mẫu Word để sửa (bản sửa được dùng thay bản gốc)",
            lambda: open_forms_folder(window),
        ),
        (
            "reset",
            RESET_ACTION,
            "",
            "Cất các biểu mẫu đã sửa sang thư mục riêng và dùng lại bản gốc",
            lambda: reset_forms_interactive(window),
        ),
    )
    for key, text, shortcut, tip, slot in entries:
        if key == "forms":
            menu.addSeparator()
        action = QAction(text, window)
        action.setObjectName(f"action_documents_{key}")
        if shortcut:
            action.setShortcut(shortcut)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        menu.addAction(action)
        state.actions[key] = action


# --- choices ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BatchChoice:
    label: str
    spec: str


def batch_choices(db: Any, campaign_id: int) -> list[BatchChoice]:
    """The batches of the Đợt trình tab (their papers come from their items, statuses and votes), then, for
    proposals in no batch yet, drafts grouped by phase and authority (``C:P:AUTHORITY``: papers say "DỰ THẢO")."""
    settings = load_settings(db)
    campaign = get_campaign(db, campaign_id)
    choices = [
        BatchChoice(
            f"{b.name} – {b.status_label.lower()} ({b.item_count - b.rejected_count} đối tượng)", str(b.id)
        )
        for b in list_batches(db, campaign_id)
        if b.id is not None and b.item_count
    ]
    proposals = [
        p
        for p in list_proposals(db, campaign_id)
        if p.status != ProposalStatus.REJECTED and p.batch_id is None
    ]
    for phase in [*campaign.phases, None]:
        number = phase.number if phase else None
        for authority in Authority:
            chosen = [p for p in proposals if p.authority == authority.value and p.phase_number == number]
            if not chosen:
                continue
            where = f"Giai đoạn {number}" if number is not None else "Không thuộc giai đoạn nào"
            label = (
                f"Dự thảo, chưa vào đợt trình: {where.lower() if number else where} – "
                f"{settings.authority_name(authority.value)} ({len(chosen)} đề nghị)"
            )
            choices.append(BatchChoice(label, f"{campaign_id}:{number or ''}:{authority.value}"))
    return choices


def subject_choices(db: Any, campaign_id: int) -> list[tuple[str, str, int]]:
    """(label, "unit" | "person", id) of those who pledged or are proposed in the campaign."""
    wanted = {(p.subject_type, p.subject_id) for p in list_pledges(db, campaign_id)}
    wanted |= {(p.subject_type, p.subject_id) for p in list_proposals(db, campaign_id)}
    units = [u for u in list_units(db) if ("unit", u.id) in wanted]
    people = [p for p in list_persons(db) if ("person", p.id) in wanted]
    found = [
        (f"Tập thể: {u.name}", "unit", u.id or 0) for u in sorted(units, key=lambda u: vietnamese_key(u.name))
    ]
    found += [
        (f"Cá nhân: {p.full_name}" + (f" ({p.unit_name})" if p.unit_name else ""), "person", p.id or 0)
        for p in sorted(people, key=lambda p: name_sort_key(p.full_name))
    ]
    return found


def _settings(window: Any) -> QSettings:
    found = getattr(window, "settings", None)
    return found if isinstance(found, QSettings) else QSettings()


def _last_folder(window: Any) -> str:
    return str(_settings(window).value(LAST_FOLDER_KEY, str(Path.home())))


def _remember_folder(window: Any, path: Path) -> None:
    _settings(window).setValue(LAST_FOLDER_KEY, str(path if path.is_dir() else path.parent))


class DocumentDialog(QDialog):
    """Which document, for which batch, collective or person, phase and date."""

    def __init__(self, parent: QWidget | None, db: Any, campaign_id: int) -> None:
        super().__init__(parent)
        self.campaign_id = campaign_id
        self.setWindowTitle("Xuất văn bản")
        self.resize(640, 300)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(KIND_TITLES[kind], kind)
        form.addRow("Loại văn bản:", self.kind)
        self.batch = QComboBox()
        self.batch.addItem("Tất cả đợt trình (mỗi đợt một văn bản)", None)
        for choice in batch_choices(db, campaign_id):
            self.batch.addItem(choice.label, choice.spec)
        form.addRow("Đợt trình:", self.batch)
        self.subject = QComboBox()
        self.subject.addItem("Tất cả (mỗi tập thể, cá nhân một văn bản)", None)
        for label, kind, subject_id in subject_choices(db, campaign_id):
            self.subject.addItem(label, (kind, subject_id))
        form.addRow("Tập thể, cá nhân:", self.subject)
        self.phase = QComboBox()
        self.phase.addItem("Giai đoạn sơ kết đầu tiên", None)
        for phase in get_campaign(db, campaign_id).phases:
            self.phase.addItem(phase.label, phase.number)
        form.addRow("Giai đoạn:", self.phase)
        self.on = OptionalDateEdit()
        self.on.set_value(date.today())
        form.addRow("Ngày ghi trên văn bản:", self.on)
        layout.addLayout(form)
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Tiếp tục…")
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        box.accepted.connect(lambda: accept_with_date(self, self.on))
        box.rejected.connect(self.reject)
        self.buttons = box
        layout.addWidget(box)
        self.kind.currentIndexChanged.connect(self._update)
        self.batch.currentIndexChanged.connect(self._update)
        self.subject.currentIndexChanged.connect(self._update)
        self._update()

    def selected_kind(self) -> str:
        return str(self.kind.currentData())

    def _update(self) -> None:
        kind = self.selected_kind()
        self.batch.setEnabled(kind in BATCH_KINDS or kind == "bao-cao-thanh-tich")
        self.subject.setEnabled(kind in SUBJECT_KINDS)
        self.phase.setEnabled(kind in PHASE_KINDS)
        hints = {
            "quyet-dinh": "Quyết định chỉ lập cho các đề nghị thuộc thẩm quyền của phường.",
            "cam-ket": "Không chọn tập thể: lập bản cam kết cho mọi tập thể đã đăng ký thi đua.",
            "bao-cao-thanh-tich": "Không chọn tập thể, cá nhân: lập báo cáo cho mọi người được đề nghị.",
            "bao-cao-tong-ket": "Báo cáo tổng kết toàn đợt thi đua.",
        }
        self.hint.setText(hints.get(kind, ""))

    def single_file(self) -> bool:
        """Whether the request gives exactly one document (then a file is asked for, else a folder)."""
        kind = self.selected_kind()
        if kind in ("bao-cao-so-ket", "bao-cao-tong-ket"):
            return True
        if kind in SUBJECT_KINDS:
            return self.subject.currentData() is not None
        return self.batch.currentData() is not None

    def request(self) -> DocumentRequest:
        from thidua_desktop.exchange.documents.generate import DocumentRequest

        kind = self.selected_kind()
        subject = self.subject.currentData() if kind in SUBJECT_KINDS else None
        return DocumentRequest(
            kind=kind,
            campaign_id=self.campaign_id,
            batch=self.batch.currentData() if self.batch.isEnabled() else None,
            unit_id=subject[1] if subject and subject[0] == "unit" else None,
            person_id=subject[1] if subject and subject[0] == "person" else None,
            phase=self.phase.currentData() if kind in PHASE_KINDS else None,
            on=self.on.value() or date.today(),
        )


class DossierDialog(QDialog):
    """Which batch, the date, and zip or folder."""

    def __init__(self, parent: QWidget | None, choices: list[BatchChoice]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Xuất hồ sơ đề nghị khen thưởng")
        self.resize(620, 220)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "Hồ sơ gồm tờ trình, danh sách (Word và Excel), biên bản, báo cáo thành tích, quyết định (khi "
                "thuộc thẩm quyền của phường), bản sao minh chứng và danh mục tệp kèm mã kiểm tra SHA-256."
            )
        )
        layout.itemAt(0).widget().setWordWrap(True)  # type: ignore[union-attr]
        form = QFormLayout()
        self.batch = QComboBox()
        for choice in choices:
            self.batch.addItem(choice.label, choice.spec)
        form.addRow("Đợt trình:", self.batch)
        self.on = OptionalDateEdit()
        self.on.set_value(date.today())
        form.addRow("Ngày ghi trên văn bản:", self.on)
        self.as_zip = QRadioButton("Một tệp nén .zip (để gửi qua thư điện tử)")
        self.as_folder = QRadioButton("Một thư mục mới")
        self.as_zip.setChecked(True)
        form.addRow("Lưu thành:", self.as_zip)
        form.addRow("", self.as_folder)
        layout.addLayout(form)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("Tiếp tục…")
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        box.accepted.connect(lambda: accept_with_date(self, self.on))
        box.rejected.connect(self.reject)
        self.buttons = box
        layout.addWidget(box)

    def batch_spec(self) -> str:
        return str(self.batch.currentData())

    def on_date(self) -> date:
        return self.on.value() or date.today()


def _campaign_or_explain(window: Any) -> int | None:
    campaign_id = window.context.campaign_id
    if campaign_id is None:
        messages.show_error(window, "Hãy chọn phong trào thi đua trước khi lập văn bản.")
    return campaign_id  # type: ignore[no-any-return]


# --- documents ------------------------------------------------------------------------------------------------


def export_document_interactive(window: Any) -> TaskHandle | None:
    campaign_id = _campaign_or_explain(window)
    if campaign_id is None:
        return None
    db = window.context.db
    try:
        dialog = DocumentDialog(window, db, campaign_id)
    except UserError as exc:
        messages.show_user_error(window, exc)
        return None
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    request = dialog.request()
    if dialog.single_file():
        suggested = str(Path(_last_folder(window)) / f"{request.kind}.docx")
        output = ask_save_file(window, "Lưu văn bản", suggested, "Văn bản Word (*.docx)", ".docx")
    else:
        output = ask_folder(window, "Chọn thư mục lưu các văn bản", _last_folder(window))
    if output is None:
        return None
    return start_document_export(window, request, output)


def start_document_export(window: Any, request: DocumentRequest, output: Path) -> TaskHandle:
    """Render in the worker, then (in the window) list what the papers leave blank and write them only if the
    user goes on: nothing is written before that, nor after a refusal."""
    from thidua_desktop.exchange.documents.generate import render_documents, unknown_fields, write_documents

    db = window.context.db
    _remember_folder(window, output)

    def job(progress: Progress) -> Any:
        progress.update(0, 0, "Đang đọc số liệu…")
        return render_documents(db, request, progress=progress.update)

    def done(rendered: Any) -> None:
        if not confirm_blanks(window, unknown_fields(rendered)):
            _status(window, "Chưa ghi văn bản nào: hãy bổ sung các thông tin còn thiếu.")
            return
        try:
            paths = write_documents(rendered, output)
        except UserError as exc:
            messages.show_user_error(window, exc)
            return
        folder = paths[0].parent if paths else output
        what = f"«{paths[0].name}»" if len(paths) == 1 else f"{len(paths)} văn bản"
        _status(window, f"Đã lập {what} vào {folder}.")
        show_done(
            window, f"Đã lập {what} vào thư mục:\n{folder}", folder, paths[0] if len(paths) == 1 else None
        )

    return _run(window, f"Đang lập {KIND_TITLES[request.kind].lower()}…", job, done)


# --- dossier --------------------------------------------------------------------------------------------------


def export_dossier_interactive(window: Any) -> TaskHandle | None:
    from thidua_desktop.exchange.documents.generate import slug

    campaign_id = _campaign_or_explain(window)
    if campaign_id is None:
        return None
    choices = batch_choices(window.context.db, campaign_id)
    if not choices:
        messages.show_error(window, "Phong trào chưa có đề nghị khen thưởng nào để lập hồ sơ.")
        return None
    dialog = DossierDialog(window, choices)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    name = f"Ho so de nghi khen thuong - {slug(dialog.batch.currentText(), 50)}"
    if dialog.as_zip.isChecked():
        suggested = str(Path(_last_folder(window)) / f"{name}.zip")
        output = ask_save_file(window, "Lưu hồ sơ", suggested, "Tệp nén (*.zip)", ".zip")
    else:
        folder = ask_folder(window, "Chọn nơi tạo thư mục hồ sơ", _last_folder(window))
        output = folder / name if folder is not None else None
    if output is None:
        return None
    return start_dossier_export(window, dialog.batch_spec(), output, dialog.on_date())


def start_dossier_export(window: Any, batch: str, output: Path, on: date | None = None) -> TaskHandle | None:
    from thidua_desktop.exchange.documents.dossier import build_dossier
    from thidua_desktop.exchange.documents.generate import DocumentRequest, render_documents, unknown_fields

    db = window.context.db
    try:
        minutes = render_documents(db, DocumentRequest("bien-ban", batch=batch, on=on))
    except UserError as exc:
        handle_failure(window, exc)
        return None
    if not confirm_blanks(window, unknown_fields(minutes)):
        _status(window, "Chưa lập hồ sơ: hãy bổ sung các thông tin còn thiếu.")
        return None
    _remember_folder(window, output.parent)

    def job(progress: Progress) -> DossierResult:
        progress.update(0, 0, "Đang đọc số liệu…")
        return build_dossier(db, batch, output, progress=progress.update, on=on)

    def done(result: DossierResult) -> None:
        _status(window, f"Đã lập hồ sơ «{result.path.name}».")
        text = (
            f"Đã lập hồ sơ đề nghị khen thưởng:\n{result.path}\n\n{result.documents} văn bản, "
            f"{result.evidence_files} tệp minh chứng; danh mục tệp kèm mã SHA-256 trong manifest.csv."
        )
        show_done(window, text, result.path.parent, None)

    return _run(window, "Đang lập hồ sơ đề nghị khen thưởng…", job, done)


# --- minutes --------------------------------------------------------------------------------------------------


class MinutesDialog(QDialog):
    """The meeting as held: times, place, chair, secretary and, by name, the members absent (members are the
    settings' council or Ban Thường vụ)."""

    def __init__(self, parent: QWidget | None, db: Any, batches: list[Any]) -> None:
        super().__init__(parent)
        self.db = db
        self.batches = batches
        self.setWindowTitle("Biên bản họp xét khen thưởng")
        self.resize(620, 420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.batch = QComboBox()
        for record in batches:
            self.batch.addItem(f"{record.name} – {record.status_label.lower()}", record.id)
        form.addRow("Đợt trình:", self.batch)
        self.start = QLineEdit()
        self.start.setPlaceholderText("08:00")
        self.end = QLineEdit()
        self.end.setPlaceholderText("10:30")
        self.place = QLineEdit()
        self.chair = QLineEdit()
        self.secretary = QLineEdit()
        form.addRow("Giờ bắt đầu:", self.start)
        form.addRow("Giờ kết thúc:", self.end)
        form.addRow("Địa điểm:", self.place)
        form.addRow("Chủ trì:", self.chair)
        form.addRow("Thư ký:", self.secretary)
        layout.addLayout(form)
        layout.addWidget(QLabel("Thành viên vắng mặt (đánh dấu):"))
        self.absent = QListWidget()
        layout.addWidget(self.absent)
        self.error_label = QLabel("")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        self.buttons = box
        layout.addWidget(box)
        self.batch.currentIndexChanged.connect(self._load)
        self._load()

    def _current(self) -> Any:
        return self.batches[self.batch.currentIndex()] if self.batches else None

    def _load(self) -> None:
        from thidua_desktop.core.settings_schema import members_of

        record = self._current()
        if record is None:
            return
        settings = load_settings(self.db)
        party = record.side == "party"
        members = members_of(settings.standing_members if party else settings.council_members)
        self.start.setText(record.meeting_start)
        self.end.setText(record.meeting_end)
        self.place.setText(record.meeting_place)
        self.chair.setText(
            record.meeting_chair or (settings.signatory_name if party else settings.state_signatory_name)
        )
        self.secretary.setText(record.meeting_secretary)
        self.absent.clear()
        names = {n.casefold() for n in record.absent_members}
        for member in members:
            item = QListWidgetItem(f"{member.name} - {member.title}" if member.title else member.name)
            item.setData(Qt.ItemDataRole.UserRole, member.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if member.name.casefold() in names else Qt.CheckState.Unchecked
            )
            self.absent.addItem(item)
        if not members:
            setting = "standing_members" if party else "council_members"
            self.error_label.setText(
                f"Chưa có danh sách thành viên trong Thiết lập cơ quan («{setting_label(setting)}»): biên bản sẽ "
                "không ghi được tên người có mặt, vắng mặt."
            )

    def absent_names(self) -> list[str]:
        return [
            str(self.absent.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.absent.count())
            if self.absent.item(i).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        from thidua_desktop.core.services.batches import MeetingMinutes, save_minutes

        record = self._current()
        if record is None:
            self.reject()
            return
        minutes = MeetingMinutes(
            self.start.text(),
            self.end.text(),
            self.place.text(),
            self.chair.text(),
            self.secretary.text(),
            self.absent_names(),
        )
        try:
            save_minutes(self.db, record.id, minutes)
        except UserError as exc:
            self.error_label.setText(exc.message)
            return
        self.accept()


def setting_label(key: str) -> str:
    from thidua_desktop.core.settings_schema import SETTING_LABELS

    return SETTING_LABELS.get(key, key)


def record_minutes_interactive(window: Any) -> bool:
    campaign_id = _campaign_or_explain(window)
    if campaign_id is None:
        return False
    db = window.context.db
    found = [b for b in list_batches(db, campaign_id) if b.id is not None]
    if not found:
        messages.show_error(window, "Phong trào chưa có đợt trình nào: lập đợt trình ở thẻ Đợt trình trước.")
        return False
    dialog = MinutesDialog(window, db, found)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    _status(window, "Đã ghi biên bản họp của đợt trình.")
    window.context.data_changed.emit("batches")
    return True


# --- templates ------------------------------------------------------------------------------------------------


def user_forms_dir(window: Any) -> Path:
    return Path(window.context.db.paths.forms)


def ensure_user_forms(folder: Path) -> list[Path]:
    """Create the folder and copy the shipped templates that are not there yet; returns the copies made."""
    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for spec in SPECS:
        target = folder / spec.file
        source = shipped_forms_dir() / spec.file
        if not target.exists() and source.exists():
            with atomic.atomic_path(target) as temporary:
                shutil.copyfile(source, temporary)
            copied.append(target)
    readme = folder / "DOC-TRUOC-KHI-SUA.txt"
    if not readme.exists():
        atomic.write_text(readme, FORMS_README)
    return copied


FORMS_README = """Thư mục biểu mẫu của Thi đua Desktop

Các tệp .docx ở đây là biểu mẫu văn bản. Chương trình dùng tệp trong thư mục này thay cho bản gốc cài kèm chương
trình, nên có thể mở bằng Word để sửa câu chữ, căn lề, phông chữ.

- Giữ nguyên các trường trong ngoặc nhọn kép, ví dụ {{ campaign.name }}, {{ header.place_date }}; các dòng
  {%p ... %} và {%tr ... %} là lệnh lặp, điều kiện (giữ nguyên cả dòng).
- Nếu gõ sai tên trường, chương trình báo lỗi nêu tên biểu mẫu và tên trường, không lập văn bản hỏng.
- Muốn dùng lại bản gốc: xóa tệp ở đây, hoặc chọn Văn bản → Dùng lại biểu mẫu gốc.
"""


def open_forms_folder(window: Any) -> Path:
    folder = user_forms_dir(window)
    try:
        copied = ensure_user_forms(folder)
    except OSError as exc:
        messages.show_error(window, f"Không tạo được thư mục biểu mẫu «{folder}»: {exc.strerror or exc}.")
        return folder
    except UserError as exc:
        messages.show_user_error(window, exc)
        return folder
    if copied:
        _status(window, f"Đã chép {len(copied)} biểu mẫu gốc vào {folder} để sửa.")
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    return folder


def reset_forms(folder: Path, now: datetime | None = None) -> Path | None:
    """Move the user's templates into a dated sub-folder (kept, not deleted); the shipped ones apply again."""
    files = [folder / spec.file for spec in SPECS if (folder / spec.file).exists()]
    if not files:
        return None
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    keep = folder / f"da-thay-the-{stamp}"
    keep.mkdir(parents=True, exist_ok=True)
    for path in files:
        path.replace(keep / path.name)
    return keep


def reset_forms_interactive(window: Any) -> Path | None:
    folder = user_forms_dir(window)
    if not messages.confirm(
        window,
        "Dùng lại biểu mẫu gốc",
        "Các biểu mẫu đã sửa sẽ được cất sang một thư mục con (không xóa) và chương trình dùng lại bản gốc. "
        "Tiếp tục?",
    ):
        return None
    keep = reset_forms(folder)
    _status(window, f"Đã cất biểu mẫu đã sửa vào {keep}." if keep else "Không có biểu mẫu nào đã sửa.")
    return keep


# --- running --------------------------------------------------------------------------------------------------


def _status(window: Any, text: str) -> None:
    status = getattr(window.context, "status_message", None)
    if status is not None:
        status.emit(text)


def _run(window: Any, title: str, job: Any, done: Any) -> TaskHandle:
    state = _state(window)

    def finished(result: Any) -> None:
        state.task = None
        done(result)

    def failed(exc: BaseException, _trace: str) -> None:
        state.task = None
        handle_failure(window, exc)

    def cancelled() -> None:
        state.task = None
        _status(window, "Đã hủy; không có tệp dở dang nào được ghi.")

    state.task = run_task(window, title, job, on_done=finished, on_error=failed, on_cancel=cancelled)
    return state.task


BLANKS_INTRO = (
    "Các thông tin sau chưa được ghi nhận nên văn bản sẽ để trống (dòng chấm) cho văn phòng điền tay. Có thể bổ "
    "sung trong thẻ Đợt trình (biên bản họp) hoặc Tệp → Thiết lập cơ quan (thành viên, người ký) rồi lập lại."
)


def confirm_blanks(window: Any, blanks: list[str]) -> bool:
    """Whether to go on although the papers leave ``blanks`` (always, when there are none)."""
    if not blanks:
        return True
    lines = "\n".join(f"• {b}" for b in blanks)
    return bool(
        messages.confirm(window, "Văn bản còn để trống", f"{BLANKS_INTRO}\n\n{lines}\n\nVẫn lập văn bản?")
    )


def handle_failure(window: Any, exc: BaseException) -> None:
    """A missing signer offers to open the settings; anything else is shown as an export failure."""
    from thidua_desktop.exchange.documents.builders import MissingSettingError

    if isinstance(exc, MissingSettingError):
        if messages.confirm(window, "Thiếu tên người ký", f"{exc.message}\n\nMở Thiết lập cơ quan ngay?"):
            open_settings(window)
        return
    messages.show_export_failure(window, exc, "Word", "Không lập được văn bản")


def open_settings(window: Any) -> None:
    from thidua_desktop.ui.dialogs.settings_dialog import SettingsDialog

    SettingsDialog(window.context.db, window).exec()


def show_done(window: Any, text: str, folder: Path, file: Path | None) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, "Đã lập văn bản", text, parent=window)
    open_file = box.addButton("Mở văn bản", QMessageBox.ButtonRole.ActionRole) if file else None
    open_folder = box.addButton("Mở thư mục", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if file is not None and box.clickedButton() is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(file)))
    elif box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
