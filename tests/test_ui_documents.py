"""Menu «Văn bản»: the entries, the dialogs, documents and dossiers made in the worker, the forms folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from documents_helpers import full_text, open_docx, replace_in_template
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.documents.generate import DocumentRequest
from thidua_desktop.exchange.documents.template_specs import SPECS, template_path
from thidua_desktop.ui.actions import documents
from thidua_desktop.ui.actions.documents import (
    DOCUMENT_ACTION,
    DOSSIER_ACTION,
    FORMS_ACTION,
    MINUTES_ACTION,
    RESET_ACTION,
    DocumentDialog,
    DossierDialog,
    MinutesDialog,
)
from thidua_desktop.ui.context import AppContext
from thidua_desktop.ui.main_window import MainWindow
from thidua_desktop.ui.widgets import file_choice

FORMS = Path(__file__).resolve().parents[1] / "forms"


@pytest.fixture
def window(qtbot: Any, demo_db: Database, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    main = MainWindow(AppContext(demo_db), settings)
    qtbot.addWidget(main)
    main.context.set_campaign(1)
    yield main


@pytest.fixture
def finished(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(documents, "show_done", lambda _w, text, *_a: shown.append(text))
    return shown


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(documents.messages, "show_error", lambda _w, text, *a: seen.append(text))
    monkeypatch.setattr(documents.messages, "show_user_error", lambda _w, exc: seen.append(exc.message))
    return seen


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(
        documents.QDesktopServices, "openUrl", lambda url: urls.append(QUrl(url).toLocalFile())
    )
    return urls


def menu_texts(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menus["documents"].actions() if not a.isSeparator()]


def test_menu_van_ban_sits_before_help(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Văn bản") == titles.index(window.menus["help"].title()) - 1
    assert menu_texts(window) == [DOCUMENT_ACTION, DOSSIER_ACTION, MINUTES_ACTION, FORMS_ACTION, RESET_ACTION]
    assert not window.load_errors


def test_document_dialog_enables_what_each_kind_needs(qtbot: Any, demo_db: Database) -> None:
    dialog = DocumentDialog(None, demo_db, 1)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("cam-ket"))
    assert dialog.subject.isEnabled() and not dialog.batch.isEnabled() and not dialog.phase.isEnabled()
    assert not dialog.single_file()
    dialog.subject.setCurrentIndex(next(i for i in range(dialog.subject.count())
                                        if dialog.subject.itemText(i) == "Tập thể: Chi bộ Tổ dân phố 1"))  # fmt: skip
    assert dialog.single_file()
    request = dialog.request()
    assert request.kind == "cam-ket" and request.unit_id is not None and request.person_id is None
    dialog.kind.setCurrentIndex(dialog.kind.findData("to-trinh"))
    assert dialog.batch.isEnabled() and not dialog.subject.isEnabled()
    labels = [dialog.batch.itemText(i) for i in range(dialog.batch.count())]
    # the batches of the Đợt trình tab, not groups by phase and authority
    assert labels[1:] == [
        "Đợt trình Chủ tịch UBND thành phố - giai đoạn 1 – đã gửi cấp khen (1 đối tượng)",
        "Đợt trình Chủ tịch UBND phường - giai đoạn 1 – đã có quyết định (1 đối tượng)",
        "Đợt trình Ban Thường vụ Đảng ủy - giai đoạn 1 – đã có quyết định (1 đối tượng)",
    ]
    dialog.batch.setCurrentIndex(2)
    assert dialog.single_file() and dialog.request().batch == "2"
    assert dialog.request().unit_id is None, "the subject only applies to reports and pledges"
    dialog.kind.setCurrentIndex(dialog.kind.findData("bao-cao-so-ket"))
    assert dialog.phase.isEnabled() and dialog.single_file()


def test_document_from_the_menu(
    qtbot: Any,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    finished: list[str],
    errors: list[str],
) -> None:
    target = tmp_path / "out" / "so-ket.docx"

    def choose(dialog: QDialog) -> int:
        assert isinstance(dialog, DocumentDialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData("bao-cao-so-ket"))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(DocumentDialog, "exec", choose)
    monkeypatch.setattr(file_choice.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window._documents_state.actions["document"].trigger()
    qtbot.waitUntil(lambda: bool(finished) or bool(errors), timeout=30000)
    assert not errors and "«so-ket.docx»" in finished[0]
    assert "BÁO CÁO" in full_text(open_docx(target))
    assert window.settings.value(documents.LAST_FOLDER_KEY) == str(target.parent)


def test_dossier_from_the_menu(
    qtbot: Any,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    finished: list[str],
    errors: list[str],
) -> None:
    target = tmp_path / "gui" / "ho so.zip"

    def choose(dialog: QDialog) -> int:
        assert isinstance(dialog, DossierDialog)
        index = next(i for i in range(dialog.batch.count()) if "Chủ tịch" in dialog.batch.itemText(i))
        dialog.batch.setCurrentIndex(index)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(DossierDialog, "exec", choose)
    monkeypatch.setattr(file_choice.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window._documents_state.actions["dossier"].trigger()
    qtbot.waitUntil(lambda: bool(finished) or bool(errors), timeout=30000)
    assert not errors, errors
    assert target.exists() and "manifest.csv" in finished[0]


def test_a_broken_template_is_reported_and_writes_nothing(
    qtbot: Any, window: MainWindow, demo_db: Database, tmp_path: Path, finished: list[str], errors: list[str]
) -> None:
    forms = demo_db.paths.forms
    forms.mkdir(parents=True)
    replace_in_template(
        FORMS / "bao-cao-so-ket.docx", forms / "bao-cao-so-ket.docx", "{{ scope }}", "{{ scop }}"
    )
    target = tmp_path / "out" / "so-ket.docx"
    documents.start_document_export(window, DocumentRequest("bao-cao-so-ket", 1), target)
    qtbot.waitUntil(lambda: bool(finished) or bool(errors), timeout=30000)
    assert not finished and "bao-cao-so-ket.docx" in errors[0] and "«scop»" in errors[0]
    assert not target.exists()


def test_forms_folder_is_made_and_opened(
    window: MainWindow, demo_db: Database, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = demo_db.paths.forms
    assert not folder.exists()
    window._documents_state.actions["forms"].trigger()
    assert opened == [str(folder)]
    assert {p.name for p in folder.glob("*.docx")} == {s.file for s in SPECS}
    assert (folder / "DOC-TRUOC-KHI-SUA.txt").exists()
    path, is_user = template_path("to-trinh-dang.docx", folder)
    assert is_user and path.read_bytes() == (FORMS / "to-trinh-dang.docx").read_bytes()
    (folder / "to-trinh-dang.docx").write_bytes(b"edited by the office")
    window._documents_state.actions["forms"].trigger()
    assert (folder / "to-trinh-dang.docx").read_bytes() == b"edited by the office", (
        "an edit is never overwritten"
    )
    monkeypatch.setattr(documents.messages, "confirm", lambda *a: True)
    window._documents_state.actions["reset"].trigger()
    assert not list(folder.glob("*.docx"))
    kept = next(folder.glob("da-thay-the-*"))
    assert (kept / "to-trinh-dang.docx").read_bytes() == b"edited by the office"
    assert template_path("to-trinh-dang.docx", folder) == (FORMS / "to-trinh-dang.docx", False)


def test_no_campaign_selected_is_explained(window: MainWindow, errors: list[str]) -> None:
    window.context.campaign_id = None
    assert documents.export_document_interactive(window) is None
    assert documents.export_dossier_interactive(window) is None
    assert errors == ["Hãy chọn phong trào thi đua trước khi lập văn bản."] * 2


def test_document_date_is_typed_and_required(
    qtbot: Any, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from thidua_desktop.ui.widgets import date_field

    errors: list[str] = []
    monkeypatch.setattr(date_field, "show_error", lambda _parent, text: errors.append(text))
    dialog = DocumentDialog(None, demo_db, 1)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.on.line.clear()
    ok.click()
    assert errors == ["Chưa nhập ngày."] and dialog.result() != QDialog.DialogCode.Accepted.value
    qtbot.keyClicks(dialog.on.line, "05/5/2025")
    ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted.value
    assert dialog.request().on == date(2025, 5, 5)


def test_blanks_are_listed_before_writing_and_a_no_writes_nothing(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, finished: list[str]
) -> None:
    asked: list[str] = []

    def refuse(_w: Any, _title: str, question: str) -> bool:
        asked.append(question)
        return False

    monkeypatch.setattr(documents.messages, "confirm", refuse)
    target = tmp_path / "out" / "bien-ban.docx"
    documents.start_document_export(window, DocumentRequest("bien-ban", 1, batch="1:1:ward_chairman"), target)
    qtbot.waitUntil(lambda: bool(asked), timeout=30000)
    assert "giờ bắt đầu cuộc họp" in asked[0] and "thư ký cuộc họp" in asked[0]
    assert not finished and not target.exists()


def test_a_missing_signer_offers_the_settings(
    qtbot: Any,
    window: MainWindow,
    demo_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    finished: list[str],
) -> None:
    import dataclasses

    from thidua_desktop.core.services.settings import load_settings, save_settings

    save_settings(demo_db, dataclasses.replace(load_settings(demo_db), signatory_name=""))
    asked: list[str] = []
    opened_settings: list[bool] = []
    monkeypatch.setattr(documents.messages, "confirm", lambda _w, _t, q: asked.append(q) or True)
    monkeypatch.setattr(documents, "open_settings", lambda _w: opened_settings.append(True))
    target = tmp_path / "out" / "quyet-dinh.docx"
    documents.start_document_export(window, DocumentRequest("quyet-dinh", 1, batch="3"), target)
    qtbot.waitUntil(lambda: bool(opened_settings) or bool(finished), timeout=30000)
    assert not finished
    assert "«Người ký (Đảng ủy)»" in asked[0] and not target.exists()


def test_minutes_are_recorded_from_the_menu(
    qtbot: Any, window: MainWindow, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from thidua_desktop.core.services.batches import get_batch

    def fill(dialog: QDialog) -> int:
        assert isinstance(dialog, MinutesDialog)
        dialog.batch.setCurrentIndex(1)  # the ward chairman's batch
        assert dialog.place.text() == "Hội trường Ủy ban nhân dân phường Nguyễn Nghiêm"
        assert dialog.absent_names() == ["Bùi Thanh Sơn"] and dialog.absent.count() == 9
        dialog.start.setText("7h30")
        dialog.end.setText("7:00")
        dialog.save()
        assert "Giờ kết thúc phải sau giờ bắt đầu" in dialog.error_label.text()
        dialog.end.setText("09:15")
        dialog.absent.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(MinutesDialog, "exec", fill)
    window._documents_state.actions["minutes"].trigger()
    batch = get_batch(demo_db, 2).batch
    assert (batch.meeting_start, batch.meeting_end) == ("07:30", "09:15")
    assert batch.absent_members == ["Lê Quang Vinh", "Bùi Thanh Sơn"]
