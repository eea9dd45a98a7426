"""Evidence without a window: validation, verification dates, the content-addressed attachment store."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from thidua_desktop.core.errors import NotFoundError, ValidationError
from thidua_desktop.core.models import EvidenceFile
from thidua_desktop.core.services import evidence as evidence_service
from thidua_desktop.core.services.evidence import (
    EvidenceRecord,
    attach_file,
    attachment_path,
    delete_evidence,
    detach_file,
    get_evidence,
    list_evidence,
    save_evidence,
)
from thidua_desktop.core.services.pledges import list_pledges
from thidua_desktop.core.storage.database import Database


@pytest.fixture
def target_id(demo_db: Database) -> int:
    pledge = next(p for p in list_pledges(demo_db, 1) if p.subject_name == "Chi bộ Tổ dân phố 5")
    assert pledge.targets[0].id is not None
    return pledge.targets[0].id


@pytest.fixture
def evidence_id(demo_db: Database, target_id: int) -> int:
    saved = save_evidence(demo_db, EvidenceRecord(target_id=target_id, achieved_value=100))
    assert saved.id is not None
    return saved.id


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        (
            {"target_id": None},
            "Chưa chọn chỉ tiêu hoặc đăng ký thi đua mà minh chứng này chứng minh.",
            "target_id",
        ),
        ({"status": "maybe"}, "Trạng thái xác minh không hợp lệ.", "status"),
        ({"achieved_value": -1.0}, "Kết quả đạt được không được âm.", "achieved_value"),
        (
            {"achieved_date": date.today() + timedelta(days=1)},
            "Ngày đạt được không được sau ngày hôm nay.",
            "achieved_date",
        ),
        (
            {"status": "verified", "verifier": "  "},
            "Minh chứng đã xác minh hoặc không đạt phải ghi người xác minh.",
            "verifier",
        ),
    ],
)
def test_invalid_evidence_is_refused(
    demo_db: Database, target_id: int, changes: dict[str, object], message: str, field: str
) -> None:
    record = dataclasses.replace(EvidenceRecord(target_id=target_id, achieved_value=5), **changes)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as caught:
        save_evidence(demo_db, record)
    assert (caught.value.message, caught.value.field) == (message, field)
    assert len(list_evidence(demo_db, 1)) == 16


def test_unknown_target_is_reported(demo_db: Database) -> None:
    with pytest.raises(NotFoundError, match="chỉ tiêu mã số 999"):
        save_evidence(demo_db, EvidenceRecord(target_id=999))


def test_verification_is_dated_and_listed_by_campaign(demo_db: Database, target_id: int) -> None:
    saved = save_evidence(
        demo_db,
        EvidenceRecord(
            target_id=target_id,
            achieved_value=97,
            document_ref="  Báo cáo   số 9 ",
            status="verified",
            verifier=" Ban Tổ chức ",
        ),
    )
    assert (saved.verified_date, saved.verifier, saved.document_ref) == (
        date.today(),
        "Ban Tổ chức",
        "Báo cáo số 9",
    )
    assert saved.subject_name == "Chi bộ Tổ dân phố 5" and saved.target_value == 100.0
    assert saved.status_label == "Đã xác minh"
    again = save_evidence(
        demo_db, dataclasses.replace(saved, status="unverified", verifier="", verified_date=None)
    )
    assert again.verified_date is None
    assert saved.id in [e.id for e in list_evidence(demo_db, 1)]
    assert list_evidence(demo_db, 999) == []


def test_evidence_of_a_whole_pledge(demo_db: Database) -> None:
    pledge = next(p for p in list_pledges(demo_db, 1) if p.subject_name == "Phạm Thị Thu Hà")
    saved = save_evidence(demo_db, EvidenceRecord(pledge_id=pledge.id, document_ref="Quyết định khen"))
    assert (saved.target_id, saved.pledge_id, saved.target_content) == (None, pledge.id, "")
    assert saved.campaign_id == 1 and saved.subject_name == "Phạm Thị Thu Hà"


def test_attached_files_are_stored_once_under_their_sha256(
    demo_db: Database, evidence_id: int, tmp_path: Path
) -> None:
    source = tmp_path / "Báo cáo.DOCX"
    source.write_bytes(b"noi dung bao cao" * 1000)
    copy = tmp_path / "ban-sao.docx"
    copy.write_bytes(source.read_bytes())
    digest = hashlib.sha256(source.read_bytes()).hexdigest()

    first = attach_file(demo_db, evidence_id, source)
    second = attach_file(demo_db, evidence_id, copy)
    stored = demo_db.paths.attachments / digest[:2] / f"{digest}.docx"
    assert stored.read_bytes() == source.read_bytes()
    assert [p for p in demo_db.paths.attachments.rglob("*") if p.is_file()] == [stored]
    assert (first.sha256, first.size, first.original_name) == (digest, 16000, "Báo cáo.DOCX")
    assert attachment_path(demo_db, second.id) == stored
    assert get_evidence(demo_db, evidence_id).file_count == 2

    detach_file(demo_db, first.id)
    assert [f.id for f in get_evidence(demo_db, evidence_id).files] == [second.id]
    assert stored.exists()  # the bytes stay: another link still uses them


def test_attachment_errors_change_nothing(
    demo_db: Database, evidence_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValidationError, match="Không tìm thấy tệp"):
        attach_file(demo_db, evidence_id, tmp_path / "khong-co.pdf")
    big = tmp_path / "lon.pdf"
    big.write_bytes(b"x" * 2048)
    monkeypatch.setattr(evidence_service, "MAX_ATTACHMENT_BYTES", 1024)
    with pytest.raises(ValidationError, match="quá lớn"):
        attach_file(demo_db, evidence_id, big)
    small = tmp_path / "nho.pdf"
    small.write_bytes(b"x")
    with pytest.raises(NotFoundError, match="minh chứng mã số 999"):
        attach_file(demo_db, 999, small)
    with pytest.raises(NotFoundError, match="tệp đính kèm mã số 999"):
        attachment_path(demo_db, 999)
    assert get_evidence(demo_db, evidence_id).files == []
    assert not any(p.is_file() for p in demo_db.paths.attachments.rglob("*"))


def test_a_lost_stored_file_is_explained(demo_db: Database, evidence_id: int, tmp_path: Path) -> None:
    source = tmp_path / "anh.png"
    source.write_bytes(b"png")
    linked = attach_file(demo_db, evidence_id, source)
    attachment_path(demo_db, linked.id).unlink()
    with pytest.raises(ValidationError, match="không còn trong kho lưu trữ"):
        attachment_path(demo_db, linked.id)


def test_deleting_evidence_removes_its_file_links(
    demo_db: Database, evidence_id: int, tmp_path: Path
) -> None:
    source = tmp_path / "a.pdf"
    source.write_bytes(b"a")
    attach_file(demo_db, evidence_id, source)
    delete_evidence(demo_db, evidence_id)
    with pytest.raises(NotFoundError):
        get_evidence(demo_db, evidence_id)
    with demo_db.session() as session:
        assert session.scalar(select(func.count()).select_from(EvidenceFile)) == 0


def test_listing_runs_no_query_per_evidence(demo_db: Database, target_id: int) -> None:
    from test_services_pledges import count_queries

    before = count_queries(demo_db, lambda: list_evidence(demo_db, 1))
    pledges = list_pledges(demo_db, 1)
    for pledge in pledges:
        for target in pledge.targets:
            save_evidence(demo_db, EvidenceRecord(target_id=target.id, achieved_value=1))
    assert len(list_evidence(demo_db, 1)) > 50
    assert count_queries(demo_db, lambda: list_evidence(demo_db, 1)) == before
