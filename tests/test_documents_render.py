"""Every document generated for the demo campaign, re-opened with python-docx and checked for its content (names,
numbers, the header block) and its format (A4, margins, fonts) against the numbers in ``format_rules``."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from documents_helpers import all_paragraphs, full_text, open_docx, table_rows
from docx.shared import Pt

from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.core.enums import Side
from thidua_desktop.core.services.persons import PersonRecord, save_person
from thidua_desktop.core.services.pledges import list_targets
from thidua_desktop.core.services.proposals import ProposalRecord, list_proposals, save_proposal
from thidua_desktop.core.services.settings import load_settings, save_settings
from thidua_desktop.core.storage.backup import backup_to
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import format_long_date, name_sort_key
from thidua_desktop.exchange.documents import builders
from thidua_desktop.exchange.documents.batch import synthetic_batch
from thidua_desktop.exchange.documents.contexts import CONTEXT_TYPES
from thidua_desktop.exchange.documents.format_rules import PARTY, STATE, FormatRules
from thidua_desktop.exchange.documents.generate import DocumentRequest, RenderedDocument, render_documents
from thidua_desktop.exchange.documents.template_specs import KINDS, SPECS_BY_FILE
from thidua_desktop.exchange.documents.templates import sample_context

ON = date(2025, 5, 26)
PLACE_DATE = "Nguyễn Nghiêm, ngày 26 tháng 5 năm 2025"
MM = 36000  # EMU per millimetre


@pytest.fixture(scope="module")
def module_db(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    folder = tmp_path_factory.mktemp("documents-render")
    backup_to(demo_template / "thidua.sqlite3", folder / "thidua.sqlite3")
    database = open_data(folder, daily_backup=False)
    yield database
    database.close()


@pytest.fixture(scope="module")
def campaign_id(module_db: Database) -> int:
    return list_proposals(module_db)[0].campaign_id or 0


@pytest.fixture(scope="module")
def rendered(module_db: Database, campaign_id: int) -> dict[str, list[RenderedDocument]]:
    return {kind: render_documents(module_db, DocumentRequest(kind, campaign_id, on=ON)) for kind in KINDS}


def rules_of(document: RenderedDocument) -> FormatRules:
    return PARTY if SPECS_BY_FILE[document.template].side == Side.PARTY else STATE


def all_documents(rendered: dict[str, list[RenderedDocument]]) -> list[RenderedDocument]:
    return [d for documents in rendered.values() for d in documents]


# --- every document ---------------------------------------------------------------------------------------------


def test_every_kind_is_generated_for_the_demo_campaign(rendered: dict[str, list[RenderedDocument]]) -> None:
    assert set(rendered) == set(KINDS)
    for kind, documents in rendered.items():
        assert documents, kind
        for document in documents:
            assert document.data[:2] == b"PK", document.file_name
            assert document.file_name.endswith(".docx")
    assert len(rendered["cam-ket"]) >= 10  # one per unit that pledged
    assert (
        len(rendered["bao-cao-thanh-tich"]) == 3
    )  # one per live demo proposal (the failed candidate has none)
    templates = {d.template for d in all_documents(rendered)}
    assert len(templates) >= 14, "Party and state variants are both exercised"


def test_no_template_tags_are_left(rendered: dict[str, list[RenderedDocument]]) -> None:
    for document in all_documents(rendered):
        text = full_text(open_docx(document.data))
        for tag in ("{{", "}}", "{%", "%}"):
            assert tag not in text, f"{tag} left in {document.file_name}"


def test_page_is_a4_with_the_margins_of_the_rules(rendered: dict[str, list[RenderedDocument]]) -> None:
    for document in all_documents(rendered):
        rules = rules_of(document)
        for section in open_docx(document.data).sections:
            assert section.page_width == pytest.approx(rules.page_width_mm * MM, abs=0.5 * MM)
            assert section.page_height == pytest.approx(rules.page_height_mm * MM, abs=0.5 * MM)
            assert section.top_margin == pytest.approx(rules.margin_top_mm * MM, abs=0.2 * MM)
            assert section.bottom_margin == pytest.approx(rules.margin_bottom_mm * MM, abs=0.2 * MM)
            assert section.left_margin == pytest.approx(rules.margin_left_mm * MM, abs=0.2 * MM)
            assert section.right_margin == pytest.approx(rules.margin_right_mm * MM, abs=0.2 * MM)


def test_the_format_rules_follow_the_decree_and_the_party_guidance() -> None:
    # NĐ 30/2020 Phụ lục I: top 20–25, bottom 20–25, left 30–35, right 15–20 mm; Times New Roman 13–14
    for rules in (STATE, PARTY):
        assert 20 <= rules.margin_top_mm <= 25 and 20 <= rules.margin_bottom_mm <= 25
        assert 30 <= rules.margin_left_mm <= 35 and 15 <= rules.margin_right_mm <= 20
        assert rules.font_name == "Times New Roman" and 13 <= rules.body_size <= 14
    assert 12 <= STATE.top_right_size <= 13 and 13 <= STATE.motto_size <= 14
    assert PARTY.top_right_size == 15 and PARTY.place_date_size == 14 and 15 <= PARTY.doc_type_size <= 16


def test_fonts_are_those_of_the_rules(rendered: dict[str, list[RenderedDocument]]) -> None:
    for document in all_documents(rendered):
        rules = rules_of(document)
        docx = open_docx(document.data)
        normal = docx.styles["Normal"]
        assert normal.font.name == rules.font_name
        assert normal.font.size == Pt(rules.body_size)
        defaults = docx.styles.element.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docDefaults"
        )
        fonts = defaults.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
        ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        assert fonts.get(f"{ns}ascii") == rules.font_name and fonts.get(f"{ns}hAnsi") == rules.font_name
        assert fonts.get(f"{ns}asciiTheme") is None
        sizes = {
            Pt(v)
            for v in dataclasses.asdict(rules).values()
            if isinstance(v, float) and 10 <= v <= 16 and v not in (rules.paragraph_after_pt,)
        }
        for paragraph in all_paragraphs(docx):
            for run in paragraph.runs:
                assert run.font.name in (None, rules.font_name), (document.file_name, run.text)
                assert run.font.size is None or run.font.size in sizes, (document.file_name, run.text)


def header_cells(document: RenderedDocument) -> tuple[str, str]:
    docx = open_docx(document.data)
    first = docx.element.body[0]
    assert first.tag.endswith("tbl"), f"{document.file_name} opens with the header table"
    table = docx.tables[0]
    left = "\n".join(row.cells[0].text for row in table.rows)
    right = "\n".join(row.cells[1].text for row in table.rows)
    return left, right


def test_party_header_block(rendered: dict[str, list[RenderedDocument]], module_db: Database) -> None:
    settings = load_settings(module_db)
    document = next(d for d in rendered["to-trinh"] if rules_of(d) is PARTY)
    left, right = header_cells(document)
    # the Tờ trình to the Ban Thường vụ is the Ban Tổ chức's, under the Đảng ủy (the minutes and the decision say so)
    assert " ".join(left.split()).startswith(f"{settings.committee_name.upper()} BAN TỔ CHỨC *")
    assert f"Số 52-TTr/{settings.organization_board_suffix}" in left
    assert right.splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert "Nguyễn Nghiêm, ngày 28 tháng 5 năm 2025" in right  # the Party batch's decision meeting
    docx = open_docx(document.data)
    cells = docx.tables[0].rows[0].cells
    party_run = cells[1].paragraphs[0].runs[0]
    assert party_run.bold and party_run.font.size == Pt(PARTY.top_right_size)
    issuer = next(p for p in cells[0].paragraphs if p.text.startswith("BAN TỔ CHỨC"))
    assert issuer.runs[0].bold and issuer.runs[0].font.size == Pt(PARTY.issuer_size)
    date_run = docx.tables[0].rows[1].cells[1].paragraphs[0].runs[0]
    assert date_run.italic and date_run.font.size == Pt(PARTY.place_date_size)
    title = next(p for p in docx.paragraphs if p.text == "TỜ TRÌNH")
    assert title.runs[0].bold and title.runs[0].font.size == Pt(PARTY.doc_type_size)


def test_state_header_block(rendered: dict[str, list[RenderedDocument]], module_db: Database) -> None:
    settings = load_settings(module_db)
    document = next(d for d in rendered["quyet-dinh"] if rules_of(d) is STATE)
    left, right = header_cells(document)
    assert " ".join(left.split()).startswith(settings.state_body_name.upper())
    assert "Số: 125/QĐ-UBND" in left, "the recorded decision number"
    lines = right.splitlines()
    assert lines[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "Nguyễn Nghiêm, ngày 02 tháng 6 năm 2025" in right, "the recorded decision date"
    cells = open_docx(document.data).tables[0].rows[0].cells
    national, motto = cells[1].paragraphs[0], cells[1].paragraphs[1]
    assert national.runs[0].bold and national.runs[0].font.size == Pt(STATE.top_right_size)
    assert motto.runs[0].bold and motto.runs[0].font.size == Pt(STATE.motto_size)
    assert (
        motto._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr") is not None
    ), "the motto is ruled beneath"


RECORDED_DATES = {
    # the papers of the demo's stored batches carry the dates the batch records, not the export date
    "to-trinh-chu-tich-ubnd-cap-huyen.docx": "ngày 30 tháng 5 năm 2025",  # sent with Tờ trình 18
    "danh-sach-chu-tich-ubnd-cap-huyen.docx": "ngày 30 tháng 5 năm 2025",
    "to-trinh-chu-tich-ubnd-phuong.docx": "ngày 29 tháng 5 năm 2025",  # decided batch: its approval date
    "danh-sach-chu-tich-ubnd-phuong.docx": "ngày 29 tháng 5 năm 2025",
    "to-trinh-dang-uy-phuong.docx": "ngày 28 tháng 5 năm 2025",
    "danh-sach-dang-uy-phuong.docx": "ngày 28 tháng 5 năm 2025",
    "bien-ban-chu-tich-ubnd-cap-huyen.docx": "ngày 28 tháng 5 năm 2025",  # the council's meeting
    "bien-ban-chu-tich-ubnd-phuong.docx": "ngày 28 tháng 5 năm 2025",
    "bien-ban-dang-uy-phuong.docx": "ngày 28 tháng 5 năm 2025",  # the Ban Thường vụ's meeting
    "quyet-dinh-chu-tich-ubnd-phuong.docx": "ngày 02 tháng 6 năm 2025",  # Quyết định 125/QĐ-UBND
    "quyet-dinh-dang-uy-phuong.docx": "ngày 30 tháng 5 năm 2025",  # Quyết định 45-QĐ/ĐU
}


def test_every_document_dates_itself_the_vietnamese_way(rendered: dict[str, list[RenderedDocument]]) -> None:
    assert format_long_date(ON, "Nguyễn Nghiêm") == PLACE_DATE
    for document in all_documents(rendered):
        expected = RECORDED_DATES.get(document.file_name)
        place_date = f"Nguyễn Nghiêm, {expected}" if expected else PLACE_DATE
        assert place_date in full_text(open_docx(document.data)), document.file_name


# --- content of each kind -----------------------------------------------------------------------------------------


def text_of(rendered: dict[str, list[RenderedDocument]], kind: str, contains: str = "") -> str:
    for document in rendered[kind]:
        if contains in document.file_name:
            return full_text(open_docx(document.data))
    raise AssertionError(f"no {kind} document named like {contains!r}")


def test_to_trinh(rendered: dict[str, list[RenderedDocument]], module_db: Database) -> None:
    settings = load_settings(module_db)
    text = text_of(rendered, "to-trinh", "chu-tich-ubnd-phuong")
    assert f"Kính gửi: {settings.authority_ward_chairman}" in text
    assert "Số: 05/TTr-HĐTĐKT" in text, "the council's own symbol"
    assert "Giấy khen của Chủ tịch UBND phường: 01 cá nhân;" in text  # the collective failed the ballot
    assert "Tổng cộng: 01 cá nhân (có danh sách kèm theo)." in text
    assert "Chiến sĩ thi đua" not in text, "CSTĐCS of phase 1 went to the district chairman"
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert (
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ" in text
    )  # in force on 26/05/2025
    assert "TM. HỘI ĐỒNG" in text and "Lê Quang Vinh" in text
    district = text_of(rendered, "to-trinh", "cap-huyen")
    assert f"Kính gửi: {settings.authority_district_chairman}" in district
    assert "Số: 18/TTr-UBND" in district and "Chiến sĩ thi đua cơ sở: 01 cá nhân;" in district
    party = text_of(rendered, "to-trinh", "dang-uy-phuong")
    assert f"Kính gửi: {settings.authority_party_standing}" in party
    assert "Qua bình xét, Ban Tổ chức Đảng ủy kính đề nghị" in party
    assert "T/M BAN TỔ CHỨC" in party and "TRƯỞNG BAN" in party and "Trần Văn Hùng" in party
    minutes = text_of(rendered, "bien-ban", "dang-uy-phuong")
    decision = text_of(rendered, "quyet-dinh", "dang-uy-phuong")
    assert (
        "Ban Tổ chức Đảng ủy trình bày tờ trình" in minutes
        and "Xét đề nghị của Ban Tổ chức Đảng ủy." in decision
    )
    assert (
        settings.committee_name.upper() in " ".join(decision.split()) and settings.signatory_name in decision
    )


def test_danh_sach_groups_by_form(rendered: dict[str, list[RenderedDocument]]) -> None:
    document = next(d for d in rendered["danh-sach"] if "cap-huyen" in d.file_name)
    table = open_docx(document.data).tables[1]
    rows = table_rows(table)
    assert rows[0][:3] == ["STT", "Tên tập thể, họ và tên cá nhân", "Chức vụ, đơn vị công tác"]
    flat = [" | ".join(r) for r in rows]
    assert flat[1] == "I. CHIẾN SĨ THI ĐUA CƠ SỞ (01 cá nhân)"
    assert flat[2] == "1. Cá nhân: 01"
    assert rows[3][1] == "Phạm Thị Thu Hà" and "Ủy ban nhân dân phường Nguyễn Nghiêm" in rows[3][2]
    assert rows[3][3].endswith("."), "achievements end with a full stop"
    ward = next(d for d in rendered["danh-sach"] if "chu-tich-ubnd-phuong" in d.file_name)
    rows = table_rows(open_docx(ward.data).tables[1])
    assert [" | ".join(r) for r in rows[1:3]] == [
        "I. GIẤY KHEN CỦA CHỦ TỊCH UBND PHƯỜNG (01 cá nhân)",
        "1. Cá nhân: 01",
    ]
    assert [r[1] for r in rows[3:]] == ["Dương Thị Hạnh"], (
        "the collective that failed the ballot is not listed"
    )


def test_bien_ban_records_present_votes_and_result(rendered: dict[str, list[RenderedDocument]]) -> None:
    text = text_of(rendered, "bien-ban", "dang-uy-phuong")
    assert "- Chủ trì: Nguyễn Thị Ngọc Dung." in text and "- Thư ký: Trần Văn Hùng." in text
    assert "Vào lúc 14 giờ 00 phút, ngày 28 tháng 5 năm 2025, tại Phòng họp Đảng ủy" in text
    assert "Tổng số thành viên: 05; có mặt: 05; vắng mặt: 00." in text
    assert "Ban Thường vụ Đảng ủy phường Nguyễn Nghiêm thống nhất quyết định tặng" in text, (
        "it decides itself"
    )
    assert "đề nghị Ban Thường vụ" not in text
    document = next(d for d in rendered["bien-ban"] if "chu-tich-ubnd-phuong" in d.file_name)
    state = full_text(open_docx(document.data))
    assert "Vào lúc 08 giờ 00 phút, ngày 28 tháng 5 năm 2025" in state
    assert "kết thúc vào lúc 10 giờ 30 phút" in state
    assert "+ Bùi Thanh Sơn - Trưởng Công an phường, Ủy viên;" in state.split("Thành viên vắng mặt:")[1]
    assert "+ Lê Quang Vinh - Chủ tịch UBND phường, Chủ tịch Hội đồng;" in state.split("vắng mặt:")[1]
    assert "Số thành viên dự họp 8/9 (88,9%), đủ điều kiện tiến hành cuộc họp" in state
    rows = table_rows(open_docx(document.data).tables[1])
    results = {r[1]: (r[3], r[4], r[5]) for r in rows[1:]}
    assert results["Dương Thị Hạnh"] == ("7/9", "77,8%", "Đạt (cần trên 50% tổng số thành viên Hội đồng)")
    assert results["Ban Chỉ huy Quân sự phường"] == (
        "4/9",
        "44,4%",
        "Không đạt (cần trên 50% tổng số thành viên Hội đồng)",
    ), "the failed candidate is in the minutes"
    assert (
        "Không đề nghị khen thưởng 01 tập thể không đạt tỷ lệ phiếu đồng ý: Ban Chỉ huy Quân sự phường."
        in state
    )
    assert "Huỳnh Thị Mỹ Lệ" in state and "Lê Quang Vinh" in state  # secretary and chair sign by name


def test_quyet_dinh_lists_rewards_with_vietnamese_separators(
    rendered: dict[str, list[RenderedDocument]],
) -> None:
    state = next(d for d in rendered["quyet-dinh"] if "chu-tich-ubnd-phuong" in d.file_name)
    text = full_text(open_docx(state.data))
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG NGUYỄN NGHIÊM" in text
    assert "QUYẾT ĐỊNH:" in text and "Điều 1." in text and "Điều 3." in text
    assert "Tặng Giấy khen của Chủ tịch UBND phường cho 01 cá nhân" in text
    assert "DỰ THẢO" not in text, "the decision is recorded (125/QĐ-UBND)"
    rows = table_rows(open_docx(state.data).tables[-1])
    amounts = {r[1]: r[-1] for r in rows if len(r) == 4 and r[0].isdigit()}
    # decided 02/06/2025: × 2.340.000 (NĐ 73/2024), rounded up to the ten thousand đồng (NĐ 98/2023 then)
    assert amounts == {"Dương Thị Hạnh": "710.000"}  # Giấy khen cá nhân: 0,3 × = 702.000
    assert rows[-1][-1] == "710.000"
    assert "Bằng chữ: Bảy trăm mười nghìn đồng" in text
    assert "Nghị định số 98/2023/NĐ-CP" in text and "2.340.000 đồng" in text
    party = text_of(rendered, "quyet-dinh", "dang-uy-phuong")
    assert "BAN THƯỜNG VỤ ĐẢNG ỦY PHƯỜNG NGUYỄN NGHIÊM" in party and "T/M BAN THƯỜNG VỤ" in party


def test_bao_cao_thanh_tich_has_the_sections_of_the_form(rendered: dict[str, list[RenderedDocument]]) -> None:
    person = text_of(rendered, "bao-cao-thanh-tich", "pham-thi-thu-ha")
    for heading in (
        "I. SƠ LƯỢC LÝ LỊCH",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
    ):
        assert heading in person
    assert "Đề nghị tặng Chiến sĩ thi đua cơ sở" in person
    assert "- Sinh ngày: 09/06/1985." in person and "Giới tính: Nữ." in person
    assert "Hoàn thành xuất sắc nhiệm vụ" in person  # ratings 2022–2024
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in person and "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ" in person
    unit = next(d for d in rendered["bao-cao-thanh-tich"] if "chi-bo-to-dan-pho-1" in d.file_name)
    text = full_text(open_docx(unit.data))
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in text and "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" in text
    assert "- Tổng số thành viên: 18; trong đó nữ: 07." in text
    targets = next(t for t in open_docx(unit.data).tables if table_rows(t)[0][1] == "Nội dung chỉ tiêu")
    rows = {r[1]: r for r in table_rows(targets)[1:]}
    funds = rows["Vận động đóng góp các nguồn quỹ đạt chỉ tiêu giao quý I/2025"]
    assert funds[2:] == ["100%", "112%", "112%", "Vượt chỉ tiêu"]


def test_cam_ket_lists_the_registered_title_and_targets(rendered: dict[str, list[RenderedDocument]]) -> None:
    document = next(
        d for d in rendered["cam-ket"] if d.file_name == "cam-ket-uy-ban-nhan-dan-phuong-nguyen-nghiem.docx"
    )
    docx = open_docx(document.data)
    text = full_text(docx)
    assert "BẢN CAM KẾT THI ĐUA" in text and "Tập thể lao động tiên tiến" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text  # a state body signs the state form
    rows = table_rows(docx.tables[1])
    assert rows[0] == ["STT", "Nội dung chỉ tiêu", "Chỉ tiêu", "Thời hạn", "Giai đoạn"]
    assert [
        "1",
        "Tỷ lệ thủ tục hành chính thuộc thẩm quyền được thực hiện trực tuyến",
        "90%",
        "31/12/2024",
        "1",
    ] in rows
    party = next(d for d in rendered["cam-ket"] if d.file_name == "cam-ket-chi-bo-to-dan-pho-2.docx")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in full_text(open_docx(party.data))


def test_bao_cao_so_ket_counts_targets_met(
    rendered: dict[str, list[RenderedDocument]], module_db: Database, campaign_id: int
) -> None:
    targets = [t for t in list_targets(module_db, campaign_id) if t.phase_number == 1]
    met = sum(1 for t in targets if t.met)
    text = text_of(rendered, "bao-cao-so-ket")
    assert "Sơ kết đợt thi đua cao điểm giai đoạn 1" in text
    assert f"Đã đạt {met}/{len(targets)} chỉ tiêu" in text
    for heading in (
        "I. CÔNG TÁC TRIỂN KHAI",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. ĐỀ XUẤT KHEN",
    ):
        assert heading in text
    assert "V. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2" in text
    assert "tỷ lệ hồ sơ liên thông được giải quyết đạt 72% (102,9% chỉ tiêu)" in text
    docx = open_docx(rendered["bao-cao-so-ket"][0].data)
    units = next(t for t in docx.tables if table_rows(t)[0][:2] == ["STT", "Tập thể, cá nhân"])
    by_name = {r[1]: r for r in table_rows(units)[1:]}
    assert by_name["Chi bộ Tổ dân phố 2"][3:] == ["03", "01", "33,3%"]
    final = text_of(rendered, "bao-cao-tong-ket")
    assert "Tổng kết đợt thi đua cao điểm (từ tháng 9/2024 đến tháng 6/2026)" in final
    assert "PHƯƠNG HƯỚNG" not in final


# --- names from the settings, Vietnamese order, contexts match the schema -----------------------------------------


def test_names_and_signers_come_from_the_settings(demo_db: Database) -> None:
    settings = load_settings(demo_db)
    changed = dataclasses.replace(
        settings,
        committee_name="Đảng ủy phường Trà Câu",
        superior_party_organization="Đảng bộ tỉnh Quảng Ngãi",
        place_name="Trà Câu",
        signatory_name="Lê Văn Tám",
        signatory_title="Phó Bí thư",
        party_number_suffix="ĐUTC",
    )
    save_settings(demo_db, changed)
    campaign_id = list_proposals(demo_db)[0].campaign_id
    documents = render_documents(demo_db, DocumentRequest("bao-cao-so-ket", campaign_id, on=ON))
    text = full_text(open_docx(documents[0].data))
    assert "ĐẢNG ỦY PHƯỜNG TRÀ CÂU" in " ".join(text.split())
    assert "Trà Câu, ngày 26 tháng 5 năm 2025" in text
    assert "Lê Văn Tám" in text and "PHÓ BÍ THƯ" in text and "-BC/ĐUTC" in text
    assert "Nguyễn Thị Ngọc Dung" not in text


def test_the_list_sorts_names_the_vietnamese_way(demo_db: Database) -> None:
    proposals = list_proposals(demo_db)
    campaign_id = proposals[0].campaign_id
    form_id = next(p.award_form_id for p in proposals if p.award_code == "GK_CT_UBND_PHUONG")
    unit_id = next(p.subject_id for p in proposals if p.subject_type == "unit")
    for name in ("Đỗ Văn Ân", "Nguyễn Thị An", "Trần Văn Ánh", "Lê Thị Ba", "Phan Đức Anh"):
        person = save_person(demo_db, PersonRecord(full_name=name, unit_id=unit_id))
        save_proposal(
            demo_db,
            ProposalRecord(
                campaign_id=campaign_id,
                phase_id=proposals[0].phase_id,
                award_form_id=form_id,
                subject_type="person",
                subject_id=person.id,
            ),
        )
    documents = render_documents(
        demo_db, DocumentRequest("danh-sach", campaign_id, batch=f"{campaign_id}:1:ward_chairman", on=ON)
    )
    rows = table_rows(open_docx(documents[0].data).tables[1])
    start = next(i for i, r in enumerate(rows) if r[0].startswith("I."))
    people = [r[1] for r in rows[start:] if r[0].isdigit() and len(r) > 2]
    assert people == sorted(people, key=name_sort_key)
    assert people[:4] == ["Nguyễn Thị An", "Phan Đức Anh", "Trần Văn Ánh", "Đỗ Văn Ân"]


def test_contexts_fill_exactly_the_declared_fields(module_db: Database, campaign_id: int) -> None:
    data = builders.DocumentData(module_db, campaign_id, ON)
    batch = synthetic_batch(module_db, campaign_id, 1, "ward_chairman")
    proposal = batch.proposals[0]
    contexts = {
        "to-trinh": builders.build_to_trinh(data, batch),
        "danh-sach": builders.build_danh_sach(data, batch),
        "bien-ban": builders.build_bien_ban(data, batch),
        "quyet-dinh": builders.build_quyet_dinh(data, batch),
        "bao-cao-thanh-tich": builders.build_achievement(
            data, proposal.subject_type, proposal.subject_id or 0, proposal
        )[0],
        "cam-ket": builders.build_pledge(data, data.pledges[0])[0],
        "bao-cao-so-ket": builders.build_review(data, final=False),
        "bao-cao-tong-ket": builders.build_review(data, final=True),
    }

    def shape(value: object) -> object:
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shape(value[0])] if value and isinstance(value[0], dict) else "list"
        return "value"

    for kind, context in contexts.items():
        assert isinstance(context, CONTEXT_TYPES[kind])
        real = builders.as_dict(context)
        sample = sample_context(CONTEXT_TYPES[kind])
        assert set(real) == set(sample), kind
        for key, value in real.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                assert shape(value) == shape(sample[key]), (kind, key)


def test_a_household_gets_one_and_a_half_times_the_individual_reward(demo_db: Database) -> None:
    from thidua_desktop.core.services.catalogue import award_form_by_code
    from thidua_desktop.core.services.households import list_households

    base = list_proposals(demo_db)[0]
    household = list_households(demo_db)[0]
    form = award_form_by_code(demo_db, "GK_CT_UBND_PHUONG")
    save_proposal(
        demo_db,
        ProposalRecord(
            campaign_id=base.campaign_id,
            phase_id=base.phase_id,
            award_form_id=form.id,
            subject_type="household",
            subject_id=household.id,
            achievement_summary="Gia đình gương mẫu",
        ),
    )
    spec = f"{base.campaign_id}:1:ward_chairman"
    (decision,) = render_documents(
        demo_db, DocumentRequest("quyet-dinh", base.campaign_id, batch=spec, on=ON)
    )
    rows = table_rows(open_docx(decision.data).tables[-1])
    assert ["1", f"Hộ {household.head_name}"] == rows[-2][:2]
    assert rows[-2][-1] == "1.060.000"  # 1,5 × 0,3 × 2.340.000 = 1.053.000, rounded up (NĐ 152 Điều 49)
    assert rows[-1][-1] == "1.770.000"  # 710.000 (Dương Thị Hạnh, decided) + 1.060.000
    assert "2. Hộ gia đình: 01" in [r[0] for r in rows]
    assert "DỰ THẢO" in full_text(open_docx(decision.data)), "a grouping without a batch is a draft"
