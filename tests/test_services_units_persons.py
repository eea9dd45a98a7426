"""Units, people, households, campaigns, settings and the catalogue through the services (no Qt)."""

from __future__ import annotations

from datetime import date

import pytest

from thidua_desktop.core.errors import DependentRecordsError, NotFoundError, ValidationError
from thidua_desktop.core.services import campaigns, catalogue, households, persons, settings, units
from thidua_desktop.core.services.campaigns import CampaignRecord, PhaseRecord
from thidua_desktop.core.services.persons import PersonRecord
from thidua_desktop.core.services.units import UnitRecord
from thidua_desktop.core.storage.database import Database


def _unit(db: Database, name: str = "Chi bộ Tổ dân phố 7", parent: int | None = None) -> UnitRecord:
    return units.save_unit(db, UnitRecord(name=name, kind="party_cell", is_party_org=True, parent_id=parent))


def test_unit_tree_is_listed_parents_first(db: Database) -> None:
    root = units.save_unit(db, UnitRecord(name="Đảng ủy phường", kind="party_committee", is_party_org=True))
    child_b = _unit(db, "Chi bộ B", root.id)
    child_a = _unit(db, "Chi bộ A", root.id)
    listed = units.list_units(db)
    assert [u.name for u in listed] == ["Đảng ủy phường", "Chi bộ A", "Chi bộ B"]
    assert [u.depth for u in listed] == [0, 1, 1]
    assert listed[1].parent_name == "Đảng ủy phường"
    assert {child_a.id, child_b.id} == {u.id for u in listed[1:]}


def test_unit_name_is_required_and_cleaned(db: Database) -> None:
    with pytest.raises(ValidationError, match="Chưa nhập tên đơn vị") as caught:
        units.save_unit(db, UnitRecord(name="   ", kind="party_cell"))
    assert caught.value.field == "name"
    saved = units.save_unit(db, UnitRecord(name="  Chi  bộ   Tổ dân phố 8 ", kind="party_cell"))
    assert saved.name == "Chi bộ Tổ dân phố 8"


def test_unit_cannot_be_its_own_ancestor(db: Database) -> None:
    root = _unit(db, "Gốc")
    child = _unit(db, "Con", root.id)
    root.parent_id = child.id
    with pytest.raises(ValidationError, match="không được là chính nó"):
        units.save_unit(db, root)


def test_women_cannot_outnumber_members(db: Database) -> None:
    with pytest.raises(ValidationError, match="Số nữ"):
        units.save_unit(
            db, UnitRecord(name="Hội Phụ nữ", kind="mass_organization", member_count=3, female_count=4)
        )


def test_deleting_a_unit_with_people_is_refused_with_the_reason(db: Database) -> None:
    unit = _unit(db)
    persons.save_person(db, PersonRecord(full_name="Nguyễn Văn An", unit_id=unit.id))
    with pytest.raises(DependentRecordsError, match="1 cá nhân"):
        units.delete_unit(db, unit.id)
    assert units.get_unit(db, unit.id).name == unit.name


def test_delete_unit_without_dependents(db: Database) -> None:
    unit = _unit(db)
    units.delete_unit(db, unit.id)
    with pytest.raises(NotFoundError):
        units.get_unit(db, unit.id)


def test_find_unit_ignores_case_and_diacritics(db: Database) -> None:
    unit = units.save_unit(
        db, UnitRecord(name="Chi bộ Tổ dân phố 5", short_name="CB TDP 5", kind="party_cell")
    )
    assert units.find_unit_by_name(db, "CHI BO TO DAN PHO 5").id == unit.id
    assert units.find_unit_by_name(db, "cb tdp 5").id == unit.id
    assert units.find_unit_by_name(db, "Chi bộ Tổ dân phố 6") is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"birth_date": date(2100, 1, 1)}, "birth_date", "Ngày sinh không được sau"),
        ({"party_join_date": date(1990, 1, 1), "is_party_member": True}, "party_join_date", "ít nhất 18 năm"),
        (
            {
                "party_join_date": date(2010, 5, 1),
                "party_official_date": date(2010, 4, 1),
                "is_party_member": True,
            },
            "party_official_date",
            "không được trước ngày vào Đảng",
        ),
        ({"party_card_number": "50.1"}, "is_party_member", "phải đánh dấu là đảng viên"),
        ({"gender": "x"}, "gender", "Giới tính"),
    ],
)
def test_person_validation(db: Database, changes: dict, field: str, message: str) -> None:
    record = PersonRecord(full_name="Trần Thị Bình", **{"birth_date": date(1980, 1, 1), **changes})
    with pytest.raises(ValidationError, match=message) as caught:
        persons.save_person(db, record)
    assert caught.value.field == field


def test_people_sorted_by_given_name_then_family(db: Database) -> None:
    for name in ("Nguyễn Văn Đức", "Trần Thị Dung", "Lê Văn An", "Phạm Thị Ân", "Nguyễn Văn An"):
        persons.save_person(db, PersonRecord(full_name=name))
    assert [p.full_name for p in persons.list_persons(db)] == [
        "Lê Văn An",
        "Nguyễn Văn An",
        "Phạm Thị Ân",
        "Trần Thị Dung",
        "Nguyễn Văn Đức",
    ]


def test_people_of_a_unit_and_its_subunits(db: Database) -> None:
    root = _unit(db, "Đảng ủy")
    cell = _unit(db, "Chi bộ 1", root.id)
    persons.save_person(db, PersonRecord(full_name="A Văn Một", unit_id=root.id))
    persons.save_person(db, PersonRecord(full_name="B Văn Hai", unit_id=cell.id))
    assert [p.full_name for p in persons.list_persons(db, root.id)] == ["A Văn Một"]
    assert len(persons.list_persons(db, root.id, include_subunits=True)) == 2


def test_person_edit_is_saved_and_audited(db: Database) -> None:
    from thidua_desktop.core.services.audit_log import history

    saved = persons.save_person(db, PersonRecord(full_name="Võ Minh Tuấn", position="Công chức"))
    saved.position = "Phó Chủ tịch UBND phường"
    persons.save_person(db, saved)
    assert persons.get_person(db, saved.id).position == "Phó Chủ tịch UBND phường"
    entries = history(db, "person", saved.id)
    assert [e.action for e in entries] == ["insert", "update"]
    assert entries[1].changed_fields() == {"position": ("Công chức", "Phó Chủ tịch UBND phường")}


def test_find_persons_by_folded_name_and_birth(db: Database) -> None:
    persons.save_person(db, PersonRecord(full_name="Nguyễn Thị Ơn", birth_date=date(1955, 11, 7)))
    assert len(persons.find_persons(db, "NGUYEN THI ON")) == 1
    assert persons.find_persons(db, "Nguyễn Thị Ơn", date(1955, 11, 8)) == []


def test_household_crud(db: Database) -> None:
    group = units.save_unit(db, UnitRecord(name="Tổ dân phố 1", kind="residential_group"))
    saved = households.save_household(
        db,
        households.HouseholdRecord(
            head_name="Phan Văn Bảy", address="12 Trần Hưng Đạo", residential_group_id=group.id
        ),
    )
    assert households.list_households(db, group.id)[0].residential_group_name == "Tổ dân phố 1"
    with pytest.raises(DependentRecordsError, match="hộ gia đình"):
        units.delete_unit(db, group.id)
    households.delete_household(db, saved.id)
    assert households.list_households(db) == []


def test_campaign_with_phases(db: Database) -> None:
    record = CampaignRecord(
        name="Thi đua cao điểm",
        kind="drive",
        start_date=date(2024, 9, 1),
        end_date=date(2026, 6, 30),
        phases=[
            PhaseRecord(number=1, review_kind="interim", review_date=date(2025, 5, 28)),
            PhaseRecord(number=2, review_kind="final", review_date=date(2026, 7, 15)),
        ],
    )
    saved = campaigns.save_campaign(db, record)
    assert [p.number for p in saved.phases] == [1, 2]
    assert saved.phases[0].label == "Giai đoạn 1 (sơ kết 05/2025)"
    saved.phases = saved.phases[:1]
    assert len(campaigns.save_campaign(db, saved).phases) == 1


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (CampaignRecord(name="X", start_date=date(2025, 1, 2), end_date=date(2025, 1, 1)), "Ngày kết thúc"),
        (CampaignRecord(name="X", phases=[PhaseRecord(number=1), PhaseRecord(number=1)]), "trùng số thứ tự"),
        (CampaignRecord(name=""), "Chưa nhập tên phong trào"),
        (CampaignRecord(name="X", kind="weekly"), "Loại phong trào"),
    ],
)
def test_campaign_validation(db: Database, record: CampaignRecord, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        campaigns.save_campaign(db, record)


def test_settings_round_trip(db: Database) -> None:
    current = settings.load_settings(db)
    assert current.committee_name == "Đảng ủy phường Nguyễn Nghiêm"
    current.superior_party_committee = "Tỉnh ủy Quảng Ngãi"
    current.authority_district_party_standing = "Ban Thường vụ Thành ủy Quảng Ngãi (cũ)"
    settings.save_settings(db, current)
    loaded = settings.load_settings(db)
    assert loaded.authority_name("district_party_standing") == "Ban Thường vụ Thành ủy Quảng Ngãi (cũ)"
    assert loaded.authority_name("ward_chairman") == "Chủ tịch Ủy ban nhân dân phường Nguyễn Nghiêm"


def test_catalogue_is_seeded_once_and_user_edits_survive(db: Database, data_dir) -> None:
    from thidua_desktop.core.bootstrap import open_data

    forms = catalogue.list_award_forms(db)
    assert {"LDTT", "CSTDCS", "TTLDTT", "GK_DANG_UY", "HUY_HIEU_DANG"} <= {f.code for f in forms}
    ldtt = catalogue.award_form_by_code(db, "LDTT")
    ldtt.coefficient_person = 0.35
    catalogue.save_award_form(db, ldtt)
    db.close()
    with open_data(data_dir) as again:
        assert catalogue.award_form_by_code(again, "LDTT").coefficient_person == 0.35
        assert len(catalogue.list_award_forms(again)) == len(forms)


def test_catalogue_codes_are_unique_and_subjects_required(db: Database) -> None:
    with pytest.raises(ValidationError, match="đã được dùng"):
        catalogue.save_award_form(db, catalogue.AwardFormRecord(code="LDTT", name="Trùng", for_person=True))
    with pytest.raises(ValidationError, match="ít nhất một loại đối tượng"):
        catalogue.save_award_form(db, catalogue.AwardFormRecord(code="MOI", name="Mới"))


def test_party_and_state_never_mix_in_the_catalogue(db: Database) -> None:
    """Issue 10 point 11: editing a form's authority cannot let a Party body award LĐTT, nor a UBND chairman the
    Huy hiệu Đảng; a shipped form keeps its side; a new form follows the same rule."""
    ldtt = catalogue.award_form_by_code(db, "LDTT")
    ldtt.authority = "party_committee"
    with pytest.raises(ValidationError, match="không có thẩm quyền tặng hình thức khen thưởng của Nhà nước"):
        catalogue.save_award_form(db, ldtt)
    badge = catalogue.award_form_by_code(db, "HUY_HIEU_DANG")
    badge.authority = "ward_chairman"
    with pytest.raises(ValidationError, match="không có thẩm quyền tặng hình thức khen thưởng của Đảng"):
        catalogue.save_award_form(db, badge)
    moved = catalogue.award_form_by_code(db, "LDTT")
    moved.side, moved.authority = "party", "party_committee"
    with pytest.raises(ValidationError, match="không đổi được sang khen thưởng của Đảng"):
        catalogue.save_award_form(db, moved)
    new = catalogue.AwardFormRecord(
        code="GK_MTTQ",
        name="Giấy khen của Ủy ban MTTQ",
        for_person=True,
        side="party",
        authority="ward_chairman",
    )
    with pytest.raises(ValidationError, match="không có thẩm quyền"):
        catalogue.save_award_form(db, new)
    assert catalogue.award_form_by_code(db, "LDTT").authority == "ward_chairman"
