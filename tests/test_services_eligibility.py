"""The candidates of the demo campaign at its 05/2025 interim review, the Party/state separation, and the badges."""

from __future__ import annotations

from datetime import date

import pytest

from thidua_desktop.core.rules.engine import Outcome
from thidua_desktop.core.rules.forms import RULESETS_BY_CODE
from thidua_desktop.core.services import badges, eligibility
from thidua_desktop.core.services.eligibility import CandidateRecord
from thidua_desktop.core.storage.database import Database


@pytest.fixture
def interim(demo_db: Database) -> list[CandidateRecord]:
    review, found = eligibility.list_candidates(demo_db, 1, 1)
    assert (review.review_date, review.year, review.phase_number) == (date(2025, 5, 28), 2024, 1)
    return found


def pick(records: list[CandidateRecord], name: str, code: str) -> CandidateRecord:
    [found] = [r for r in records if r.subject_name == name and r.ruleset_code == code]
    return found


@pytest.mark.parametrize(
    ("name", "code", "result", "fragment"),
    [
        (
            "Phạm Thị Thu Hà",
            "CSTD_TINH",
            "fail",
            "Chưa đủ: 2/3 năm liền đạt Chiến sĩ thi đua cơ sở (thiếu năm 2023)",
        ),
        ("Phạm Thị Thu Hà", "CSTDCS", "pass", "Hoàn thành xuất sắc nhiệm vụ"),
        ("Đỗ Thị Lan", "BK_CT_UBND_TINH", "pass", "2/2 năm liền đạt Chiến sĩ thi đua cơ sở"),
        ("Đỗ Thị Lan", "GK_BTV_DANG_UY", "pass", "5/5 năm liền"),
        ("Đỗ Thị Lan", "CSTD_TINH", "unknown", "chưa ghi ngày công nhận"),
        ("Huỳnh Thị Mỹ Lệ", "CSTDCS", "pass", "Sổ tay điện tử"),
        ("Võ Minh Tuấn", "LDTT", "fail", "Đã được tặng Lao động tiên tiến năm 2024"),
        ("Võ Minh Tuấn", "CSTDCS", "fail", "không có sáng kiến được công nhận trong năm"),
        ("Hà Văn Nam", "LDTT", "fail", "Bị kỷ luật khiển trách từ 10/09/2024"),
        (
            "Lê Thị Hồng Nhung",
            "GK_BTV_DANG_UY",
            "fail",
            "4/5 năm liền đạt Hoàn thành xuất sắc nhiệm vụ (thiếu năm 2023)",
        ),
        ("Ban Chỉ huy Quân sự phường", "TTLDXS", "pass", "4/5 thành viên (80%)"),
        ("Ủy ban nhân dân phường Nguyễn Nghiêm", "TTLDTT", "unknown", "mới có dữ liệu 4/22 thành viên"),
        ("Ủy ban nhân dân phường Nguyễn Nghiêm", "GK_CT_UBND_PHUONG.DOT", "pass", "3/3 chỉ tiêu"),
        ("Chi bộ Tổ dân phố 1", "GK_DANG_UY.DOT", "pass", "3/3 chỉ tiêu"),
        ("Chi bộ Tổ dân phố 1", "GK_BTV_DANG_UY", "fail", "thành tích tính lại từ năm 2023"),
        ("Chi bộ Tổ dân phố 2", "GK_DANG_UY.DOT", "fail", "98/100 %"),
        (
            "Chi bộ Tổ dân phố 2",
            "GK_DANG_UY",
            "fail",
            "không được đánh giá «trong sạch, vững mạnh tiêu biểu»",
        ),
        ("Chi bộ Tổ dân phố 3", "GK_DANG_UY.DOT", "unknown", "chưa có minh chứng đã xác minh"),
        ("Công an phường Nguyễn Nghiêm", "GK_CT_UBND_PHUONG.DOT", "unknown", "Kiểm tra công tác phòng cháy"),
    ],
)
def test_demo_interim_review_names(
    interim: list[CandidateRecord], name: str, code: str, result: str, fragment: str
) -> None:
    found = pick(interim, name, code)
    assert found.result == result, found.main_reason
    assert fragment in found.main_reason


def test_demo_interim_review_is_a_realistic_mix(interim: list[CandidateRecord]) -> None:
    by_result = {o: [r for r in interim if r.result == o] for o in ("pass", "unknown", "fail")}
    assert all(len(rows) >= 20 for rows in by_result.values()), {k: len(v) for k, v in by_result.items()}
    ranks = [Outcome(r.result).rank for r in interim]
    assert ranks == sorted(ranks), "qualified first, then doubtful, then the rest"
    first_pass_scores = [r.score for r in by_result["pass"]]
    assert set(first_pass_scores) == {100}
    hà = pick(interim, "Phạm Thị Thu Hà", "CSTDCS")
    assert hà.proposal_status == "sent", (
        "the demo already proposes her (sent to the district): the list says so"
    )
    every = {r.ruleset_code for r in interim}
    assert every == set(RULESETS_BY_CODE) - {"HUY_HIEU_DANG"}


def test_each_reason_cites_its_article(interim: list[CandidateRecord]) -> None:
    for record in interim:
        assert record.reasons
        for reason in record.reasons:
            assert reason.article and reason.message and reason.result in {"pass", "fail", "unknown"}
    old = pick(interim, "Hồ Ngọc Ánh", "XL_HTXSNV").reasons[0]
    assert old.article == "Quy định 124-QĐ/TW", "05/2025 is judged by the rules then in force"


def test_a_later_review_date_applies_the_newer_rules(demo_db: Database) -> None:
    _review, found = eligibility.list_candidates(
        demo_db, 1, 1, review_date=date(2025, 9, 15), ruleset_codes=["XL_HTXSNV"]
    )
    assert {r.reasons[0].article for r in found} == {"Quy định 366-QĐ/TW; Hướng dẫn 43-HD/BTCTW"}


def test_party_and_state_sides_never_cross(interim: list[CandidateRecord], demo_db: Database) -> None:
    from thidua_desktop.core.services import persons, units

    party_people = {p.id for p in persons.list_persons(demo_db) if p.is_party_member}
    party_units = {u.id for u in units.list_units(demo_db) if u.is_party_org}
    for record in interim:
        if record.side == "party":
            members = party_people if record.subject_type == "person" else party_units
            assert record.subject_id in members, (record.subject_name, record.form_name)
        elif record.subject_type == "unit":
            assert record.subject_id not in party_units, (record.subject_name, record.form_name)
    le = {r.ruleset_code for r in interim if r.subject_name == "Huỳnh Thị Mỹ Lệ"}
    assert le and all(RULESETS_BY_CODE[c].side == "state" for c in le)
    cell = {r.ruleset_code for r in interim if r.subject_name == "Chi bộ Tổ dân phố 1"}
    assert cell and all(RULESETS_BY_CODE[c].side == "party" for c in cell)


def test_citizens_get_no_labour_titles(interim: list[CandidateRecord]) -> None:
    codes = {r.ruleset_code for r in interim if r.subject_name == "Lương Thị Cúc"}
    assert "LDTT" not in codes and "CSTDCS" not in codes
    assert "GK_DANG_UY" in codes


def test_badges_at_19_may_2025(demo_db: Database) -> None:
    found = {b.full_name: b for b in badges.list_badge_candidates(demo_db, date(2025, 5, 19))}
    assert {n: (b.milestone, b.result) for n, b in found.items()} == {
        "Lương Thị Cúc": (30, "pass"),
        "Huỳnh Văn Tám": (30, "pass"),
        "Trương Công Danh": (45, "pass"),
        "Trần Thị Ơn": (40, "pass"),
        "Châu Thị Xuân": (30, "unknown"),
        "Phạm Văn Đức": (55, "fail"),
    }
    tam = found["Huỳnh Văn Tám"]
    assert (tam.party_join_date, tam.party_age_years, tam.gap_count) == (date(1990, 5, 19), 30, 1)
    assert "kỷ luật khiển trách" in found["Phạm Văn Đức"].note, (
        "the demo's Party khiển trách (12-QĐ/ĐU) runs to 09/07/2025, past the occasion (Quy định 24-QĐ/TW)"
    )
    assert not any(b.early for b in found.values())


def test_badges_early_only_on_request(demo_db: Database) -> None:
    early = [
        b for b in badges.list_badge_candidates(demo_db, date(2025, 5, 19), include_early=True) if b.early
    ]
    assert {b.full_name for b in early} == {"Nguyễn Văn Ân", "Nguyễn Thị Ngọc Dung", "Lý Văn Khải"}
    assert all(b.result == "unknown" and "ốm nặng" in b.note for b in early)


def test_badges_on_3_february_2025_see_milestones_already_given(demo_db: Database) -> None:
    found = {b.full_name: b for b in badges.list_badge_candidates(demo_db, date(2025, 2, 3))}
    assert "Phan Văn Bảy" not in found, "his 50-year badge of 03/02/2025 is on record"
    assert "Lương Thị Cúc" not in found
    assert found["Trần Thị Ơn"].milestone == 40


def test_facts_are_loaded_in_a_fixed_number_of_queries(demo_db: Database) -> None:
    """No query per subject: adding 40 people with ratings does not add queries."""
    from sqlalchemy import event

    from thidua_desktop.core.rules.facts import load_facts
    from thidua_desktop.core.services import persons, records
    from thidua_desktop.core.services.persons import PersonRecord

    def count() -> int:
        statements: list[str] = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(demo_db.engine, "before_cursor_execute", listener)
        try:
            load_facts(demo_db, 2024, 1, 1)
        finally:
            event.remove(demo_db.engine, "before_cursor_execute", listener)
        return len(statements)

    before = count()
    for index in range(40):
        person = persons.save_person(demo_db, PersonRecord(full_name=f"Người thứ {index}", category="worker"))
        records.save_rating(
            demo_db,
            records.RatingRecord(subject_type="person", subject_id=person.id, year=2024, level="good"),
        )
    assert count() == before
    assert before < 25
