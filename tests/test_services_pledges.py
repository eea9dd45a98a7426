"""Pledges and targets without a window: validation, progress, deletion rules."""

from __future__ import annotations

import dataclasses
import warnings
from datetime import date

import pytest
from query_count import count_queries
from sqlalchemy import func, select

from thidua_desktop.core.errors import DependentRecordsError, NotFoundError, ValidationError
from thidua_desktop.core.models import Target
from thidua_desktop.core.services.campaigns import CampaignRecord, PhaseRecord, save_campaign
from thidua_desktop.core.services.evidence import EvidenceRecord, save_evidence
from thidua_desktop.core.services.pledges import (
    PledgeRecord,
    TargetRecord,
    delete_pledge,
    get_pledge,
    list_pledges,
    list_targets,
    progress_of,
    save_pledge,
)
from thidua_desktop.core.storage.database import Database

UBND = "Ủy ban nhân dân phường Nguyễn Nghiêm"


def new_pledge(**changes: object) -> PledgeRecord:
    record = PledgeRecord(
        campaign_id=1,
        subject_type="person",
        subject_id=15,
        title_code="LDTT",
        pledge_date=date(2024, 9, 25),
        content="Hoàn thành tốt nhiệm vụ",
        targets=[
            TargetRecord(content="Vận động đóng góp quỹ", target_value=10, unit_of_measure="triệu đồng"),
            TargetRecord(
                content="Sinh hoạt chi bộ đầy đủ", target_value=100, unit_of_measure="%", phase_id=1
            ),
        ],
    )
    return dataclasses.replace(record, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("target", "achieved", "expected"),
    [
        (None, 5.0, (None, None)),
        (10.0, None, (None, None)),
        (90.0, 92.5, (102.8, True)),
        (100.0, 98.0, (98.0, False)),
        (6.0, 6.0, (100.0, True)),
        (0.0, 0.0, (100.0, True)),
    ],
)
def test_progress_of(target: float | None, achieved: float | None, expected: tuple[object, object]) -> None:
    assert progress_of(target, achieved) == expected


def test_demo_pledges_count_targets_met(demo_db: Database) -> None:
    pledges = {p.subject_name: p for p in list_pledges(demo_db, 1)}
    ubnd = pledges[UBND]
    assert (ubnd.target_count, ubnd.targets_met, ubnd.title_name) == (6, 3, "Tập thể lao động tiên tiến")
    assert ubnd.targets[0].progress == 102.8 and ubnd.targets[0].met is True
    assert ubnd.targets[1].met is None
    assert list_pledges(demo_db, 999) == []
    assert len(list_targets(demo_db, 1)) == sum(p.target_count for p in pledges.values())


def test_a_target_is_met_only_once_its_evidence_is_verified(demo_db: Database) -> None:
    saved = save_pledge(demo_db, new_pledge())
    target = saved.targets[0]
    evidence = save_evidence(
        demo_db, EvidenceRecord(target_id=target.id, achieved_value=12, achieved_date=date(2025, 3, 1))
    )
    progress = get_pledge(demo_db, saved.id).targets[0]
    assert (progress.achieved_value, progress.progress, progress.met) == (12.0, 120.0, False)
    save_evidence(demo_db, dataclasses.replace(evidence, status="verified", verifier="Ban Tổ chức"))
    progress = get_pledge(demo_db, saved.id).targets[0]
    assert progress.met is True and progress.achieved_verified
    assert get_pledge(demo_db, saved.id).targets_met == 1

    rejected = EvidenceRecord(
        target_id=target.id, achieved_value=1, status="rejected", verifier="Ban Tổ chức"
    )
    save_evidence(demo_db, rejected)
    assert get_pledge(demo_db, saved.id).targets[0].achieved_value == 12.0  # rejected evidence is ignored


def test_saving_keeps_target_ids_and_order(demo_db: Database) -> None:
    saved = save_pledge(demo_db, new_pledge())
    first, second = saved.targets
    edited = save_pledge(
        demo_db,
        dataclasses.replace(
            saved,
            title_code="CSTDCS",
            targets=[
                dataclasses.replace(second, target_value=95),
                TargetRecord(content="  Có   sáng kiến  ", target_value=1, unit_of_measure="sáng kiến"),
            ],
        ),
    )
    assert [t.id for t in edited.targets][0] == second.id
    assert [(t.content, t.target_value, t.sort_order) for t in edited.targets] == [
        ("Sinh hoạt chi bộ đầy đủ", 95.0, 0),
        ("Có sáng kiến", 1.0, 1),
    ]
    assert edited.title_name == "Chiến sĩ thi đua cơ sở"
    with demo_db.session() as session:
        assert session.get(Target, first.id) is None


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"campaign_id": None}, "Chưa chọn phong trào thi đua.", "campaign_id"),
        ({"subject_id": None}, "Chưa chọn đối tượng (tập thể, cá nhân hoặc hộ gia đình).", "subject_id"),
        ({"subject_type": "robot"}, "Loại đối tượng không hợp lệ.", "subject_type"),
        ({"title_code": "KHONG_CO"}, "Danh hiệu đăng ký không có trong danh mục.", "title_code"),
        ({"targets": [TargetRecord(content=" ")]}, "Chỉ tiêu thứ 1: chưa nhập nội dung.", "targets"),
        (
            {"targets": [TargetRecord(content="A"), TargetRecord(content="B", target_value=-1)]},
            "Chỉ tiêu thứ 2: giá trị chỉ tiêu không được âm.",
            "targets",
        ),
    ],
)
def test_invalid_pledges_are_refused_with_a_vietnamese_message(
    demo_db: Database, changes: dict[str, object], message: str, field: str
) -> None:
    before = len(list_pledges(demo_db))
    with pytest.raises(ValidationError) as caught:
        save_pledge(demo_db, new_pledge(**changes))
    assert (caught.value.message, caught.value.field) == (message, field)
    assert len(list_pledges(demo_db)) == before


def test_a_target_cannot_use_a_phase_of_another_campaign(demo_db: Database) -> None:
    other = save_campaign(
        demo_db, CampaignRecord(name="Phong trào khác", phases=[PhaseRecord(number=1, name="Cả năm")])
    )
    with pytest.raises(ValidationError, match="giai đoạn không thuộc phong trào này"):
        save_pledge(demo_db, new_pledge(targets=[TargetRecord(content="A", phase_id=other.phases[0].id)]))


def test_unknown_subject_is_reported(demo_db: Database) -> None:
    with pytest.raises(NotFoundError, match="cá nhân mã số 9999"):
        save_pledge(demo_db, new_pledge(subject_id=9999))


def test_deletion_is_refused_while_evidence_depends_on_a_target(demo_db: Database) -> None:
    ubnd = next(p for p in list_pledges(demo_db, 1) if p.subject_name == UBND)
    with pytest.raises(DependentRecordsError, match="minh chứng") as caught:
        delete_pledge(demo_db, ubnd.id)
    assert "Không thể xóa chỉ tiêu «Tỷ lệ thủ tục hành chính" in caught.value.message
    assert get_pledge(demo_db, ubnd.id).target_count == 6

    with pytest.raises(DependentRecordsError, match="minh chứng"):
        save_pledge(demo_db, dataclasses.replace(ubnd, targets=ubnd.targets[1:]))
    assert get_pledge(demo_db, ubnd.id).target_count == 6


def test_deleting_a_pledge_deletes_its_targets_once(demo_db: Database) -> None:
    saved = save_pledge(demo_db, new_pledge())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        delete_pledge(demo_db, saved.id)
    with pytest.raises(NotFoundError):
        get_pledge(demo_db, saved.id)
    with demo_db.session() as session:
        count = session.scalar(select(func.count()).select_from(Target).where(Target.pledge_id == saved.id))
    assert count == 0


def test_listing_runs_no_query_per_pledge(demo_db: Database) -> None:
    before = count_queries(demo_db, lambda: list_pledges(demo_db, 1))
    for person_id in range(1, 30):
        save_pledge(demo_db, new_pledge(subject_id=person_id))
    assert len(list_pledges(demo_db, 1)) == 49
    assert count_queries(demo_db, lambda: list_pledges(demo_db, 1)) == before
