"""Award proposals without a window: subject checks, workflow transitions, locking, deletion."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from thidua_desktop.core.enums import PROPOSAL_TRANSITIONS, ProposalStatus
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.services.campaigns import CampaignRecord, PhaseRecord, save_campaign
from thidua_desktop.core.services.catalogue import award_form_by_code
from thidua_desktop.core.services.proposals import (
    ProposalRecord,
    change_status,
    delete_proposal,
    get_proposal,
    list_proposals,
    save_proposal,
)
from thidua_desktop.core.storage.database import Database


def form_id(db: Database, code: str) -> int:
    found = award_form_by_code(db, code).id
    assert found is not None
    return found


def new_proposal(db: Database, **changes: object) -> ProposalRecord:
    record = ProposalRecord(
        campaign_id=1,
        phase_id=1,
        award_form_id=form_id(db, "GK_CT_UBND_PHUONG"),
        subject_type="person",
        subject_id=15,
        achievement_summary="  Có thành tích xuất sắc  ",
    )
    return dataclasses.replace(record, **changes)  # type: ignore[arg-type]


def test_a_new_proposal_starts_as_a_dated_draft(demo_db: Database) -> None:
    saved = save_proposal(demo_db, new_proposal(demo_db), by="Ban Tổ chức")
    assert (saved.status, saved.authority, saved.award_code) == (
        "draft",
        "ward_chairman",
        "GK_CT_UBND_PHUONG",
    )
    assert (saved.subject_name, saved.unit_name, saved.phase_number) == (
        "Nguyễn Văn Ân",
        "Chi bộ Tổ dân phố 1",
        1,
    )
    assert saved.achievement_summary == "Có thành tích xuất sắc"
    [created] = saved.history
    assert (created.from_status, created.to_status, created.changed_on, created.changed_by) == (
        None,
        "draft",
        date.today(),
        "Ban Tổ chức",
    )
    assert saved.id in [p.id for p in list_proposals(demo_db, 1)]
    assert list_proposals(demo_db, 999) == []


def test_proposals_for_units_and_households(demo_db: Database) -> None:
    unit = save_proposal(
        demo_db,
        new_proposal(demo_db, subject_type="unit", subject_id=14, award_form_id=form_id(demo_db, "TTLDTT")),
    )
    assert (unit.subject_name, unit.unit_name) == ("Chi bộ Tổ dân phố 1", "Chi bộ Tổ dân phố 1")
    household = save_proposal(
        demo_db,
        new_proposal(
            demo_db, subject_type="household", subject_id=1, award_form_id=form_id(demo_db, "GD_VAN_HOA")
        ),
    )
    assert (household.subject_name, household.unit_name) == ("Hộ Phan Văn Bảy", "Tổ dân phố 1")


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"campaign_id": None}, "Chưa chọn phong trào thi đua.", "campaign_id"),
        ({"award_form_id": None}, "Chưa chọn hình thức khen thưởng.", "award_form_id"),
        ({"commendation_kind": "lucky"}, "Loại khen thưởng không hợp lệ.", "commendation_kind"),
        ({"subject_id": None}, "Chưa chọn đối tượng (tập thể, cá nhân hoặc hộ gia đình).", "subject_id"),
    ],
)
def test_incomplete_proposals_are_refused(
    demo_db: Database, changes: dict[str, object], message: str, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        save_proposal(demo_db, new_proposal(demo_db, **changes))
    assert (caught.value.message, caught.value.field) == (message, field)
    assert len(list_proposals(demo_db, 1)) == 4


@pytest.mark.parametrize(
    ("subject_type", "subject_id", "code", "message"),
    [
        ("household", 1, "CSTDCS", "Hình thức «Chiến sĩ thi đua cơ sở» không áp dụng cho hộ gia đình."),
        ("unit", 14, "LDTT", "Hình thức «Lao động tiên tiến» không áp dụng cho tập thể."),
        ("person", 15, "TTLDXS", "Hình thức «Tập thể lao động xuất sắc» không áp dụng cho cá nhân."),
        (
            "household",
            2,
            "GK_DANG_UY",
            "Hình thức «Giấy khen của Đảng ủy phường» không áp dụng cho hộ gia đình.",
        ),
    ],
)
def test_an_award_form_not_valid_for_the_subject_type_is_rejected(
    demo_db: Database, subject_type: str, subject_id: int, code: str, message: str
) -> None:
    record = new_proposal(
        demo_db, subject_type=subject_type, subject_id=subject_id, award_form_id=form_id(demo_db, code)
    )
    with pytest.raises(ValidationError) as caught:
        save_proposal(demo_db, record)
    assert (caught.value.message, caught.value.field) == (message, "award_form_id")


def test_a_phase_of_another_campaign_is_rejected(demo_db: Database) -> None:
    other = save_campaign(demo_db, CampaignRecord(name="Khác", phases=[PhaseRecord(number=1)]))
    with pytest.raises(ValidationError, match="Giai đoạn không thuộc phong trào này."):
        save_proposal(demo_db, new_proposal(demo_db, phase_id=other.phases[0].id))


def test_the_full_workflow_is_dated_and_the_decision_stored(demo_db: Database) -> None:
    saved = save_proposal(demo_db, new_proposal(demo_db))
    assert saved.id is not None
    change_status(demo_db, saved.id, "submitted", by="BTC", note="Tờ trình 12", on=date(2025, 5, 26))
    change_status(demo_db, saved.id, "approved", on=date(2025, 5, 27))
    change_status(demo_db, saved.id, "sent", on=date(2025, 5, 30))
    decided = change_status(
        demo_db,
        saved.id,
        "decided",
        on=date(2025, 6, 10),
        decision_number=" 125/QĐ-UBND ",
        decision_date=date(2025, 6, 9),
        decision_signer="Chủ tịch",
    )
    assert (decided.status, decided.decision_number, decided.decision_date) == (
        "decided",
        "125/QĐ-UBND",
        date(2025, 6, 9),
    )
    assert [(h.to_status, h.changed_on) for h in decided.history] == [
        ("draft", date.today()),
        ("submitted", date(2025, 5, 26)),
        ("approved", date(2025, 5, 27)),
        ("sent", date(2025, 5, 30)),
        ("decided", date(2025, 6, 10)),
    ]
    assert decided.history[1].note == "Tờ trình 12" and decided.history[1].changed_by == "BTC"


@pytest.mark.parametrize("start", list(ProposalStatus))
def test_only_the_allowed_transitions_are_accepted(demo_db: Database, start: ProposalStatus) -> None:
    saved = save_proposal(demo_db, new_proposal(demo_db))
    assert saved.id is not None
    path = {
        ProposalStatus.DRAFT: [],
        ProposalStatus.SUBMITTED: ["submitted"],
        ProposalStatus.APPROVED: ["submitted", "approved"],
        ProposalStatus.SENT: ["submitted", "approved", "sent"],
        ProposalStatus.DECIDED: ["submitted", "approved", "decided"],
        ProposalStatus.REJECTED: ["rejected"],
    }[start]
    for step in path:
        change_status(demo_db, saved.id, step, decision_number="1/QĐ", decision_date=date(2025, 6, 1))
    for target in ProposalStatus:
        if target in PROPOSAL_TRANSITIONS[start]:
            continue
        with pytest.raises(ValidationError) as caught:
            change_status(
                demo_db, saved.id, target.value, decision_number="1/QĐ", decision_date=date(2025, 6, 1)
            )
        assert caught.value.message == f"Không thể chuyển đề nghị từ «{start.label}» sang «{target.label}»."
    assert get_proposal(demo_db, saved.id).status == start.value
    assert len(get_proposal(demo_db, saved.id).history) == len(path) + 1


def test_a_decision_needs_its_number_and_date(demo_db: Database) -> None:
    approved = save_proposal(demo_db, new_proposal(demo_db))
    assert approved.id is not None
    change_status(demo_db, approved.id, "submitted")
    change_status(demo_db, approved.id, "approved")
    with pytest.raises(ValidationError, match="Phải nhập số và ngày của quyết định khen thưởng."):
        change_status(demo_db, approved.id, "decided", decision_number="12/QĐ")
    with pytest.raises(ValidationError, match="Phải nhập số và ngày"):
        change_status(demo_db, approved.id, "decided", decision_number="  ", decision_date=date(2025, 6, 1))
    assert get_proposal(demo_db, approved.id).status == "approved"


def test_a_rejected_proposal_can_go_back_to_draft_and_be_edited(demo_db: Database) -> None:
    saved = save_proposal(demo_db, new_proposal(demo_db))
    assert saved.id is not None
    change_status(demo_db, saved.id, "rejected", note="Chưa đủ hồ sơ")
    change_status(demo_db, saved.id, "draft")
    edited = save_proposal(
        demo_db, dataclasses.replace(get_proposal(demo_db, saved.id), achievement_summary="Bổ sung")
    )
    assert edited.achievement_summary == "Bổ sung" and edited.status == "draft"


def test_sent_and_decided_proposals_are_locked(demo_db: Database) -> None:
    saved = save_proposal(demo_db, new_proposal(demo_db))
    assert saved.id is not None
    for step in ("submitted", "approved", "sent"):
        change_status(demo_db, saved.id, step)
    sent = get_proposal(demo_db, saved.id)
    with pytest.raises(ValidationError, match="không sửa được nội dung"):
        save_proposal(demo_db, dataclasses.replace(sent, achievement_summary="Sửa lén"))
    with pytest.raises(ValidationError, match="không xóa được"):
        delete_proposal(demo_db, saved.id)
    change_status(demo_db, saved.id, "decided", decision_number="9/QĐ", decision_date=date(2025, 7, 1))
    with pytest.raises(ValidationError, match="không xóa được"):
        delete_proposal(demo_db, saved.id)
    assert get_proposal(demo_db, saved.id).achievement_summary == "Có thành tích xuất sắc"


def test_a_draft_can_be_deleted_with_its_history(demo_db: Database) -> None:
    saved = save_proposal(demo_db, new_proposal(demo_db))
    assert saved.id is not None
    change_status(demo_db, saved.id, "submitted")
    delete_proposal(demo_db, saved.id)
    assert saved.id not in [p.id for p in list_proposals(demo_db, 1)]


def test_listing_runs_no_query_per_proposal(demo_db: Database) -> None:
    from test_services_pledges import count_queries

    before = count_queries(demo_db, lambda: list_proposals(demo_db, 1))
    for person_id in range(1, 30):
        save_proposal(demo_db, new_proposal(demo_db, subject_id=person_id, phase_id=2))
    assert len(list_proposals(demo_db, 1)) == 33
    assert count_queries(demo_db, lambda: list_proposals(demo_db, 1)) == before


def test_one_decision_path_writes_the_award_back_and_names_who_acted(demo_db: Database) -> None:
    """Issue 10 point 12: a decision recorded from the Đề nghị tab (change_status) writes the prior award as the
    batch tab's decide_item does, and the history never has an empty «who»."""
    from sqlalchemy import select

    from thidua_desktop.core.models import PriorAward

    saved = save_proposal(demo_db, new_proposal(demo_db))
    assert saved.id is not None
    for step in ("submitted", "approved"):
        change_status(demo_db, saved.id, step)
    decided = change_status(
        demo_db, saved.id, "decided", decision_number="77/QĐ-UBND", decision_date=date(2025, 6, 9)
    )
    assert all(h.changed_by for h in decided.history)
    assert decided.history[-1].changed_by == demo_db.user_name or decided.history[-1].changed_by.startswith(
        "Người dùng máy"
    )
    with demo_db.session() as session:
        award = session.scalars(select(PriorAward).where(PriorAward.proposal_id == saved.id)).one()
        assert (award.decision_number, award.decision_date, award.award_code) == (
            "77/QĐ-UBND",
            date(2025, 6, 9),
            get_proposal(demo_db, saved.id).award_code,
        )


@pytest.mark.parametrize(("phase", "authority"), [(1, "district_chairman"), (2, "ward_chairman")])
def test_a_proposal_goes_to_the_body_deciding_on_its_review_date(
    demo_db: Database, phase: int, authority: str
) -> None:
    """Luật TĐKT 2022 Điều 80 khoản 2 (review 28/05/2025: the district chairman decides CSTĐCS) and NĐ 129/2025
    Điều 59 (review 15/07/2026: the ward chairman)."""
    from thidua_desktop.core.services.campaigns import list_campaigns

    [campaign] = list_campaigns(demo_db)
    phase_id = next(p.id for p in campaign.phases if p.number == phase)
    record = new_proposal(demo_db, award_form_id=form_id(demo_db, "CSTDCS"), phase_id=phase_id, subject_id=5)
    assert save_proposal(demo_db, record).authority == authority
