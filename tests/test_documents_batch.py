"""One batch, one truth (issue 11): every paper of a stored batch comes from its items, their statuses and the
recorded votes; the minutes are the meeting as held; signers are named or the export is refused."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from documents_helpers import full_text, open_docx, table_rows
from openpyxl import load_workbook

from thidua_desktop.cli import EXIT_USER_ERROR, main
from thidua_desktop.core.models import AwardProposal, ProposalBatch
from thidua_desktop.core.services.batches import MeetingMinutes, create_batch, record_vote, save_minutes
from thidua_desktop.core.services.catalogue import award_form_by_code
from thidua_desktop.core.services.persons import list_persons
from thidua_desktop.core.services.proposals import ProposalRecord, list_proposals, save_proposal
from thidua_desktop.core.services.settings import load_settings, save_settings
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.documents.batch import resolve_batch
from thidua_desktop.exchange.documents.builders import DocumentData
from thidua_desktop.exchange.documents.excel_list import write_batch_list
from thidua_desktop.exchange.documents.generate import DocumentRequest, render_documents, unknown_fields

ON = date(2025, 6, 20)
PEOPLE = ("Võ Minh Tuấn", "Huỳnh Thị Mỹ Lệ", "Hà Văn Nam", "Đỗ Thị Lan", "Hồ Ngọc Ánh", "Lê Thị Hồng Nhung",
          "Trần Thị Yến")  # fmt: skip


def campaign_of(db: Database) -> int:
    return list_proposals(db)[0].campaign_id or 0


def batch_of(db: Database, names: tuple[str, ...], name: str = "Đợt thử") -> tuple[int, dict[str, int]]:
    """A ward-chairman batch holding a Giấy khen proposal for each person named; returns (batch id, ids)."""
    campaign_id = campaign_of(db)
    batch = create_batch(db, campaign_id, None, "ward_chairman", name=name)
    form = award_form_by_code(db, "GK_CT_UBND_PHUONG")
    people = {p.full_name: p.id for p in list_persons(db)}
    ids = {}
    for person in names:
        record = save_proposal(
            db,
            ProposalRecord(
                campaign_id=campaign_id, award_form_id=form.id, subject_type="person", subject_id=people[person],
                batch_id=batch.id, achievement_summary=f"Thành tích của {person}",
            ),
        )  # fmt: skip
        ids[person] = record.id or 0
    assert batch.id is not None
    return batch.id, ids


def names_in_rows(rows: list[list[str]]) -> list[str]:
    return sorted(r[1] for r in rows if r and r[0].isdigit() and len(r) > 2)


def test_every_paper_shows_the_items_in_the_state_it_needs(demo_db: Database, tmp_path: Path) -> None:
    """A batch whose items have every status: the Tờ trình, both Danh sách and the Quyết định never show a draft,
    an item waiting for approval or a blank vote; the minutes show every candidate voted, the failed one too."""
    batch_id, ids = batch_of(demo_db, PEOPLE)
    states = {  # name: (status, votes for out of 9)
        "Võ Minh Tuấn": ("draft", None),  # never voted
        "Huỳnh Thị Mỹ Lệ": ("submitted", 6),  # passed, waiting for the Ban Thường vụ
        "Hà Văn Nam": ("approved", 7),
        "Đỗ Thị Lan": ("sent", 8),
        "Hồ Ngọc Ánh": ("decided", 9),
        "Lê Thị Hồng Nhung": ("rejected", 3),  # failed the ballot
        "Trần Thị Yến": ("approved", None),  # a blank vote row
    }
    with demo_db.session() as session:
        batch = session.get(ProposalBatch, batch_id)
        assert batch is not None
        batch.status, batch.council_members, batch.members_present = "sent", 9, 9
        batch.meeting_date, batch.approved_date = date(2025, 6, 5), date(2025, 6, 6)
        for name, (status, votes) in states.items():
            row = session.get(AwardProposal, ids[name])
            assert row is not None
            row.status, row.votes_for = status, votes
            if status == "decided":
                row.decision_number, row.decision_date = "130/QĐ-UBND", date(2025, 6, 10)
    papers = {
        kind: render_documents(demo_db, DocumentRequest(kind, batch=str(batch_id), on=ON))[0]
        for kind in ("to-trinh", "danh-sach", "bien-ban", "quyet-dinh")
    }
    proposed = ["Hà Văn Nam", "Hồ Ngọc Ánh", "Đỗ Thị Lan"]
    to_trinh = full_text(open_docx(papers["to-trinh"].data))
    assert "Giấy khen của Chủ tịch UBND phường: 03 cá nhân;" in to_trinh
    assert names_in_rows(table_rows(open_docx(papers["danh-sach"].data).tables[1])) == sorted(proposed)
    data = DocumentData(demo_db, campaign_of(demo_db), ON)
    write_batch_list(data, resolve_batch(demo_db, str(batch_id)), tmp_path / "ds.xlsx")
    sheet = load_workbook(tmp_path / "ds.xlsx").active
    excel = sorted(str(r[1]) for r in sheet.iter_rows(values_only=True) if isinstance(r[0], int))
    assert excel == sorted(proposed)
    minutes = table_rows(open_docx(papers["bien-ban"].data).tables[1])
    voted = {r[1]: r[5] for r in minutes[1:]}
    assert sorted(voted) == sorted(["Huỳnh Thị Mỹ Lệ", *proposed, "Lê Thị Hồng Nhung"])
    assert voted["Lê Thị Hồng Nhung"].startswith("Không đạt") and voted["Hồ Ngọc Ánh"].startswith("Đạt")
    decision = open_docx(papers["quyet-dinh"].data)
    awarded = names_in_rows(table_rows(decision.tables[-1]))
    assert awarded == ["Hồ Ngọc Ánh"], "the Quyết định is the recorded one: only what it decided"
    text = full_text(decision)
    assert "Số: 130/QĐ-UBND" in text and "Nguyễn Nghiêm, ngày 10 tháng 6 năm 2025" in text
    money = {r[1]: r[-1] for r in table_rows(decision.tables[-1]) if r[0].isdigit()}
    assert money == {"Hồ Ngọc Ánh": "710.000"}  # 0,3 × 2.340.000 on 10/06/2025, rounded up
    excel_money = {str(r[1]): r[-1] for r in sheet.iter_rows(values_only=True) if isinstance(r[0], int)}
    assert excel_money["Hồ Ngọc Ánh"] == 710000, "one amount in every paper"
    for paper in papers.values():
        body = full_text(open_docx(paper.data))
        assert "Võ Minh Tuấn" not in body and "Trần Thị Yến" not in body, paper.file_name
        assert "DỰ THẢO" not in body, paper.file_name


def test_minutes_of_a_real_vote_with_a_failed_candidate(demo_db: Database) -> None:
    batch_id, ids = batch_of(demo_db, ("Hà Văn Nam", "Đỗ Thị Lan", "Hồ Ngọc Ánh"))
    votes = {ids["Hà Văn Nam"]: 8, ids["Đỗ Thị Lan"]: 5, ids["Hồ Ngọc Ánh"]: 4}
    record_vote(demo_db, batch_id, date(2025, 6, 20), 9, 8, votes)
    (before,) = render_documents(demo_db, DocumentRequest("bien-ban", batch=str(batch_id), on=ON))
    blanks = unknown_fields([before])
    assert blanks == [
        "Biên bản họp xét khen thưởng: giờ bắt đầu cuộc họp",
        "Biên bản họp xét khen thưởng: giờ kết thúc cuộc họp",
        "Biên bản họp xét khen thưởng: địa điểm họp",
        "Biên bản họp xét khen thưởng: thư ký cuộc họp",
        "Biên bản họp xét khen thưởng: tên thành viên vắng mặt: đã ghi 0 người, số vắng khi bỏ phiếu là 1",
    ], "what no record holds is listed before export, not left as dotted lines silently"
    save_minutes(
        demo_db,
        batch_id,
        MeetingMinutes("14h00", "15:45", "Hội trường UBND phường", "Lê Quang Vinh", "Huỳnh Thị Mỹ Lệ",
                       ["Bùi Thanh Sơn"]),
    )  # fmt: skip
    (paper,) = render_documents(demo_db, DocumentRequest("bien-ban", batch=str(batch_id), on=ON))
    assert unknown_fields([paper]) == []
    docx = open_docx(paper.data)
    text = full_text(docx)
    assert "Vào lúc 14 giờ 00 phút, ngày 20 tháng 6 năm 2025, tại Hội trường UBND phường" in text
    assert "Nguyễn Nghiêm, ngày 20 tháng 6 năm 2025" in text, "dated by the meeting, not the export"
    assert "- Chủ trì: Lê Quang Vinh." in text and "- Thư ký: Huỳnh Thị Mỹ Lệ." in text
    assert "+ Bùi Thanh Sơn - Trưởng Công an phường, Ủy viên;" in text.split("Thành viên vắng mặt:")[1]
    assert "Số thành viên dự họp 8/9 (88,9%), đủ điều kiện" in text
    assert "Cuộc họp kết thúc vào lúc 15 giờ 45 phút cùng ngày." in text
    rows = {r[1]: r[3:] for r in table_rows(docx.tables[1])[1:]}
    assert rows["Hà Văn Nam"][:2] == ["8/9", "88,9%"] and rows["Hà Văn Nam"][2].startswith("Đạt")
    assert rows["Đỗ Thị Lan"][:2] == ["5/9", "55,6%"] and rows["Đỗ Thị Lan"][2].startswith("Đạt")
    assert rows["Hồ Ngọc Ánh"][:2] == ["4/9", "44,4%"] and rows["Hồ Ngọc Ánh"][2].startswith("Không đạt")
    assert "khen thưởng 02 cá nhân đạt tỷ lệ phiếu đồng ý theo quy định: Đỗ Thị Lan, Hà Văn Nam." in text
    assert "Không đề nghị khen thưởng 01 cá nhân không đạt tỷ lệ phiếu đồng ý: Hồ Ngọc Ánh." in text


def test_a_missing_signer_is_named_and_the_cli_exits_with_it(
    demo_db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    save_settings(demo_db, dataclasses.replace(load_settings(demo_db), state_signatory_name=""))
    batch = next(str(p.batch_id) for p in list_proposals(demo_db) if p.authority == "ward_chairman")
    folder = demo_db.paths.root
    demo_db.close()
    out = tmp_path / "to-trinh.docx"
    code = main(
        ["--data-dir", str(folder), "export", "document", "to-trinh", "--batch", batch, "-o", str(out)]
    )
    assert code == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "Chưa có «Người ký (UBND)» trong Thiết lập cơ quan" in err and "Tờ trình" in err
    assert not out.exists()


def test_a_grouping_without_a_batch_is_a_draft(demo_db: Database) -> None:
    campaign_id = campaign_of(demo_db)
    for kind in ("to-trinh", "danh-sach", "bien-ban", "quyet-dinh"):
        (paper,) = render_documents(
            demo_db, DocumentRequest(kind, campaign_id, batch=f"{campaign_id}:1:ward_chairman", on=ON)
        )
        assert full_text(open_docx(paper.data)).startswith("DỰ THẢO"), kind


def test_the_achievement_summary_starts_in_plain_words(demo_db: Database) -> None:
    """Pre-filled from the pledge and the verified evidence, never the rule engine's reason ("Đủ: 2/2 chỉ tiêu …
    (cần 100%)"); the clerk edits it."""
    from thidua_desktop.core.models import Unit
    from thidua_desktop.core.services.batches import plain_summary

    with demo_db.session() as session:
        unit = session.query(Unit).filter_by(name="Chi bộ Tổ dân phố 1").one()
        text = plain_summary(session, campaign_of(demo_db), "unit", unit.id, None)
    assert text.startswith("Hoàn thành các chỉ tiêu thi đua đã đăng ký: ")
    assert "đạt 112% (chỉ tiêu 100%)" in text and "theo Sổ theo dõi quỹ TDP 1" in text
    assert "Đủ:" not in text and "cần" not in text and text.endswith(".")


def test_the_report_shows_the_initiatives_ratings_and_prior_awards_used(demo_db: Database) -> None:
    (report,) = render_documents(
        demo_db,
        DocumentRequest("bao-cao-thanh-tich", campaign_of(demo_db), person_id=person_id(demo_db), on=ON),
    )
    text = full_text(open_docx(report.data))
    assert "Sáng kiến, giải pháp được công nhận:" in text
    assert "Số hóa quy trình tiếp nhận, trả kết quả hồ sơ liên thông tại Bộ phận Một cửa" in text
    assert "Quyết định số 112/QĐ-HĐSK ngày 15/11/2024 của Hội đồng sáng kiến tỉnh" in text
    assert "Kết quả đánh giá, xếp loại chất lượng:" in text and "Hoàn thành xuất sắc nhiệm vụ" in text
    assert "Đủ:" not in text and "(cần" not in text, "no rule-engine text in an official paper"


def person_id(db: Database) -> int:
    return next(p.id or 0 for p in list_persons(db) if p.full_name == "Phạm Thị Thu Hà")


def test_the_cli_lists_the_blanks_before_writing(
    demo_db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = demo_db.paths.root
    demo_db.close()
    out = tmp_path / "bb.docx"
    args = ["--data-dir", str(folder), "export", "document", "bien-ban", "--batch", "1:1:ward_chairman"]
    assert main([*args, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "Cảnh báo: văn bản để trống (chưa ghi nhận) — Biên bản họp xét khen thưởng: thư ký cuộc họp" in err
    assert full_text(open_docx(out)).startswith("DỰ THẢO")


def header_left(paper_data: bytes) -> str:
    table = open_docx(paper_data).tables[0]
    return " ".join(" ".join(row.cells[0].text for row in table.rows).split())


@pytest.mark.parametrize(
    ("unit", "on", "expected"),
    [
        (
            "Công an phường Nguyễn Nghiêm",
            date(2025, 12, 1),
            "CÔNG AN TỈNH QUẢNG NGÃI CÔNG AN PHƯỜNG NGUYỄN NGHIÊM",
        ),
        (
            "Hội Liên hiệp Phụ nữ phường",
            date(2025, 12, 1),
            "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG NGUYỄN NGHIÊM HỘI LIÊN HIỆP PHỤ NỮ PHƯỜNG NGUYỄN NGHIÊM",
        ),
        ("Hội Liên hiệp Phụ nữ phường", date(2025, 5, 1), "HỘI LIÊN HIỆP PHỤ NỮ PHƯỜNG NGUYỄN NGHIÊM"),
        (
            "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
            date(2025, 12, 1),
            "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG",
        ),
        ("Ban Chỉ huy Quân sự phường", date(2025, 12, 1), "ỦY BAN NHÂN DÂN PHƯỜNG NGUYỄN NGHIÊM BAN CHỈ HUY"),
    ],
)
def test_the_top_left_block_shows_the_real_superior(
    demo_db: Database, unit: str, on: date, expected: str
) -> None:
    from thidua_desktop.core.services.units import list_units

    unit_id = next(u.id for u in list_units(demo_db) if u.name == unit)
    papers = render_documents(
        demo_db, DocumentRequest("cam-ket", campaign_of(demo_db), unit_id=unit_id, on=on)
    )
    assert header_left(papers[0].data).startswith(expected), header_left(papers[0].data)
    assert "ỦY BAN NHÂN DÂN" not in header_left(papers[0].data) or "QUÂN SỰ" in unit.upper()


def test_the_state_excel_list_carries_the_state_header_and_signer(demo_db: Database, tmp_path: Path) -> None:
    batch = next(str(p.batch_id) for p in list_proposals(demo_db) if p.authority == "ward_chairman")
    data = DocumentData(demo_db, campaign_of(demo_db), ON)
    write_batch_list(data, resolve_batch(demo_db, batch), tmp_path / "ds.xlsx")
    cells = [
        str(c)
        for row in load_workbook(tmp_path / "ds.xlsx").active.iter_rows(values_only=True)
        for c in row
        if c
    ]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "ĐẢNG CỘNG SẢN VIỆT NAM" not in cells
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG PHƯỜNG NGUYỄN NGHIÊM" in cells
    assert "Lê Quang Vinh" in cells and "Nguyễn Thị Ngọc Dung" not in cells


def test_the_report_lists_what_the_office_writes_by_hand(demo_db: Database) -> None:
    (report,) = render_documents(
        demo_db,
        DocumentRequest("bao-cao-thanh-tich", campaign_of(demo_db), person_id=person_id(demo_db), on=ON),
    )
    assert unknown_fields([report]) == [
        f"{report.description}: quê quán",
        f"{report.description}: trú quán",
        f"{report.description}: trình độ chuyên môn, nghiệp vụ",
    ]


def test_a_summary_that_is_still_the_rule_engines_reason_is_not_printed(demo_db: Database) -> None:
    import json

    batch_id, ids = batch_of(demo_db, ("Hà Văn Nam",))
    reason = "Đủ: 2/2 chỉ tiêu đăng ký đạt (cần 100%)"
    with demo_db.session() as session:
        batch = session.get(ProposalBatch, batch_id)
        row = session.get(AwardProposal, ids["Hà Văn Nam"])
        assert batch is not None and row is not None
        batch.status, batch.council_members, batch.members_present = "approved", 9, 9
        row.status, row.votes_for, row.achievement_summary = "approved", 9, reason
        row.eligibility_json = json.dumps([{"criterion": "chỉ tiêu", "result": "pass", "message": reason}])
    (paper,) = render_documents(demo_db, DocumentRequest("danh-sach", batch=str(batch_id), on=ON))
    assert reason not in full_text(open_docx(paper.data))
    assert unknown_fields([paper]) == [
        "Danh sách đề nghị khen thưởng: tóm tắt thành tích của Hà Văn Nam còn là lý do xét của chương trình, không in vào "
        "văn bản: hãy viết lại bằng lời của văn bản (thẻ Đợt trình)"
    ]
