"""Tab «Minh chứng»: add, edit, filter, delete, verify and attach files through the widgets."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from dialog_driving import drive_and_save
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget
from ui_typing import refuse_modal_dialogs, type_text

from thidua_desktop.core.errors import NotFoundError, UserError
from thidua_desktop.core.services.evidence import EvidenceRecord, get_evidence, list_evidence
from thidua_desktop.core.services.pledges import list_pledges
from thidua_desktop.core.storage.database import Database
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.dialogs import evidence_dialog
from thidua_desktop.ui.dialogs.evidence_dialog import EvidenceDialog
from thidua_desktop.ui.tabs.evidence import TAB, EvidenceTab
from thidua_desktop.ui.widgets import messages
from thidua_desktop.ui.widgets.history_dialog import HistoryDialog

TDP3_FLAGS = "Báo cáo của Chi bộ TDP 3"  # the demo's unverified evidence of chi bộ TDP 3


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    refuse_modal_dialogs(monkeypatch)


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> QSettings:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(evidence_dialog, "app_settings", lambda: store)
    return store


@pytest.fixture
def tab(qtbot: Any, demo_db: Database, settings: QSettings) -> EvidenceTab:
    ctx = AppContext(demo_db)
    ctx.set_campaign(1)
    widget = TAB(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot: Any, button: QWidget) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def retype(qtbot: Any, widget: Any, text: str) -> None:
    widget.clear()
    type_text(qtbot, widget, text)


def by_document(db: Database, document_ref: str) -> EvidenceRecord:
    [found] = [e for e in list_evidence(db, 1) if e.document_ref == document_ref]
    return found


def test_add_edit_filter_delete_evidence(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: EvidenceTab, demo_db: Database, settings: QSettings
) -> None:
    assert tab.table.model.rowCount() == len(list_evidence(demo_db, 1)) == 16
    tdp5 = next(p for p in list_pledges(demo_db, 1) if p.subject_name == "Chi bộ Tổ dân phố 5")
    flags_target = tdp5.targets[0]

    def add(dialog: EvidenceDialog) -> None:
        line = dialog.target.lineEdit()
        type_text(qtbot, line, "to dan pho 5 treo co")
        assert dialog.target.matches() == [f"t:{flags_target.id}"]
        line.editingFinished.emit()
        assert "Chỉ tiêu: 100%" in dialog.target_info.text()
        type_text(qtbot, dialog.achieved, "95,5")
        dialog.achieved_date.set_value(date(2025, 2, 3))
        type_text(qtbot, dialog.document_ref, "Báo cáo số 07-BC/CB ngày 03/02/2025")
        type_text(qtbot, dialog.description, "Hộ dân treo cờ dịp Tết")

    drive_and_save(monkeypatch, qtbot, EvidenceDialog, add)
    click(qtbot, tab.table.add_button)

    added = by_document(demo_db, "Báo cáo số 07-BC/CB ngày 03/02/2025")
    assert (added.target_id, added.pledge_id, added.achieved_value) == (flags_target.id, tdp5.id, 95.5)
    assert (added.achieved_date, added.status, added.verifier) == (date(2025, 2, 3), "unverified", "")
    assert added.description == "Hộ dân treo cờ dịp Tết"
    assert tab.table.model.rowCount() == 17 and tab.table.current().id == added.id

    def edit(dialog: EvidenceDialog) -> None:
        assert dialog.target.value() == f"t:{flags_target.id}"
        retype(qtbot, dialog.achieved, "100")
        dialog.status.setCurrentIndex(dialog.status.findData("verified"))
        retype(qtbot, dialog.verifier, "Ủy ban Kiểm tra Đảng ủy")

    drive_and_save(monkeypatch, qtbot, EvidenceDialog, edit)
    click(qtbot, tab.table.edit_button)

    edited = get_evidence(demo_db, added.id)
    assert (edited.achieved_value, edited.status, edited.verifier) == (
        100.0,
        "verified",
        "Ủy ban Kiểm tra Đảng ủy",
    )
    assert edited.verified_date == date.today()
    assert settings.value(evidence_dialog.VERIFIER_KEY) == "Ủy ban Kiểm tra Đảng ủy"
    tdp5_after = next(p for p in list_pledges(demo_db, 1) if p.id == tdp5.id)
    assert tdp5_after.targets_met == 1

    tab.status_filter.setCurrentIndex(tab.status_filter.findData("unverified"))
    assert {e.status for e in tab.table.visible_records()} == {"unverified"}
    assert added.id not in [e.id for e in tab.table.visible_records()]
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("verified"))
    qtbot.keyClicks(tab.table.search, "chi bo to dan pho 5 kiem tra")
    assert [e.id for e in tab.table.visible_records()] == [added.id]
    tab.table.view.selectRow(0)

    monkeypatch.setattr(messages, "confirm_delete", lambda *a: True)
    click(qtbot, tab.table.delete_button)
    with pytest.raises(NotFoundError):
        get_evidence(demo_db, added.id)
    assert tab.table.visible_records() == []
    tab.table.search.clear()
    tab.status_filter.setCurrentIndex(0)
    assert tab.table.model.rowCount() == 16


def test_dialog_reports_bad_input_and_saves_nothing(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: EvidenceTab, demo_db: Database
) -> None:
    def add(dialog: EvidenceDialog) -> None:
        type_text(qtbot, dialog.achieved, "5")

    seen = drive_and_save(monkeypatch, qtbot, EvidenceDialog, add)
    click(qtbot, tab.table.add_button)
    dialog = seen[0]
    assert (
        dialog.error_label.text() == "Chưa chọn chỉ tiêu hoặc đăng ký thi đua mà minh chứng này chứng minh."
    )

    dialog.target.setCurrentIndex(0)
    retype(qtbot, dialog.achieved, "1,2,3")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.error_label.text() == "Kết quả đạt được phải là một số (ví dụ 95 hoặc 92,5)."

    retype(qtbot, dialog.achieved, "5")
    dialog.achieved_date.set_value(date.today() + timedelta(days=3))
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.error_label.text() == "Ngày đạt được không được sau ngày hôm nay."

    dialog.achieved_date.set_value(date.today())
    dialog.status.setCurrentIndex(dialog.status.findData("rejected"))
    dialog.verifier.clear()
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert "phải ghi người xác minh" in dialog.error_label.text()
    assert len(list_evidence(demo_db, 1)) == 16


def test_verify_and_reject_ask_the_verifier_and_remember_the_name(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: EvidenceTab, demo_db: Database, settings: QSettings
) -> None:
    record = by_document(demo_db, TDP3_FLAGS)
    assert record.status == "unverified"
    assert tab.table.select_id(record.id)
    assert tab.verify_button.isEnabled() and tab.reject_button.isEnabled()
    asked: list[str] = []

    def answer(name: str) -> Callable[..., tuple[str, bool]]:
        def get_text(parent: Any, title: str, label: str, echo: Any, text: str) -> tuple[str, bool]:
            asked.append(text)
            return name, True

        return get_text

    shown: list[str] = []
    tab.context.status_message.connect(shown.append)
    monkeypatch.setattr(QInputDialog, "getText", answer("Nguyễn Văn Kiểm"))
    click(qtbot, tab.verify_button)
    assert shown == ["Đã xác minh minh chứng."]
    verified = get_evidence(demo_db, record.id)
    assert (verified.status, verified.verifier, verified.verified_date) == (
        "verified",
        "Nguyễn Văn Kiểm",
        date.today(),
    )
    assert settings.value(evidence_dialog.VERIFIER_KEY) == "Nguyễn Văn Kiểm"
    assert tab.table.current().id == record.id and not tab.verify_button.isEnabled()
    assert "Đã xác minh — Nguyễn Văn Kiểm" in tab.details.text()

    monkeypatch.setattr(QInputDialog, "getText", answer("Nguyễn Văn Kiểm"))
    click(qtbot, tab.reject_button)
    assert asked[-1] == "Nguyễn Văn Kiểm"  # the last name used is offered
    assert get_evidence(demo_db, record.id).status == "rejected"

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    click(qtbot, tab.verify_button)
    assert get_evidence(demo_db, record.id).status == "rejected"  # cancelled: nothing changes

    errors: list[UserError] = []
    monkeypatch.setattr(messages, "show_user_error", lambda parent, exc: errors.append(exc))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("  ", True))
    click(qtbot, tab.verify_button)
    assert errors and "người xác minh" in errors[0].message
    assert get_evidence(demo_db, record.id).status == "rejected"


def test_attach_open_and_detach_a_file(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: EvidenceTab, demo_db: Database, tmp_path: Path
) -> None:
    source = tmp_path / "Biên bản kiểm tra.PDF"
    content = b"%PDF-1.4 minh chung " + bytes(range(256)) * 300
    source.write_bytes(content)
    second = tmp_path / "anh-hien-truong.jpg"
    second.write_bytes(b"\xff\xd8\xff anh")
    digest = hashlib.sha256(content).hexdigest()
    record = by_document(demo_db, TDP3_FLAGS)
    tab.table.select_id(record.id)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(source), str(second)], "Mọi tệp (*)")
    )
    click(qtbot, tab.attach_button)
    qtbot.waitUntil(lambda: tab.task is None and tab.files_model.rowCount() == 2, timeout=10_000)

    stored = demo_db.paths.root / "attachments" / digest[:2] / f"{digest}.pdf"
    assert stored.is_file() and stored.read_bytes() == content
    files = get_evidence(demo_db, record.id).files
    assert [(f.original_name, f.sha256, f.size) for f in files][0] == (source.name, digest, len(content))
    assert tab.table.current().file_count == 2
    assert tab.files_model.index(0, 1).data() == "75,0 KB"

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    tab.files_view.selectRow(0)
    click(qtbot, tab.open_button)
    assert [Path(u.toLocalFile()) for u in opened] == [stored]

    monkeypatch.setattr(messages, "confirm", lambda *a: True)
    click(qtbot, tab.detach_button)
    assert [f.original_name for f in get_evidence(demo_db, record.id).files] == [second.name]
    assert tab.files_model.rowCount() == 1


def test_a_failed_attachment_is_reported(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: EvidenceTab, demo_db: Database, tmp_path: Path
) -> None:
    record = by_document(demo_db, TDP3_FLAGS)
    tab.table.select_id(record.id)
    missing = tmp_path / "khong-co.pdf"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(missing)], ""))
    errors: list[UserError] = []
    monkeypatch.setattr(messages, "show_user_error", lambda parent, exc: errors.append(exc))
    click(qtbot, tab.attach_button)
    qtbot.waitUntil(lambda: tab.task is None, timeout=10_000)
    assert errors and "Không tìm thấy tệp" in errors[0].message
    assert get_evidence(demo_db, record.id).files == []


def test_campaign_change_and_history(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tab: EvidenceTab, demo_db: Database
) -> None:
    opened: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda self: opened.append(self) or 0)
    record = by_document(demo_db, TDP3_FLAGS)
    tab.table.select_id(record.id)
    click(qtbot, tab.table.history_button)
    assert opened and "minh chứng của Chi bộ Tổ dân phố 3" in opened[0].windowTitle()
    tab.context.set_campaign(None)
    assert tab.table.model.rowCount() == 0 and tab.files_model.rowCount() == 0
    assert not tab.table.add_button.isEnabled() and not tab.verify_button.isEnabled()
    tab.context.set_campaign(1)
    assert tab.table.model.rowCount() == 16
