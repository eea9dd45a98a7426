"""Who decides, by the review date (issue 10 point 3): Luật TĐKT 2022 Điều 80 until 30/06/2025, Nghị định
129/2025/NĐ-CP Điều 59 from 01/07/2025; Party awards by Hướng dẫn 01-HD/TW / 06-HD/TW mục 19 and Quy định
294-QĐ/TW; the grassroots standing of a chi bộ is a per-unit fact."""

from __future__ import annotations

from datetime import date

import pytest
from test_rules_criteria import party_cell, person

from thidua_desktop.core.rules import law
from thidua_desktop.core.rules.authority import decider
from thidua_desktop.core.settings_schema import OrganizationSettings

BEFORE, AFTER = date(2025, 6, 30), date(2025, 7, 1)


@pytest.mark.parametrize(
    ("code", "before", "after"),
    [
        ("CSTDCS", "district_chairman", "ward_chairman"),
        ("TTLDTT", "district_chairman", "ward_chairman"),
        ("TDP_VAN_HOA", "district_chairman", "ward_chairman"),
        ("LDTT", "ward_chairman", "ward_chairman"),
        ("GK_CT_UBND_PHUONG", "ward_chairman", "ward_chairman"),
        ("GD_VAN_HOA", "ward_chairman", "ward_chairman"),
        ("TTLDXS", "province_chairman", "province_chairman"),
        ("GK_BTV_DANG_UY", "district_party_standing", "party_standing"),
        ("BK_BTV_TINH_UY", "superior_party_standing", "superior_party_standing"),
    ],
)
def test_the_deciding_body_changes_on_1_july_2025(code: str, before: str, after: str) -> None:
    assert decider(code, code, person(), BEFORE, "").authority == before
    found = decider(code, code, person(), AFTER, "")
    assert found.authority == after
    if code in {"CSTDCS", "TTLDTT", "TDP_VAN_HOA"}:
        assert decider(code, code, person(), BEFORE, "").source == "Luật TĐKT 2022 Điều 80 khoản 2"
        assert found.source == "Nghị định 129/2025/NĐ-CP Điều 59"


def test_before_the_tables_the_decider_is_unknown_not_the_catalogue() -> None:
    found = decider("CSTDCS", "CSTDCS", person(), date(2017, 9, 30), "ward_chairman")
    assert not found.known and "chưa được mô hình hóa" in found.source


def test_forms_outside_the_tables_follow_the_catalogue() -> None:
    found = decider("GK_SO", "GK_SO", person(), AFTER, "province_chairman")
    assert (found.authority, found.source) == (
        "province_chairman",
        "Danh mục hình thức khen thưởng (thiết lập)",
    )


def test_yearly_party_giay_khen_follows_the_chi_bo_standing() -> None:
    """Before 01/07/2025 the ward Đảng ủy (then grassroots) signs for all; after, a chi bộ cơ sở and its members are
    commended by the ward committee, a chi bộ under a grassroots đảng ủy by that đảng ủy; unknown standing is
    said, not guessed."""
    settings = OrganizationSettings()
    grassroots = party_cell(is_grassroots=True)
    under = party_cell(is_grassroots=False, grassroots_committee="Đảng ủy Công an phường")
    unrecorded = party_cell(is_grassroots=None)
    assert decider("GK_DANG_UY", "GK_DANG_UY", under, BEFORE, "").authority == "party_committee"
    assert decider("GK_DANG_UY", "GK_DANG_UY", grassroots, AFTER, "").authority == "party_committee"
    named = decider("GK_DANG_UY", "GK_DANG_UY", under, AFTER, "")
    assert (named.authority, named.name(settings)) == ("grassroots_party_committee", "Đảng ủy Công an phường")
    member = person(is_grassroots=False, grassroots_committee="Đảng ủy Công an phường")
    assert decider("GK_DANG_UY", "GK_DANG_UY", member, AFTER, "").name(settings) == "Đảng ủy Công an phường"
    missing = decider("GK_DANG_UY", "GK_DANG_UY", unrecorded, AFTER, "")
    assert not missing.known and "chi bộ cơ sở" in missing.source


def test_a_chi_bo_directly_under_the_ward_committee_is_grassroots(demo_db: object) -> None:
    """Quy định 294-QĐ/TW: organizations directly under the ward committee are grassroots unless recorded
    otherwise; a chi bộ recorded as under a grassroots đảng ủy names it."""
    from thidua_desktop.core.models import Unit
    from thidua_desktop.core.rules.facts import grassroots_of
    from thidua_desktop.core.services import units
    from thidua_desktop.core.services.units import UnitRecord

    db = demo_db
    top = next(u for u in units.list_units(db) if u.kind == "party_committee" and u.parent_id is None)  # type: ignore[arg-type]
    police = units.save_unit(
        db,  # type: ignore[arg-type]
        UnitRecord(
            name="Đảng ủy Công an phường", kind="party_committee", is_party_org=True, parent_id=top.id
        ),
    )
    cell = units.save_unit(
        db,  # type: ignore[arg-type]
        UnitRecord(name="Chi bộ Cảnh sát khu vực", kind="party_cell", is_party_org=True, parent_id=police.id),
    )
    with db.session() as session:  # type: ignore[attr-defined]
        rows = {u.id: u for u in session.query(Unit)}
        rows[police.id].is_grassroots = True
        rows[cell.id].is_grassroots = False
        session.flush()
        assert grassroots_of(rows[police.id], rows) is True
        assert grassroots_of(rows[cell.id], rows) is False
        assert grassroots_of(rows[top.id], rows) is None
    from thidua_desktop.core.rules.facts import load_facts

    book = load_facts(db, 2025)  # type: ignore[arg-type]
    facts = book.get("unit", cell.id or 0)
    assert facts is not None and facts.grassroots_committee == "Đảng ủy Công an phường"


def test_party_and_state_authorities_never_mix() -> None:
    assert law.side_of_authority("ward_chairman") == "state"
    assert law.side_of_authority("district_party_standing") == "party"
    assert law.side_of_authority("central") is None
