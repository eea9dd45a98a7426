"""The nomination dossier: contents, manifest hashes, evidence copies, zip or folder, nothing left on failure."""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from documents_helpers import full_text, open_docx, replace_in_template

from thidua_desktop.core.errors import UserError, ValidationError
from thidua_desktop.core.services.batches import list_batches
from thidua_desktop.core.services.catalogue import award_form_by_code
from thidua_desktop.core.services.evidence import attach_file, list_evidence
from thidua_desktop.core.services.proposals import ProposalRecord, list_proposals, save_proposal
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.documents.batch import batch_from_proposals, resolve_batch
from thidua_desktop.exchange.documents.dossier import MANIFEST_CSV, MANIFEST_JSON, build_dossier
from thidua_desktop.exchange.documents.generate import DocumentRequest, render_documents
from thidua_desktop.exchange.documents.templates import TemplateError

ON = date(2025, 5, 26)
FORMS = Path(__file__).resolve().parents[1] / "forms"


def campaign_of(db: Database) -> int:
    return list_proposals(db)[0].campaign_id or 0


def stored_batch(db: Database, authority: str) -> str:
    """The id of the demo's stored batch going to ``authority``."""
    return str(next(b.id for b in list_batches(db) if b.authority == authority))


def attach_evidence(db: Database, tmp_path: Path) -> Path:
    """A scanned report attached to the evidence of «Chi bộ Tổ dân phố 1» (the nominee of the Party batch)."""
    item = next(e for e in list_evidence(db) if e.document_ref == "Báo cáo của Chi bộ TDP 1")
    source = tmp_path / "Báo cáo giao quân 2025.pdf"
    source.write_bytes(b"%PDF-1.4 fake scan " + bytes(range(256)) * 20)
    attach_file(db, item.id or 0, source)
    return source


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_folder_dossier_with_manifest_and_evidence(demo_db: Database, tmp_path: Path) -> None:
    source = attach_evidence(demo_db, tmp_path)
    campaign_id = campaign_of(demo_db)
    out = tmp_path / "ho-so"
    steps: list[tuple[int, int, str]] = []
    assert campaign_id
    result = build_dossier(
        demo_db, stored_batch(demo_db, "party_committee"), out, progress=lambda *a: steps.append(a), on=ON
    )
    assert result.path == out and out.is_dir()
    manifest = json.loads((out / MANIFEST_JSON).read_text(encoding="utf-8"))
    listed = {e["file"]: e for e in manifest["files"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert on_disk - set(listed) == {MANIFEST_JSON, MANIFEST_CSV}
    for name, entry in listed.items():
        data = (out / name).read_bytes()
        assert entry["sha256"] == sha256(data), name
        assert entry["size"] == len(data) and entry["description"]
    assert {
        "01-to-trinh.docx",
        "02-danh-sach.docx",
        "02-danh-sach.xlsx",
        "03-bien-ban.docx",
        "05-quyet-dinh.docx",
    } <= set(listed)
    reports = sorted(n for n in listed if n.startswith("04-bao-cao-thanh-tich/"))
    assert reports == ["04-bao-cao-thanh-tich/01-chi-bo-to-dan-pho-1.docx"]
    evidence = [n for n in listed if n.startswith("06-minh-chung/")]
    assert evidence == ["06-minh-chung/01-chi-bo-to-dan-pho-1/Báo cáo giao quân 2025.pdf"]
    assert (out / evidence[0]).read_bytes() == source.read_bytes()
    assert listed[evidence[0]]["sha256"] == sha256(source.read_bytes()), "the attached file's hash"
    assert "Báo cáo của Chi bộ TDP 1" in listed[evidence[0]]["description"]
    to_trinh = full_text(open_docx(out / "01-to-trinh.docx"))
    assert "Bản sao 01 tệp minh chứng kết quả thực hiện chỉ tiêu (kèm danh mục tệp)." in to_trinh
    assert "theo danh sách kèm theo" not in to_trinh
    with (out / MANIFEST_CSV).open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Tệp", "SHA-256", "Kích thước (byte)", "Nội dung"]
    assert {r[0]: r[1] for r in rows[1:]} == {n: e["sha256"] for n, e in listed.items()}
    assert steps[-1][0] == steps[-1][1] and len(steps) >= 8
    assert result.documents == 6 and result.evidence_files == 1
    report = full_text(open_docx(out / reports[0]))
    assert "BÁO CÁO THÀNH TÍCH" in report and "Chi bộ Tổ dân phố 1" in report
    assert "Quyết định khen thưởng" in listed["05-quyet-dinh.docx"]["description"]
    assert not listed["05-quyet-dinh.docx"]["description"].startswith("Dự thảo"), "45-QĐ/ĐU is recorded"


def test_zip_dossier_of_a_party_batch(demo_db: Database, tmp_path: Path) -> None:
    campaign_id = campaign_of(demo_db)
    out = tmp_path / "gui" / "ho-so-dang.zip"
    result = build_dossier(demo_db, f"{campaign_id}:1:party_committee", out, on=ON)
    assert result.path == out
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read(MANIFEST_JSON))
        for entry in manifest["files"]:
            assert sha256(archive.read(entry["file"])) == entry["sha256"]
        to_trinh = full_text(open_docx(archive.read("01-to-trinh.docx")))
    assert {e["file"] for e in manifest["files"]} | {MANIFEST_JSON, MANIFEST_CSV} == names
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in to_trinh and "Giấy khen của Đảng ủy phường: 01 tập thể;" in to_trinh
    assert (
        manifest["authority"] == "party_committee" and manifest["batch"] == f"{campaign_id}:1:party_committee"
    )
    assert [p.name for p in out.parent.iterdir()] == ["ho-so-dang.zip"], "no temporary files left"


def test_an_error_in_one_document_names_it_and_leaves_nothing(demo_db: Database, tmp_path: Path) -> None:
    forms = demo_db.paths.forms
    forms.mkdir(parents=True)
    replace_in_template(
        FORMS / "bao-cao-thanh-tich-ca-nhan-nha-nuoc.docx",
        forms / "bao-cao-thanh-tich-ca-nhan-nha-nuoc.docx",
        "{{ award_name }}",
        "{{ award_nmae }}",
    )
    campaign_id = campaign_of(demo_db)
    target = tmp_path / "out"
    target.mkdir()
    for out in (target / "ho-so", target / "ho-so.zip"):
        with pytest.raises(TemplateError) as caught:
            build_dossier(demo_db, f"{campaign_id}:1:ward_chairman", out, on=ON)
        assert caught.value.field == "award_nmae"
        assert "bao-cao-thanh-tich-ca-nhan-nha-nuoc.docx" in caught.value.message
        assert list(target.iterdir()) == [], "nothing half-written is left behind"


def test_a_failing_render_names_the_document(demo_db: Database, tmp_path: Path) -> None:
    """A field that validates against the sample but fails on real data names the document being made."""
    forms = demo_db.paths.forms
    forms.mkdir(parents=True)
    replace_in_template(
        FORMS / "bao-cao-thanh-tich-ca-nhan-nha-nuoc.docx",
        forms / "bao-cao-thanh-tich-ca-nhan-nha-nuoc.docx",
        "{{ subject.birth_date }}",
        "{{ ratings[0].year }}",  # valid for the sample, missing for someone never rated
    )
    campaign_id = campaign_of(demo_db)
    documents = render_documents(demo_db, DocumentRequest("bao-cao-thanh-tich", campaign_id, on=ON))
    assert documents  # every demo nominee has ratings, so nothing fails
    from thidua_desktop.core.services.persons import PersonRecord, save_person

    person = save_person(demo_db, PersonRecord(full_name="Ngô Văn Mới"))
    form = award_form_by_code(demo_db, "LDTT")
    save_proposal(
        demo_db,
        ProposalRecord(
            campaign_id=campaign_id, award_form_id=form.id, subject_type="person", subject_id=person.id
        ),
    )
    out = tmp_path / "out" / "ho-so.zip"
    with pytest.raises(TemplateError) as caught:
        build_dossier(demo_db, f"{campaign_id}::ward_chairman", out, on=ON)
    assert "Báo cáo thành tích của Ngô Văn Mới" in caught.value.message
    assert not out.exists() and list(out.parent.iterdir()) == []


def test_cancelling_leaves_nothing(demo_db: Database, tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    def progress(done: int, total: int, text: str) -> None:
        if done >= 5:
            raise Cancelled()

    out = tmp_path / "out" / "ho-so"
    with pytest.raises(Cancelled):
        build_dossier(demo_db, f"{campaign_of(demo_db)}:1:ward_chairman", out, progress=progress, on=ON)
    assert list(out.parent.iterdir()) == []


def test_a_folder_with_files_is_never_overwritten(demo_db: Database, tmp_path: Path) -> None:
    out = tmp_path / "ho-so"
    out.mkdir()
    (out / "thu-cua-nguoi-dung.txt").write_text("giữ nguyên", encoding="utf-8")
    with pytest.raises(UserError, match="đã có dữ liệu"):
        build_dossier(demo_db, f"{campaign_of(demo_db)}:1:ward_chairman", out, on=ON)
    assert [p.name for p in out.iterdir()] == ["thu-cua-nguoi-dung.txt"]
    empty = tmp_path / "trong"
    empty.mkdir()
    build_dossier(demo_db, f"{campaign_of(demo_db)}:1:ward_chairman", empty, on=ON)
    assert (empty / MANIFEST_JSON).exists()


def test_a_batch_is_any_list_of_proposals_of_one_authority(demo_db: Database, tmp_path: Path) -> None:
    proposals = list_proposals(demo_db)
    ward = [p for p in proposals if p.authority == "ward_chairman"]
    assert len(ward) == 2
    result = build_dossier(demo_db, ward, tmp_path / "hai-de-nghi.zip", on=ON)
    with zipfile.ZipFile(result.path) as archive:
        reports = [n for n in archive.namelist() if n.startswith("04-bao-cao-thanh-tich/")]
        to_trinh = full_text(open_docx(archive.read("01-to-trinh.docx")))
    assert len(reports) == 1, "the candidate who failed the ballot is not proposed"
    assert "DỰ THẢO" in to_trinh, "a list of proposals is not a stored batch: its papers are drafts"
    with pytest.raises(ValidationError, match="cùng một cấp khen"):
        batch_from_proposals(proposals)
    with pytest.raises(UserError, match="không hợp lệ"):
        resolve_batch(demo_db, "abc")


def test_no_decision_for_awards_decided_above_the_ward(demo_db: Database, tmp_path: Path) -> None:
    proposals = list_proposals(demo_db)
    base = next(p for p in proposals if p.subject_name == "Phạm Thị Thu Hà")
    form = award_form_by_code(demo_db, "BK_CT_UBND_TINH")
    save_proposal(
        demo_db,
        ProposalRecord(
            campaign_id=base.campaign_id,
            phase_id=base.phase_id,
            award_form_id=form.id,
            subject_type="person",
            subject_id=base.subject_id,
            achievement_summary="Hai năm liền Chiến sĩ thi đua cơ sở",
        ),
    )
    spec = f"{base.campaign_id}:1:province_chairman"
    result = build_dossier(demo_db, spec, tmp_path / "tinh.zip", on=ON)
    with zipfile.ZipFile(result.path) as archive:
        names = archive.namelist()
        to_trinh = full_text(open_docx(archive.read("01-to-trinh.docx")))
    assert "05-quyet-dinh.docx" not in names
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi" in to_trinh
    assert "TM. ỦY BAN NHÂN DÂN" in to_trinh
    with pytest.raises(UserError, match="thẩm quyền của phường"):
        render_documents(demo_db, DocumentRequest("quyet-dinh", base.campaign_id, batch=spec))


def test_a_stored_batch_is_used_by_its_id(demo_db: Database, tmp_path: Path) -> None:
    batch_id = stored_batch(demo_db, "ward_chairman")
    result = build_dossier(demo_db, batch_id, tmp_path / "dot.zip", on=ON)
    with zipfile.ZipFile(result.path) as archive:
        to_trinh = full_text(open_docx(archive.read("01-to-trinh.docx")))
        minutes = full_text(open_docx(archive.read("03-bien-ban.docx")))
        names = archive.namelist()
    assert "Số: 05/TTr-HĐTĐKT" in to_trinh and "DỰ THẢO" not in to_trinh
    assert "Tổng số thành viên: 09; có mặt: 08; vắng mặt: 01" in minutes
    assert "ngày 28 tháng 5 năm 2025" in minutes and "88,9%" in minutes
    assert [n for n in names if n.startswith("04-")] == ["04-bao-cao-thanh-tich/01-duong-thi-hanh.docx"]
    assert result.manifest()["batch"] == batch_id


def test_a_stored_draft_batch_refuses_the_papers_it_is_not_ready_for(
    demo_db: Database, tmp_path: Path
) -> None:
    """A batch not yet voted has no minutes, no Tờ trình and no decision: the message names the missing step."""
    from thidua_desktop.core.services.batches import create_batch

    campaign_id = campaign_of(demo_db)
    draft = create_batch(demo_db, campaign_id, None, "ward_chairman", name="Đợt bổ sung")
    person = next(p for p in list_proposals(demo_db) if p.subject_type == "person").subject_id
    form = award_form_by_code(demo_db, "GK_CT_UBND_PHUONG")
    save_proposal(
        demo_db,
        ProposalRecord(
            campaign_id=campaign_id, award_form_id=form.id, subject_type="person", subject_id=person,
            batch_id=draft.id,
        ),
    )  # fmt: skip
    for kind, step in (
        ("to-trinh", "chưa bỏ phiếu"),
        ("bien-ban", "chưa bỏ phiếu"),
        ("quyet-dinh", "chưa được duyệt"),
    ):
        with pytest.raises(UserError, match=step) as caught:
            render_documents(demo_db, DocumentRequest(kind, batch=str(draft.id), on=ON))
        assert "«Đợt bổ sung»" in caught.value.message


def test_the_excel_list_matches_the_batch(demo_db: Database, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    result = build_dossier(demo_db, stored_batch(demo_db, "ward_chairman"), tmp_path / "hs", on=ON)
    sheet = load_workbook(result.path / "02-danh-sach.xlsx").active
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    text = "\n".join(values)
    assert "Dương Thị Hạnh" in text and "Ban Chỉ huy Quân sự phường" not in text
    assert "Tổng cộng: 01 cá nhân" in text
    assert "710000" in text.replace(".", "")
