"""Tallies (bảng tổng hợp): the official layout (header block, title, fonts, merged headings, print setup, frozen
panes, signature), real SUM formulas in the totals, and numbers equal to the services' numbers."""

from __future__ import annotations

import dataclasses
import zipfile
from collections import Counter
from copy import copy
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua_desktop.core.enums import SubjectType
from thidua_desktop.core.services.persons import list_persons
from thidua_desktop.core.services.pledges import list_pledges, list_targets
from thidua_desktop.core.services.proposals import list_proposals
from thidua_desktop.core.services.settings import load_settings, save_settings
from thidua_desktop.core.services.units import list_units
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.export_tally import (
    MET,
    Column,
    GroupRow,
    Tally,
    TallyKind,
    build_tally,
    export_tally,
    layout_rows,
    verdict,
    write_tally,
)
from thidua_desktop.exchange.xlsx_style import FONT_NAME

WHEN = date(2025, 5, 5)


def export(db: Database, kind: TallyKind, tmp_path: Path) -> Worksheet:
    path = tmp_path / f"{kind.value}.xlsx"
    result = export_tally(db, 1, kind, path, when=WHEN)
    assert result.files == [path] and path.exists()
    workbook = load_workbook(path)
    assert len(workbook.worksheets) == 1
    return workbook.worksheets[0]


def texts(ws: Worksheet) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value not in (None, "")]


def find(ws: Worksheet, value: object) -> tuple[int, int]:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell.row, cell.column
    raise AssertionError(f"{value!r} not in sheet")


def merged(ws: Worksheet) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_header_block_title_and_signature_follow_the_party_format(demo_db: Database, tmp_path: Path) -> None:
    ws = export(demo_db, TallyKind.REGISTRATIONS, tmp_path)
    settings = load_settings(demo_db)
    # left: superior organisation in capitals, issuing committee bold capitals, "*"
    assert ws["A1"].value == settings.superior_party_organization.upper() == "ĐẢNG BỘ TỈNH QUẢNG NGÃI"
    assert not ws["A1"].font.b
    assert ws["A2"].value == "ĐẢNG ỦY PHƯỜNG NGUYỄN NGHIÊM" and ws["A2"].font.b
    assert ws["A3"].value == "*"
    # right: the Party's name bold over its rule, place and date in italics
    row, column = find(ws, "ĐẢNG CỘNG SẢN VIỆT NAM")
    national = ws.cell(row, column)
    assert row == 1 and national.font.b and national.font.u == "single"
    date_cell = ws.cell(3, column)
    assert date_cell.value == "Nguyễn Nghiêm, ngày 05 tháng 5 năm 2025" and date_cell.font.i
    spans = merged(ws)
    last = ws.max_column
    letter = get_column_letter(last)
    assert any(s.startswith("A1:") for s in spans) and any(s.endswith(f"{letter}1") for s in spans)
    # title in bold capitals across the table, then the campaign
    title_row, _ = find(ws, "BẢNG TỔNG HỢP ĐĂNG KÝ DANH HIỆU THI ĐUA")
    assert ws.cell(title_row, 1).font.b and ws.cell(title_row, 1).font.sz == 14
    assert f"A{title_row}:{letter}{title_row}" in spans
    assert str(ws.cell(title_row + 1, 1).value).startswith("Phong trào: Thi đua cao điểm")
    # signature block bottom right
    all_text = texts(ws)
    for line in ("Nơi nhận:", "T/M ĐẢNG ỦY", "BÍ THƯ", "Nguyễn Thị Ngọc Dung"):
        assert line in all_text
    sign_row, sign_column = find(ws, "T/M ĐẢNG ỦY")
    assert sign_column > 1 and ws.cell(sign_row, sign_column).font.b


def test_every_written_cell_is_times_new_roman(demo_db: Database, tmp_path: Path) -> None:
    for kind in TallyKind:
        ws = export(demo_db, kind, tmp_path)
        # (openpyxl re-creates the covered cells of a merge with borders only, so look at the others)
        fonts = {
            c.font.name
            for row in ws.iter_rows()
            for c in row
            if c.has_style and not isinstance(c, MergedCell)
        }
        assert fonts == {FONT_NAME}, kind


def test_print_setup_is_a4_landscape_fit_to_width_with_repeated_headings(
    demo_db: Database, tmp_path: Path
) -> None:
    for kind in TallyKind:
        ws = export(demo_db, kind, tmp_path)
        tally = build_tally(demo_db, 1, kind)
        first, last = layout_rows(tally)
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
        assert ws.print_title_rows == f"${first}:${last}"
        assert ws.freeze_panes == f"{'C' if tally.freeze_columns == 2 else 'B'}{last + 1}"
        assert ws.cell(first, 1).value == "STT" and ws.cell(first, 1).border.left.style == "thin"
        assert ws.cell(last, 1).value == "(1)"
        assert "Trang &P/&N" in ws.oddFooter.center.text


def test_registrations_by_unit_and_title_match_the_services(demo_db: Database, tmp_path: Path) -> None:
    ws = export(demo_db, TallyKind.REGISTRATIONS, tmp_path)
    first, last = layout_rows(build_tally(demo_db, 1, TallyKind.REGISTRATIONS))
    # grouped headings: two rows, groups merged across their titles, STT merged down
    spans = merged(ws)
    assert f"A{first}:A{first + 1}" in spans
    personal = find(ws, "Danh hiệu cá nhân")
    assert personal[0] == first
    assert any(s.startswith(f"{ws.cell(first, personal[1]).coordinate}:") for s in spans)
    headings = {ws.cell(first + 1, c).value: c for c in range(3, ws.max_column)}
    assert "Lao động tiên tiến" in headings and "Hoàn thành xuất sắc nhiệm vụ" in headings
    # count what the services say: a person counts in their unit, a unit in itself
    person_unit = {p.id: p.unit_name for p in list_persons(demo_db)}
    expected: Counter[tuple[str, str]] = Counter()
    for pledge in list_pledges(demo_db, 1):
        unit = (
            pledge.subject_name if pledge.subject_type == SubjectType.UNIT else person_unit[pledge.subject_id]
        )
        expected[(unit, pledge.title_name)] += 1
    found: Counter[tuple[str, str]] = Counter()
    data_rows = []
    row = last + 1
    while ws.cell(row, 1).value != "Tổng cộng":
        data_rows.append(row)
        unit = ws.cell(row, 2).value
        for title, column in headings.items():
            value = ws.cell(row, column).value
            if value:
                found[(unit, title)] += value
        # each row's total is a real formula over its title columns
        total = ws.cell(row, ws.max_column).value
        end = get_column_letter(ws.max_column - 1)
        assert total == f"=SUM(C{row}:{end}{row})"
        row += 1
    assert found == expected
    assert [ws.cell(r, 1).value for r in data_rows] == list(range(1, len(data_rows) + 1))
    # the totals row: SUM over the data rows in every count column
    totals = row
    assert f"A{totals}:B{totals}" in spans
    for column in range(3, ws.max_column + 1):
        letter = get_column_letter(column)
        assert ws.cell(totals, column).value == f"=SUM({letter}{data_rows[0]}:{letter}{data_rows[-1]})"
        assert ws.cell(totals, column).font.b
    # units follow the tree order of the services
    order = [u.name for u in list_units(demo_db)]
    listed = [ws.cell(r, 2).value for r in data_rows]
    assert listed == sorted(listed, key=order.index)


def test_results_per_unit_and_phase_match_the_services(demo_db: Database, tmp_path: Path) -> None:
    ws = export(demo_db, TallyKind.RESULTS, tmp_path)
    first, last = layout_rows(build_tally(demo_db, 1, TallyKind.RESULTS))
    assert ws.cell(first, 5).value == "Chỉ tiêu đăng ký" and ws.cell(first, 7).value == "Kết quả thực hiện"
    assert f"E{first}:F{first}" in merged(ws) and f"G{first}:J{first}" in merged(ws)
    targets = list_targets(demo_db, 1)
    by_key = {(t.subject_name, t.content, t.phase_number): t for t in targets}
    seen = 0
    unit = ""
    row = last + 1
    while not str(ws.cell(row, 1).value or "").startswith("Tổng cộng"):
        number = ws.cell(row, 1).value
        if isinstance(number, str):  # "I", "II": a unit's group row, merged across
            unit = ws.cell(row, 2).value
            assert ws.cell(row, 2).font.b and f"B{row}:J{row}" in merged(ws)
        else:
            who = ws.cell(row, 3).value
            subject = unit if who == "Tập thể" else who
            target = by_key[(subject, ws.cell(row, 2).value, ws.cell(row, 4).value)]
            assert ws.cell(row, 5).value == (target.unit_of_measure or None)
            assert ws.cell(row, 6).value == target.target_value
            assert ws.cell(row, 7).value == target.achieved_value
            progress = ws.cell(row, 8).value
            assert (progress is None) == (target.progress is None)
            if progress is not None:
                assert progress * 100 == pytest.approx(target.progress)
                assert ws.cell(row, 8).number_format == "0.0%"
            assert ws.cell(row, 9).value == verdict(target)
            assert (ws.cell(row, 9).value == MET) == bool(target.met)
            assert ws.cell(row, 10).value == target.evidence_count
            seen += 1
        row += 1
    assert seen == len(targets)
    data = f"{last + 1}:{row - 1}".split(":")
    assert ws.cell(row, 9).value == f'=COUNTIF(I{data[0]}:I{data[1]},"Đạt")'
    assert ws.cell(row, 10).value == f"=SUM(J{data[0]}:J{data[1]})"
    assert ws.cell(row, 1).value == f"Tổng cộng ({len(targets)} chỉ tiêu)"


def test_proposal_list_uses_the_settings_names(demo_db: Database, tmp_path: Path) -> None:
    settings = load_settings(demo_db)
    save_settings(
        demo_db, dataclasses.replace(settings, authority_ward_chairman="Chủ tịch UBND phường (tên đã đổi)")
    )
    ws = export(demo_db, TallyKind.PROPOSALS, tmp_path)
    proposals = list_proposals(demo_db, 1)
    all_text = texts(ws)
    for proposal in proposals:
        row, _ = find(ws, proposal.subject_name)
        assert ws.cell(row, 4).value == proposal.award_name
        assert ws.cell(row, 6).value == proposal.status_label
    assert "Chủ tịch UBND phường (tên đã đổi)" in all_text
    groups = [
        v for v in all_text if v.endswith(")") and "(" in v and any(p.award_name in v for p in proposals)
    ]
    assert len(groups) == len({p.award_code for p in proposals})
    assert f"Tổng cộng: {len(proposals)} đề nghị" in all_text


def synthetic(rows: int) -> Tally:
    columns = [
        Column("STT", 5, "int"),
        Column("Nội dung", 40, "text"),
        Column("Ngày", 12, "date"),
        Column("Chỉ tiêu", 10, "number", group="Số liệu"),
        Column("Tỷ lệ", 10, "percent", group="Số liệu"),
        Column("Số", 8, "int", group="Số liệu", total="sum"),
    ]
    tally = Tally(TallyKind.RESULTS, "Thử", "Bảng thử", ["Phụ đề"], columns)
    for i in range(rows):
        if i % 7 == 0:
            tally.rows.append(GroupRow("I", f"Nhóm {i}"))
        tally.rows.append([i + 1, f"Dòng {i} " * (i % 9), date(2025, 1, 1 + i % 28), 100.5, 0.5, i % 4])
    return tally


def test_streaming_writer_equals_the_plain_openpyxl_path(demo_db: Database, tmp_path: Path) -> None:
    """The fast path (one reused cell fed to openpyxl's serializer) writes what WriteOnlyCell would."""
    settings = load_settings(demo_db)
    tally = synthetic(60)
    fast, slow = tmp_path / "fast.xlsx", tmp_path / "slow.xlsx"
    write_tally(tally, fast, settings, when=WHEN, fast=True)
    write_tally(tally, slow, settings, when=WHEN, fast=False)
    a, b = load_workbook(fast).active, load_workbook(slow).active
    assert a.max_row == b.max_row and a.max_column == b.max_column
    for row_a, row_b in zip(a.iter_rows(), b.iter_rows(), strict=True):
        for x, y in zip(row_a, row_b, strict=True):
            assert (x.value, x.data_type, x.number_format) == (y.value, y.data_type, y.number_format)
            assert (copy(x.font), copy(x.border), copy(x.alignment)) == (
                copy(y.font),
                copy(y.border),
                copy(y.alignment),
            ), x.coordinate
    assert merged(a) == merged(b)
    assert a.cell(layout_rows(tally)[1] + 2, 3).number_format == "dd/mm/yyyy"


def test_styles_are_shared_named_styles(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_tally(synthetic(300), path, load_settings(demo_db), when=WHEN)
    workbook = load_workbook(path)
    assert {"thidua_header", "thidua_text", "thidua_int", "thidua_title"} <= set(workbook.named_styles)
    with zipfile.ZipFile(path) as archive:
        styles = archive.read("xl/styles.xml").decode()
    assert styles.count("<xf ") < 60  # a few dozen shared styles, not one per cell


def test_a_cancelled_export_leaves_nothing_and_keeps_the_old_file(demo_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "out.xlsx"
    path.write_bytes(b"old")

    class Stop(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        if done >= 500:
            raise Stop()

    with pytest.raises(Stop):
        write_tally(synthetic(2000), path, load_settings(demo_db), progress=cancel)
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in folder.iterdir()) == ["out.xlsx"]


def test_an_empty_campaign_still_gives_a_valid_table(db: Database, tmp_path: Path) -> None:
    from thidua_desktop.core.services.campaigns import CampaignRecord, save_campaign

    campaign = save_campaign(db, CampaignRecord(name="Phong trào trống"))
    assert campaign.id is not None
    for kind in TallyKind:
        path = tmp_path / f"{kind.value}.xlsx"
        assert export_tally(db, campaign.id, kind, path, when=WHEN).rows == 0
        ws = load_workbook(path).active
        assert "Phong trào: Phong trào trống" in texts(ws)
