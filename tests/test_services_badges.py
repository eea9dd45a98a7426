"""Party badge services: due vs overdue rows, recording a badge already awarded, other anniversaries as occasions
(a setting), the kind of discipline (Party or State) on the record, and the waits no longer read from settings."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from thidua_desktop.cli import main
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import Discipline, Setting
from thidua_desktop.core.rules.params import load_rule_params
from thidua_desktop.core.rules.party_age import Occasion
from thidua_desktop.core.services import badges, persons, records, units
from thidua_desktop.core.services.persons import PersonRecord
from thidua_desktop.core.services.units import UnitRecord
from thidua_desktop.core.storage.database import Database

OCCASION = date(2025, 9, 2)


@pytest.fixture
def cell(db: Database) -> int:
    saved = units.save_unit(db, UnitRecord(name="Chi bộ Khu phố 2", kind="party_cell", is_party_org=True))
    assert saved.id is not None
    return saved.id


def add_member(db: Database, cell: int, name: str, joined: date) -> int:
    saved = persons.save_person(
        db, PersonRecord(full_name=name, unit_id=cell, is_party_member=True, party_join_date=joined)
    )
    assert saved.id is not None
    return saved.id


def listed(db: Database, occasion: date = OCCASION) -> dict[str, badges.BadgeRecord]:
    return {b.full_name: b for b in badges.list_badge_candidates(db, occasion)}


# --- point 13: due vs overdue, and recording «đã trao» --------------------------------------------------------------


def test_rows_say_due_or_overdue(db: Database, cell: int) -> None:
    """Hướng dẫn 06-HD/TW mục 18: 30 years reached the day after the previous occasion (19/05/2025) is due on
    02/09/2025; reached on 19/05/2025 and never recorded as awarded, it is overdue."""
    add_member(db, cell, "Lê Văn Đến", date(1995, 5, 20))
    add_member(db, cell, "Trần Thị Quá", date(1995, 5, 19))
    found = listed(db)
    assert (found["Lê Văn Đến"].status, found["Lê Văn Đến"].status_label) == ("due", "Đến hạn")
    assert (found["Trần Thị Quá"].status, found["Trần Thị Quá"].status_label) == ("overdue", "Quá hạn")
    assert found["Trần Thị Quá"].result == "pass"


def test_recording_the_badge_awarded_removes_the_overdue_row(db: Database, cell: int) -> None:
    """Hướng dẫn 06-HD/TW mục 18: a milestone already awarded is not proposed again; recording «đã trao ngày …»
    writes a prior award HUY_HIEU_DANG «30 năm tuổi Đảng» and the row disappears."""
    member = add_member(db, cell, "Trần Thị Quá", date(1995, 5, 19))
    saved = badges.record_badge_awarded(db, member, 30, date(2025, 5, 19), "125-QĐ/TU", date(2025, 5, 10))
    assert (saved.award_code, saved.level, saved.year, saved.form_name) == (
        "HUY_HIEU_DANG",
        "30 năm tuổi Đảng",
        2025,
        "Huy hiệu Đảng",
    )
    assert (saved.decision_number, saved.decision_date) == ("125-QĐ/TU", date(2025, 5, 10))
    assert "Trần Thị Quá" not in listed(db)
    [on_record] = records.list_prior_awards(db, "person", member)
    assert on_record.id == saved.id


def test_recording_needs_a_date_and_a_milestone(db: Database, cell: int) -> None:
    """Hướng dẫn 06-HD/TW mục 18: milestones are 30, 40, 45 … 90 years; the award date is required, the decision
    optional; nothing is written when refused."""
    member = add_member(db, cell, "Trần Thị Quá", date(1995, 5, 19))
    cases = [
        (30, None, None, "Chưa nhập ngày trao", "awarded_on"),
        (35, date(2025, 5, 19), None, "không phải mốc", "milestone"),
        (30, date(2025, 5, 19), date(2025, 5, 20), "không được sau ngày trao", "decision_date"),
        (30, date(1994, 1, 1), None, "trước ngày vào Đảng", "awarded_on"),
        (30, date(2025, 12, 1), None, "sau hôm nay", "awarded_on"),
    ]
    for milestone, day, decided, message, field in cases:
        with pytest.raises(ValidationError, match=message) as raised:
            badges.record_badge_awarded(db, member, milestone, day, "", decided, today=date(2025, 9, 2))
        assert raised.value.field == field
    assert records.list_prior_awards(db) == []
    saved = badges.record_badge_awarded(db, member, 30, date(2025, 5, 19), today=date(2025, 9, 2))
    assert (saved.decision_number, saved.decision_date) == ("", None)


def test_cli_badges_json_gives_the_status(
    db: Database, data_dir: Path, cell: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI contract: «status» is "due" or "overdue" on every row of ``thidua badges --json``."""
    add_member(db, cell, "Lê Văn Đến", date(1995, 5, 20))
    add_member(db, cell, "Trần Thị Quá", date(1995, 5, 19))
    db.close()
    assert main(["--data-dir", str(data_dir), "badges", "--occasion", "2025-09-02", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["full_name"]: r["status"] for r in rows} == {"Lê Văn Đến": "due", "Trần Thị Quá": "overdue"}
    assert (
        main(["--data-dir", str(data_dir), "badges", "--occasion", "2025-09-02", "--status", "overdue"]) == 0
    )
    text = capsys.readouterr().out
    assert "Trần Thị Quá" in text and "Lê Văn Đến" not in text and "Quá hạn" in text


# --- point 10: other anniversaries (a setting) ----------------------------------------------------------------------


def test_other_anniversaries_are_a_stored_setting(db: Database, cell: int) -> None:
    """Hướng dẫn 06-HD/TW mục 18 «và các dịp kỷ niệm quan trọng khác»: stored in the ``setting`` table; the badge
    list accepts them as occasions, and refuses them before they are set."""
    add_member(db, cell, "Lê Văn Đến", date(1995, 9, 20))
    with pytest.raises(ValidationError, match="không phải đợt trao"):
        badges.list_badge_candidates(db, date(2025, 10, 1))
    saved = badges.save_extra_occasions(db, "01/10 Ngày thành lập Đảng bộ tỉnh\n15/08/2026")
    assert saved == (Occasion(1, 10, None, "Ngày thành lập Đảng bộ tỉnh"), Occasion(15, 8, 2026))
    assert badges.load_extra_occasions(db) == saved
    with db.session() as session:
        stored = session.scalar(select(Setting.value).where(Setting.key == badges.EXTRA_OCCASIONS_KEY))
    assert stored == "01/10 Ngày thành lập Đảng bộ tỉnh\n15/08/2026"
    [row] = badges.list_badge_candidates(db, date(2025, 10, 1))
    assert (row.full_name, row.milestone, row.status) == ("Lê Văn Đến", 30, "due")
    with pytest.raises(ValidationError, match="không phải đợt trao"):
        badges.list_badge_candidates(db, date(2025, 8, 15))


def test_a_wrong_anniversary_changes_nothing(db: Database) -> None:
    badges.save_extra_occasions(db, "01/10 Ngày thành lập Đảng bộ tỉnh")
    with pytest.raises(ValidationError, match="«30/02» không hợp lệ") as raised:
        badges.save_extra_occasions(db, "01/10\n30/02")
    assert raised.value.field == "extra_occasions"
    assert badges.load_extra_occasions(db) == (Occasion(1, 10, None, "Ngày thành lập Đảng bộ tỉnh"),)


def test_stored_badge_waits_of_old_versions_are_ignored(db: Database) -> None:
    """Quy định 24-QĐ/TW điểm 27: the waits are law; values once saved as settings (rule.badge_wait_months_*)
    are ignored."""
    with db.session() as session:
        session.add(Setting(key="rule.badge_wait_months_warning", value="1"))
        session.add(Setting(key="rule.badge_early_months_to_65", value="6"))
    params = load_rule_params(db)
    assert not hasattr(params, "badge_wait_months_warning")
    assert params.badge_early_months_to_65 == 6


# --- «Loại kỷ luật» on the record -----------------------------------------------------------------------------------


def test_a_new_discipline_says_party_or_state(db: Database, cell: int) -> None:
    """Quy định 24-QĐ/TW điểm 27 concerns Party discipline only, so the record says which: required for a new
    khiển trách / cảnh cáo / cách chức; implied by hạ bậc lương, giáng chức, buộc thôi việc (State) and khai trừ
    (Party); a form of the other system is refused."""
    member = add_member(db, cell, "Hà Văn Nam", date(2000, 1, 1))

    def save(form: str, system: str | None) -> records.DisciplineRecord:
        return records.save_discipline(
            db,
            records.DisciplineRecord(
                subject_id=member, form=form, start_date=date(2024, 9, 10), system=system
            ),
        )

    with pytest.raises(ValidationError, match="Chưa chọn loại kỷ luật") as raised:
        save("warning", None)
    assert raised.value.field == "system"
    assert save("warning", "state").system_label == "Kỷ luật chính quyền, đoàn thể"
    assert save("demotion", None).system == "state"
    assert save("expulsion", None).system == "party"
    for form, system in (("demotion", "party"), ("expulsion", "state")):
        with pytest.raises(ValidationError, match="không phải"):
            save(form, system)
    assert [d.system for d in records.list_disciplines(db)] == ["state", "state", "party"]


def test_an_old_discipline_without_its_kind_can_still_be_edited(db: Database, cell: int) -> None:
    """Entries recorded before the kind was asked keep «Chưa ghi» until someone knows it."""
    member = add_member(db, cell, "Hà Văn Nam", date(2000, 1, 1))
    with db.session() as session:
        row = Discipline(person_id=member, form="reprimand", start_date=date(2024, 9, 10), system=None)
        session.add(row)
        session.flush()
        row_id = row.id
    [old] = records.list_disciplines(db)
    assert (old.id, old.system, old.system_label) == (row_id, None, "Chưa ghi")
    old.reason = "Chậm trễ"
    assert records.save_discipline(db, old).system is None
