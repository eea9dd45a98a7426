"""User text is always written as text, never as a formula: names, pledges, targets, evidence and decisions that
start with "=", "+", "-" or "@" come out as the same text in every workbook we export; the only formulas are the
SUM/COUNTIF totals we build ourselves."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from thidua_desktop.core.services.campaigns import CampaignRecord, PhaseRecord, save_campaign
from thidua_desktop.core.services.catalogue import award_form_by_code
from thidua_desktop.core.services.evidence import EvidenceRecord, save_evidence
from thidua_desktop.core.services.persons import PersonRecord, save_person
from thidua_desktop.core.services.pledges import PledgeRecord, TargetRecord, save_pledge
from thidua_desktop.core.services.proposals import ProposalRecord, change_status, save_proposal
from thidua_desktop.core.services.units import UnitRecord, save_unit
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.export_forms import export_forms
from thidua_desktop.exchange.export_tally import TallyKind, export_tally
from thidua_desktop.exchange.xlsx_style import Formula, bind, safe_text

HOSTILE = {
    "unit": '=HYPERLINK("http://example.invalid/","Chi bộ")',
    "person": "=1+1",
    "phone": "+84 912 345 678",
    "dash": "-",
    "at": "@SUM(A1:A9)",
    "position": "=cmd|' /C calc'!A0",
    "pledge": "=2*3 cam kết",
    "target": "@Chỉ tiêu",
    "measure": "=%",
    "evidence": "+Biên bản",
    "decision": "=12-QĐ/ĐU",
}
OUR_FORMULA = re.compile(r"^=?(SUM|COUNTIF)\([A-Z]+\d+:[A-Z]+\d+(,\"[^\"]*\")?\)$")


@pytest.fixture
def hostile_db(db: Database) -> tuple[Database, int, int]:
    unit = save_unit(db, UnitRecord(name=HOSTILE["unit"], kind="party_cell", is_party_org=True))
    assert unit.id is not None
    campaign = save_campaign(
        db,
        CampaignRecord(
            name="@Phong trào",
            phases=[PhaseRecord(number=1, start_date=date(2025, 1, 1), end_date=date(2025, 12, 31))],
        ),
    )
    assert campaign.id is not None
    people = []
    for key in ("person", "phone", "dash", "at"):
        people.append(
            save_person(
                db, PersonRecord(full_name=HOSTILE[key], unit_id=unit.id, position=HOSTILE["position"])
            )
        )
    ldtt = award_form_by_code(db, "LDTT")
    save_pledge(
        db,
        PledgeRecord(
            campaign_id=campaign.id,
            subject_type="person",
            subject_id=people[0].id,
            title_code=ldtt.code,
            content=HOSTILE["pledge"],
        ),
    )
    phase_id = campaign.phases[0].id
    pledge = save_pledge(
        db,
        PledgeRecord(
            campaign_id=campaign.id,
            subject_type="unit",
            subject_id=unit.id,
            title_code="XL_HTXSNV",
            content=HOSTILE["pledge"],
            targets=[
                TargetRecord(
                    content=HOSTILE["target"],
                    target_value=10,
                    unit_of_measure=HOSTILE["measure"],
                    phase_id=phase_id,
                )
            ],
        ),
    )
    save_evidence(
        db,
        EvidenceRecord(
            target_id=pledge.targets[0].id,
            achieved_value=12,
            achieved_date=date(2025, 3, 1),
            document_ref=HOSTILE["evidence"],
            description=HOSTILE["dash"],
        ),
    )
    form = award_form_by_code(db, "GK_DANG_UY")
    proposal = save_proposal(
        db,
        ProposalRecord(
            campaign_id=campaign.id,
            award_form_id=form.id,
            subject_type="person",
            subject_id=people[1].id,
            achievement_summary=HOSTILE["pledge"],
        ),
    )
    assert proposal.id is not None
    for status in ("submitted", "approved"):
        change_status(db, proposal.id, status)
    change_status(
        db, proposal.id, "decided", decision_number=HOSTILE["decision"], decision_date=date(2025, 4, 1)
    )
    return db, campaign.id, unit.id


def exported(hostile_db: tuple[Database, int, int], folder: Path) -> list[Path]:
    db, campaign_id, unit_id = hostile_db
    files = [
        p
        for kind in TallyKind
        for p in export_tally(db, campaign_id, kind, folder / f"{kind.value}.xlsx").files
    ]
    files += export_forms(db, campaign_id, folder / "forms", unit_ids=[unit_id]).files
    files += export_forms(db, campaign_id, folder / "one.xlsx", one_workbook=True).files
    return files


def test_user_text_never_becomes_a_formula(hostile_db: tuple[Database, int, int], tmp_path: Path) -> None:
    files = exported(hostile_db, tmp_path)
    assert len(files) == 5
    seen: set[str] = set()
    for path in files:
        workbook = load_workbook(path)
        for ws in workbook.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        assert OUR_FORMULA.match(str(cell.value)), (
                            path.name,
                            ws.title,
                            cell.coordinate,
                            cell.value,
                        )
                    elif isinstance(cell.value, str):
                        for text in HOSTILE.values():
                            if text in cell.value:
                                assert cell.data_type == "s"
                                seen.add(text)
        # and in the XML itself: every <f> element is one of ours
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/sheet"):
                    xml = archive.read(name).decode()
                    for formula in re.findall(r"<f>(.*?)</f>", xml):
                        assert OUR_FORMULA.match(formula.replace("&quot;", '"')), (path.name, formula)
    # every hostile value was exported somewhere, as the same text
    assert set(HOSTILE.values()) <= seen


def test_names_come_back_exactly(hostile_db: tuple[Database, int, int], tmp_path: Path) -> None:
    files = exported(hostile_db, tmp_path)
    values = {
        cell.value
        for path in files
        for ws in load_workbook(path).worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }
    for key in ("person", "phone", "dash", "at", "position", "target", "measure", "evidence"):
        assert HOSTILE[key] in values, key


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", ("=1+1", "s")),
        ("+84 912", ("+84 912", "s")),
        ("-", ("-", "s")),
        ("@SUM(A1)", ("@SUM(A1)", "s")),
        ("Nguyễn\x07 Văn\x00A", ("Nguyễn VănA", "s")),
        ("Nguye\u0302\u0303n", ("Nguyễn", "s")),
        (Formula("=SUM(A1:A2)"), ("=SUM(A1:A2)", "f")),
        (3, (3, "n")),
        (2.5, (2.5, "n")),
        (float("nan"), (None, "n")),
        (True, (True, "b")),
        (date(2025, 5, 5), (date(2025, 5, 5), "d")),
        (None, (None, "n")),
    ],
)
def test_bind(value: object, expected: tuple[object, str]) -> None:
    assert bind(value) == expected


def test_safe_text_strips_what_xml_cannot_carry() -> None:
    assert safe_text("a\x01b\x1fc\td\ne") == "abc\td\ne"
