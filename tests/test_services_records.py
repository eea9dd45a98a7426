"""CRUD of the records the rules read, and the Vietnamese errors that refuse bad input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from query_count import count_queries

from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.rules.params import RuleParams, load_rule_params, save_rule_params
from thidua_desktop.core.services import persons, records, units
from thidua_desktop.core.services.persons import PersonRecord
from thidua_desktop.core.services.units import UnitRecord
from thidua_desktop.core.storage.database import Database


@pytest.fixture
def member(db: Database) -> int:
    cell = units.save_unit(db, UnitRecord(name="Chi bộ 1", kind="party_cell", is_party_org=True))
    person = persons.save_person(
        db,
        PersonRecord(
            full_name="Huỳnh Văn Tám",
            unit_id=cell.id,
            is_party_member=True,
            party_join_date=date(1990, 5, 19),
        ),
    )
    assert person.id is not None
    return person.id


def test_ratings(db: Database, member: int) -> None:
    saved = records.save_rating(
        db,
        records.RatingRecord(
            subject_type="person", subject_id=member, year=2024, level="excellent", score=92
        ),
    )
    assert (saved.subject_name, saved.level_label) == ("Huỳnh Văn Tám", "Hoàn thành xuất sắc nhiệm vụ")
    with pytest.raises(ValidationError, match="đã có xếp loại năm 2024"):
        records.save_rating(db, records.RatingRecord(subject_type="person", subject_id=member, year=2024))
    with pytest.raises(ValidationError, match="từ 0 đến 100"):
        records.save_rating(
            db, records.RatingRecord(subject_type="person", subject_id=member, year=2023, score=120)
        )
    saved.level = "good"
    records.save_rating(db, saved)
    assert [r.level for r in records.list_ratings(db, "person", member)] == ["good"]
    records.delete_rating(db, saved.id or 0)
    assert records.list_ratings(db) == []


def test_disciplines(db: Database, member: int) -> None:
    with pytest.raises(ValidationError, match="không được trước ngày bắt đầu"):
        records.save_discipline(
            db,
            records.DisciplineRecord(
                subject_id=member, form="warning", start_date=date(2024, 5, 1), end_date=date(2024, 4, 1)
            ),
        )
    saved = records.save_discipline(
        db,
        records.DisciplineRecord(
            subject_id=member, form="warning", start_date=date(2024, 5, 1), system="party"
        ),
    )
    assert (saved.form_label, saved.system_label) == ("Cảnh cáo", "Kỷ luật Đảng")
    assert len(records.list_disciplines(db, "person", member)) == 1
    records.delete_discipline(db, saved.id or 0)


def test_prior_awards_take_the_catalogue_name(db: Database, member: int) -> None:
    saved = records.save_prior_award(
        db,
        records.PriorAwardRecord(
            subject_id=member, award_code="huy_hieu_dang", level="30 năm tuổi Đảng", year=2020
        ),
    )
    assert (saved.award_code, saved.form_name) == ("HUY_HIEU_DANG", "Huy hiệu Đảng")
    with pytest.raises(ValidationError, match="Không có hình thức mã «XYZ»"):
        records.save_prior_award(db, records.PriorAwardRecord(subject_id=member, award_code="XYZ", year=2020))
    with pytest.raises(ValidationError, match="năm hoặc ngày quyết định"):
        records.save_prior_award(db, records.PriorAwardRecord(subject_id=member, award_code="LDTT"))


def test_initiatives_need_an_author(db: Database, member: int) -> None:
    with pytest.raises(ValidationError, match="ít nhất một tác giả"):
        records.save_initiative(db, records.InitiativeRecord(title="Một cửa số"))
    saved = records.save_initiative(
        db, records.InitiativeRecord(title="Một cửa số", level="province", author_ids=[member, member])
    )
    assert saved.author_names == ["Huỳnh Văn Tám"] and saved.level_label == "Cấp tỉnh"
    assert [i.title for i in records.list_initiatives(db, member)] == ["Một cửa số"]
    records.delete_initiative(db, saved.id or 0)


def test_membership_gaps(db: Database, member: int) -> None:
    gap = records.save_gap(
        db, records.GapRecord(person_id=member, start_date=date(1997, 3, 1), end_date=date(2002, 3, 1))
    )
    assert gap.person_name == "Huỳnh Văn Tám"
    with pytest.raises(ValidationError, match="Trùng với thời gian gián đoạn"):
        records.save_gap(
            db, records.GapRecord(person_id=member, start_date=date(2001, 1, 1), end_date=date(2003, 1, 1))
        )
    with pytest.raises(ValidationError, match="phải sau ngày vào Đảng"):
        records.save_gap(
            db, records.GapRecord(person_id=member, start_date=date(1989, 1, 1), end_date=date(1990, 1, 1))
        )
    citizen = persons.save_person(db, PersonRecord(full_name="Lê Văn Dân"))
    with pytest.raises(ValidationError, match="không phải đảng viên"):
        records.save_gap(
            db,
            records.GapRecord(person_id=citizen.id, start_date=date(2001, 1, 1), end_date=date(2003, 1, 1)),
        )
    records.delete_gap(db, gap.id or 0)
    assert records.list_gaps(db) == []


def test_rule_parameters_are_settings(db: Database) -> None:
    assert load_rule_params(db) == RuleParams()
    changed = RuleParams(ldtt_member_percent=75, party_consecutive_years=4)
    save_rule_params(db, changed)
    assert load_rule_params(db) == changed
    with pytest.raises(ValidationError, match="không được lớn hơn 100%"):
        save_rule_params(db, RuleParams(quorum_percent=120))


def test_listing_runs_no_query_per_subject(demo_db: Database) -> None:
    """The «Hồ sơ» tab lists every record: the subjects' names come from a few queries, however many rows."""
    listings: list[Callable[[], object]] = [
        lambda: records.list_ratings(demo_db),
        lambda: records.list_disciplines(demo_db),
        lambda: records.list_prior_awards(demo_db),
        lambda: records.list_gaps(demo_db),
    ]
    before = [count_queries(demo_db, call) for call in listings]
    members = [p for p in persons.list_persons(demo_db) if p.is_party_member]
    for person in members[:20]:
        records.save_rating(demo_db, records.RatingRecord(subject_id=person.id, year=2019, level="excellent"))
        records.save_discipline(
            demo_db,
            records.DisciplineRecord(
                subject_id=person.id, form="reprimand", start_date=date(2019, 1, 1), system="state"
            ),
        )
        records.save_prior_award(
            demo_db, records.PriorAwardRecord(subject_id=person.id, form_name="Giấy khen", year=2018)
        )
    assert len(records.list_ratings(demo_db, year=2019)) >= 20
    assert [count_queries(demo_db, call) for call in listings] == before
