"""Proposal batches: adding candidates (with overrides), the council vote, approval, sending (locks), decisions
written back as prior awards, the HTXSNV quota and the reward money."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import AwardProposal, PriorAward, ProposalStatusChange
from thidua_desktop.core.rules.money import reward_amount
from thidua_desktop.core.services import batches, campaigns, eligibility, persons, records, units
from thidua_desktop.core.services.persons import PersonRecord
from thidua_desktop.core.services.units import UnitRecord
from thidua_desktop.core.storage.database import Database

MEETING = date(2025, 5, 30)


def phase_id(db: Database, number: int = 1) -> int:
    [campaign] = campaigns.list_campaigns(db)
    found = next(p.id for p in campaign.phases if p.number == number)
    assert found is not None
    return found


def subject_id(db: Database, name: str) -> tuple[str, int]:
    for person in persons.list_persons(db):
        if person.full_name == name:
            assert person.id is not None
            return "person", person.id
    for unit in units.list_units(db):
        if unit.name == name:
            assert unit.id is not None
            return "unit", unit.id
    raise KeyError(name)


def add(db: Database, batch_id: int, name: str, code: str, reason: str = "") -> batches.BatchItemRecord:
    kind, sid = subject_id(db, name)
    return batches.add_candidate(
        db, batch_id, kind, sid, code, override_reason=reason, by="Ban Tổ chức", on=MEETING
    )


@pytest.fixture
def ward_batch(demo_db: Database) -> int:
    record = batches.create_batch(
        demo_db, 1, phase_id(demo_db), "ward_chairman", by="Ban Tổ chức", on=MEETING
    )
    assert record.id is not None and record.status == "draft"
    return record.id


@pytest.fixture
def district_batch(demo_db: Database) -> int:
    """Phase 1 is reviewed on 28/05/2025, before the reform: CSTĐCS and TTLĐTT go to the district chairman
    (Luật TĐKT 2022 Điều 80 khoản 2)."""
    record = batches.create_batch(
        demo_db, 1, phase_id(demo_db), "district_chairman", by="Ban Tổ chức", on=MEETING
    )
    assert record.id is not None
    return record.id


def test_walk_a_batch_from_candidates_to_decisions(
    demo_db: Database, ward_batch: int, district_batch: int
) -> None:
    db = demo_db
    ubnd = add(db, ward_batch, "Ủy ban nhân dân phường Nguyễn Nghiêm", "GK_CT_UBND_PHUONG.DOT")
    bchqs = add(db, district_batch, "Ban Chỉ huy Quân sự phường", "TTLDTT")
    le = add(db, district_batch, "Huỳnh Thị Mỹ Lệ", "CSTDCS")
    with pytest.raises(ValidationError, match="Đề xuất ngoài tiêu chuẩn"):
        add(db, ward_batch, "Hà Văn Nam", "LDTT")
    nam = add(db, ward_batch, "Hà Văn Nam", "LDTT", reason="Đã khắc phục, Hội đồng đề nghị xem xét")
    assert (ubnd.eligibility_result, nam.eligibility_result) == ("pass", "fail")
    assert nam.override_reason and "ngoài tiêu chuẩn" in nam.eligibility_label
    assert ubnd.commendation_kind == "campaign" and bchqs.achievement_year == 2024

    with pytest.raises(ValidationError, match="Không đủ số thành viên dự họp: 5/9"):
        batches.record_vote(db, ward_batch, MEETING, 9, 5, {})
    detail = batches.record_vote(db, ward_batch, MEETING, 9, 6, {ubnd.id: 9, nam.id: 4}, by="Thư ký Hội đồng")
    votes = {bchqs.id: 5, le.id: 7}
    district = batches.record_vote(db, district_batch, MEETING, 9, 6, votes, by="Thư ký Hội đồng")
    status = {i.subject_name: i.status for i in detail.items + district.items}
    assert status == {
        "Ủy ban nhân dân phường Nguyễn Nghiêm": "submitted",
        "Ban Chỉ huy Quân sự phường": "submitted",
        "Huỳnh Thị Mỹ Lệ": "rejected",
        "Hà Văn Nam": "rejected",
    }
    le_item = next(i for i in district.items if i.id == le.id)
    assert "7/9 phiếu đồng ý (77,8%), cần từ 80%" in le_item.history[-1].note

    batches.approve_batch(db, ward_batch, date(2025, 6, 2), by="Ban Thường vụ")
    batches.approve_batch(db, district_batch, date(2025, 6, 2), by="Ban Thường vụ")
    detail = batches.send_batch(db, ward_batch, date(2025, 6, 3), "45-TTr/ĐU", by="Văn phòng")
    batches.send_batch(db, district_batch, date(2025, 6, 3), "46-TTr/ĐU", by="Văn phòng")
    assert detail.batch.locked and detail.batch.document_number == "45-TTr/ĐU"
    with pytest.raises(ValidationError, match="khóa"):
        add(db, ward_batch, "Võ Minh Tuấn", "GK_CT_UBND_PHUONG")
    with pytest.raises(ValidationError, match="khóa"):
        batches.save_batch(db, detail.batch)

    batches.decide_item(db, ubnd.id, "812/QĐ-UBND", date(2025, 6, 20), "Lê Quang Vinh", by="Văn phòng")
    batches.decide_item(db, bchqs.id, "1203/QĐ-UBND", date(2025, 6, 24), "Trần Phước Hiền", by="Văn phòng")
    detail = batches.get_batch(db, ward_batch)
    assert detail.batch.status == "decided"
    assert [h.to_status for h in detail.batch.history] == ["draft", "voted", "approved", "sent", "decided"]
    assert [h.changed_by for h in detail.batch.history][1:] == [
        "Thư ký Hội đồng",
        "Ban Thường vụ",
        "Văn phòng",
        "Văn phòng",
    ]
    with db.session() as session:
        awards = {
            a.award_code: a
            for a in session.scalars(select(PriorAward).where(PriorAward.proposal_id.is_not(None)))
        }
        assert awards["GK_CT_UBND_PHUONG"].level == "Theo đợt thi đua"
        assert awards["TTLDTT"].year == 2024 and awards["TTLDTT"].decision_number == "1203/QĐ-UBND"
        assert awards["TTLDTT"].authority_name == "Chủ tịch Ủy ban nhân dân thành phố Quảng Ngãi"
        assert awards["GK_CT_UBND_PHUONG"].authority_name == "Chủ tịch Ủy ban nhân dân phường Nguyễn Nghiêm"
        notes = [
            h.note
            for h in session.scalars(
                select(ProposalStatusChange).where(ProposalStatusChange.proposal_id == nam.id)
            )
        ]
        assert any("Đã khắc phục" in n for n in notes)


def test_decided_award_feeds_next_consecutive_year_rules(demo_db: Database, district_batch: int) -> None:
    db = demo_db
    lan = add(db, district_batch, "Đỗ Thị Lan", "CSTDCS")
    batches.record_vote(db, district_batch, MEETING, 9, 9, {lan.id: 9})
    batches.approve_batch(db, district_batch, MEETING)
    batches.decide_item(db, lan.id, "900/QĐ-UBND", date(2025, 6, 20))
    _review, found = eligibility.list_candidates(db, 1, 1, ruleset_codes=["CSTD_TINH", "CSTDCS"])
    lan_tinh = next(c for c in found if c.subject_name == "Đỗ Thị Lan" and c.ruleset_code == "CSTD_TINH")
    consecutive = lan_tinh.reasons[0]
    assert consecutive.result == "pass" and "chưa có quyết định" not in consecutive.message
    lan_cs = next(c for c in found if c.subject_name == "Đỗ Thị Lan" and c.ruleset_code == "CSTDCS")
    assert lan_cs.result == "fail" and "Đã được tặng Chiến sĩ thi đua cơ sở năm 2024" in lan_cs.main_reason
    assert lan_cs.proposal_status == "decided"


def test_party_forms_never_go_to_non_party_subjects_nor_the_reverse(demo_db: Database) -> None:
    db = demo_db
    party = batches.create_batch(db, 1, phase_id(db), "party_committee").id
    ward = batches.create_batch(db, 1, phase_id(db), "ward_chairman").id
    assert party is not None and ward is not None
    with pytest.raises(ValidationError, match="không phải tổ chức đảng, đảng viên"):
        add(db, party, "Huỳnh Thị Mỹ Lệ", "GK_DANG_UY", reason="Muốn khen")
    with pytest.raises(ValidationError, match="tổ chức đảng nhận hình thức khen thưởng của Đảng"):
        add(db, ward, "Chi bộ Tổ dân phố 1", "TTLDTT", reason="Muốn khen")
    with pytest.raises(ValidationError, match="do Đảng ủy phường Nguyễn Nghiêm quyết định"):
        add(db, ward, "Chi bộ Tổ dân phố 1", "GK_DANG_UY.DOT")


def test_same_subject_and_form_is_not_proposed_twice(demo_db: Database, district_batch: int) -> None:
    add(demo_db, district_batch, "Ban Chỉ huy Quân sự phường", "TTLDTT")
    with pytest.raises(ValidationError, match="đã có trong đợt trình"):
        add(demo_db, district_batch, "Ban Chỉ huy Quân sự phường", "TTLDTT")
    with pytest.raises(ValidationError, match="Đã có đề nghị «Chiến sĩ thi đua cơ sở»"):
        add(demo_db, district_batch, "Phạm Thị Thu Hà", "CSTDCS")


def test_removed_item_stays_a_draft_and_can_come_back(demo_db: Database, district_batch: int) -> None:
    item = add(demo_db, district_batch, "Ban Chỉ huy Quân sự phường", "TTLDTT")
    batches.remove_item(demo_db, item.id)
    assert batches.get_batch(demo_db, district_batch).items == []
    again = add(demo_db, district_batch, "Ban Chỉ huy Quân sự phường", "TTLDTT")
    assert again.id == item.id
    assert [h.note.split(" «")[0] for h in again.history] == [
        "Thêm vào đợt trình",
        "Bỏ khỏi đợt trình",
        "Thêm vào đợt trình",
    ]


def test_deleting_a_draft_batch_keeps_its_proposals(demo_db: Database, district_batch: int) -> None:
    item = add(demo_db, district_batch, "Ban Chỉ huy Quân sự phường", "TTLDTT")
    batches.delete_batch(demo_db, district_batch)
    assert district_batch not in [b.id for b in batches.list_batches(demo_db, 1)]
    with demo_db.session() as session:
        row = session.get(AwardProposal, item.id)
        assert row is not None and row.batch_id is None and row.status == "draft"


def test_vote_thresholds_are_of_all_council_members(demo_db: Database, district_batch: int) -> None:
    """CSTĐCS needs ≥80% of all members even when fewer attend; other forms more than half."""
    le = add(demo_db, district_batch, "Huỳnh Thị Mỹ Lệ", "CSTDCS")
    tt = add(demo_db, district_batch, "Ban Chỉ huy Quân sự phường", "TTLDTT")
    detail = batches.record_vote(demo_db, district_batch, MEETING, 10, 7, {le.id: 8, tt.id: 5})
    result = {i.id: i.status for i in detail.items}
    assert result == {le.id: "submitted", tt.id: "rejected"}, "8/10 = 80% passes; 5/10 is not more than half"


# --- quota ----------------------------------------------------------------------------------------------------------


def _party_org(db: Database) -> tuple[int, int, int]:
    committee = units.save_unit(
        db, UnitRecord(name="Đảng ủy phường X", kind="party_committee", is_party_org=True)
    )
    cell = units.save_unit(
        db, UnitRecord(name="Chi bộ Khu phố 1", kind="party_cell", is_party_org=True, parent_id=committee.id)
    )
    campaign = campaigns.save_campaign(
        db,
        campaigns.CampaignRecord(
            name="Thi đua năm 2025",
            kind="annual",
            phases=[campaigns.PhaseRecord(number=1, review_kind="final", review_date=date(2025, 12, 20))],
        ),
    )
    assert committee.id and cell.id and campaign.id
    return committee.id, cell.id, campaign.id


def test_htxsnv_cap_is_checked_on_the_batch(db: Database) -> None:
    """Quy định 366-QĐ/TW Điều 11 khoản 1.5: HTXSNV ≤ 20% (25% for a unit rated tiêu biểu) of the number rated
    «Hoàn thành tốt nhiệm vụ» — 12 rated HTTNV allow 2 (3 with tiêu biểu), whereas a base of «HTTNV or better»
    (15) would wrongly allow 3."""
    committee, cell, campaign_id = _party_org(db)
    people = []
    for index in range(15):
        person = persons.save_person(
            db,
            PersonRecord(
                full_name=f"Đảng viên {index:02d}",
                unit_id=cell,
                is_party_member=True,
                party_join_date=date(2000, 1, 1),
                category="citizen",
            ),
        )
        level = "excellent" if index < 3 else "good"
        records.save_rating(
            db, records.RatingRecord(subject_type="person", subject_id=person.id, year=2025, level=level)
        )
        people.append(person)
    [campaign] = campaigns.list_campaigns(db)
    batch = batches.create_batch(db, campaign_id, campaign.phases[0].id, "party_committee")
    assert batch.id is not None
    items = [batches.add_candidate(db, batch.id, "person", p.id or 0, "XL_HTXSNV") for p in people[:3]]
    [line] = batches.quota_check(db, batch.id)
    assert (line.group, line.year, line.excellent, line.base, line.allowed) == ("Đảng viên", 2025, 3, 12, 2)
    assert line.breached and line.message.startswith("Vượt tỷ lệ")
    assert "được xếp loại «Hoàn thành tốt nhiệm vụ»" in line.message and "Điều 11" in line.message
    batches.remove_item(db, items[0].id)
    [line] = batches.quota_check(db, batch.id)
    assert (line.excellent, line.allowed, line.breached) == (2, 2, False)
    assert line.message.startswith("Trong tỷ lệ")
    records.save_rating(
        db,
        records.RatingRecord(
            subject_type="unit", subject_id=committee, year=2025, level="excellent", is_outstanding=True
        ),
    )
    batches.add_candidate(db, batch.id, "person", people[0].id or 0, "XL_HTXSNV")
    [line] = batches.quota_check(db, batch.id)
    assert (line.cap_percent, line.base, line.allowed, line.breached) == (25.0, 12, 3, False), (
        "25% of the 12 rated HTTNV for an outstanding committee"
    )


def test_htxsnv_cap_base_is_just_the_httnv_count() -> None:
    """QĐ 366 Điều 11 khoản 1.5 at the boundary: 10 rated HTTNV allow exactly 2 (20%); 9 allow 1."""
    from thidua_desktop.core.rules.quota import QuotaLine

    assert not QuotaLine("Đảng viên", 2025, 2, 10, 20.0).breached
    assert QuotaLine("Đảng viên", 2025, 3, 10, 20.0).breached
    assert QuotaLine("Đảng viên", 2025, 2, 9, 20.0).breached
    assert QuotaLine("Đảng viên", 2025, 1, 0, 20.0).breached, "no one rated HTTNV: no HTXSNV allowed"


# --- money ----------------------------------------------------------------------------------------------------------


def test_money_per_item_and_total(demo_db: Database, ward_batch: int, district_batch: int) -> None:
    """NĐ 152/2025 Điều 49 khoản 2, Điều 50, 54: coefficient × the base salary of the decision date, rounded up to
    the ten thousand đồng (the amounts asserted here before were neither rounded nor dated)."""
    ubnd = add(demo_db, ward_batch, "Ủy ban nhân dân phường Nguyễn Nghiêm", "GK_CT_UBND_PHUONG.DOT")
    tuan = add(demo_db, ward_batch, "Võ Minh Tuấn", "GK_CT_UBND_PHUONG")
    bchqs = add(demo_db, district_batch, "Ban Chỉ huy Quân sự phường", "TTLDTT")
    batches.record_vote(demo_db, ward_batch, MEETING, 9, 9, {ubnd.id: 9, tuan.id: 9})
    batches.record_vote(demo_db, district_batch, MEETING, 9, 9, {bchqs.id: 9})
    for batch_id in (ward_batch, district_batch):
        batches.approve_batch(demo_db, batch_id, MEETING)
    for item in (ubnd, tuan, bchqs):
        batches.decide_item(demo_db, item.id, "15/QĐ-UBND", date(2025, 6, 20), by="Văn phòng")
    found = {i.id: i for b in (ward_batch, district_batch) for i in batches.get_batch(demo_db, b).items}
    assert (found[ubnd.id].money, found[tuan.id].money, found[bchqs.id].money) == (
        1_410_000,
        710_000,
        1_880_000,
    )
    assert "Nghị định 73/2024/NĐ-CP" in found[tuan.id].money_note
    assert batches.get_batch(demo_db, ward_batch).total_money == 1_410_000 + 710_000
    assert batches.get_batch(demo_db, district_batch).total_money == 1_880_000


def test_undecided_items_are_estimated_on_today_base_salary(demo_db: Database, ward_batch: int) -> None:
    """Before a decision the amount is an estimate on the base salary in force today (NĐ 161/2026 from
    01/07/2026): 0,3 × 2.530.000 = 759.000 → 760.000."""
    tuan = add(demo_db, ward_batch, "Võ Minh Tuấn", "GK_CT_UBND_PHUONG")
    expected = reward_amount(0.3, 0.6, "person", date.today(), code="GK_CT_UBND_PHUONG")
    assert tuan.money == expected
    if date.today() >= date(2026, 7, 1):
        assert tuan.money == 760_000


def test_two_titles_of_one_year_pay_only_the_highest(demo_db: Database) -> None:
    """NĐ 152/2025 Điều 49 khoản 5: a person given LĐTT and CSTĐCS for the same year receives the CSTĐCS money."""
    batch = batches.create_batch(
        demo_db, 1, phase_id(demo_db, 2), "ward_chairman", by="Ban Tổ chức", on=MEETING
    )
    assert batch.id is not None
    ldtt = add(demo_db, batch.id, "Võ Minh Tuấn", "LDTT", reason="kiểm thử tiền thưởng")
    cstdcs = add(demo_db, batch.id, "Võ Minh Tuấn", "CSTDCS", reason="kiểm thử tiền thưởng")
    found = {i.id: i for i in batches.get_batch(demo_db, batch.id).items}
    assert found[ldtt.id].money == 0 and "danh hiệu cao hơn" in found[ldtt.id].money_note
    assert found[cstdcs.id].money == reward_amount(1.0, None, "person", date.today(), code="CSTDCS")


def test_rejected_items_cost_nothing(demo_db: Database, ward_batch: int) -> None:
    tuan = add(demo_db, ward_batch, "Võ Minh Tuấn", "GK_CT_UBND_PHUONG")
    batches.record_vote(demo_db, ward_batch, MEETING, 9, 9, {tuan.id: 1})
    assert batches.get_batch(demo_db, ward_batch).total_money == 0
    with pytest.raises(ValidationError, match="Không còn đề nghị nào đủ số phiếu"):
        batches.approve_batch(demo_db, ward_batch, MEETING)


def test_two_thirds_survives_the_two_decimal_setting() -> None:
    """Quorum 2/3 and vote thresholds: 6 of 9 present is a quorum, also once 2/3 is saved as 66,67%."""
    from thidua_desktop.core.rules.params import RuleParams
    from thidua_desktop.core.rules.quota import quorum_met, vote_rule

    for params in (RuleParams(), RuleParams(quorum_percent=66.67)):
        assert quorum_met(6, 9, params) and not quorum_met(5, 9, params)
    params = RuleParams()
    assert vote_rule("CSTDCS", params).passes(8, 10) and not vote_rule("CSTDCS", params).passes(7, 9)
    assert vote_rule("CSTD_TINH", params).passes(9, 10) and not vote_rule("CSTD_TINH", params).passes(8, 9)
    assert vote_rule("LDTT", params).passes(6, 11) and not vote_rule("LDTT", params).passes(5, 10)


def test_a_party_batch_is_decided_by_the_committee_without_a_council_ballot(demo_db: Database) -> None:
    """Issue 10 point 11: Party awards are decided by the cấp ủy / Ban Thường vụ (Điều lệ Đảng Điều 34; Hướng dẫn
    06-HD/TW mục 19), not put through the State council's secret ballot, and no 50% threshold is invented."""
    db = demo_db
    party = batches.create_batch(db, 1, phase_id(db), "party_committee", on=MEETING).id
    assert party is not None
    ha = add(db, party, "Phạm Thị Thu Hà", "GK_DANG_UY")
    lan = add(db, party, "Đỗ Thị Lan", "GK_DANG_UY")
    assert ha.vote_passed is None
    with pytest.raises(ValidationError, match="không qua bỏ phiếu của Hội đồng"):
        batches.record_vote(db, party, MEETING, 9, 9, {ha.id: 9, lan.id: 9})
    detail = batches.approve_batch(db, party, MEETING, by="Ban Thường vụ", rejected={lan.id: "Chưa đủ hồ sơ"})
    status = {i.id: i.status for i in detail.items}
    assert status == {ha.id: "approved", lan.id: "rejected"}
    assert detail.batch.status == "approved" and detail.batch.council_members is None
    item = batches.decide_item(db, ha.id, "25-QĐ/ĐU", date(2025, 6, 2), "Nguyễn Thị Ngọc Dung")
    assert item.status == "decided"
    assert batches.get_batch(db, party).batch.status == "decided"


def test_a_state_batch_still_needs_the_council_vote_first(demo_db: Database, ward_batch: int) -> None:
    add(demo_db, ward_batch, "Võ Minh Tuấn", "GK_CT_UBND_PHUONG")
    with pytest.raises(ValidationError, match="không thể duyệt"):
        batches.approve_batch(demo_db, ward_batch, MEETING)
