"""Templates: shipped files reproducible from the build script, validated when loaded (misspelt fields named with
the template), user copies override the shipped ones, autoescaping keeps "&", "<" and quotes."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date
from pathlib import Path

import pytest
from documents_helpers import full_text, open_docx, replace_in_template, table_rows

from thidua_desktop.core.services.persons import list_persons
from thidua_desktop.core.services.proposals import ProposalRecord, list_proposals, save_proposal
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.documents.generate import DocumentRequest, export_documents, render_documents
from thidua_desktop.exchange.documents.metrics import break_name, text_width_mm
from thidua_desktop.exchange.documents.template_specs import SPECS, shipped_forms_dir, template_path
from thidua_desktop.exchange.documents.templates import TemplateError, load_template
from thidua_desktop.exchange.documents.words import amount_in_words, number_in_words

ON = date(2025, 5, 26)
FORMS = Path(__file__).resolve().parents[1] / "forms"


def test_every_shipped_template_loads_and_validates() -> None:
    assert shipped_forms_dir() == FORMS
    for spec in SPECS:
        loaded = load_template(spec.file)
        assert loaded.path == FORMS / spec.file and not loaded.is_user_copy


def test_the_build_script_reproduces_the_committed_templates(tmp_path: Path) -> None:
    sys.path.insert(0, str(FORMS))
    try:
        import build_templates
    finally:
        sys.path.remove(str(FORMS))
    written = build_templates.build_all(tmp_path)
    assert {p.name for p in written} == {s.file for s in SPECS}
    for path in written:
        assert path.read_bytes() == (FORMS / path.name).read_bytes(), (
            f"forms/{path.name} is out of date: run `uv run python forms/build_templates.py` and commit it"
        )


def test_a_user_copy_overrides_the_shipped_template(demo_db: Database) -> None:
    forms = demo_db.paths.forms
    forms.mkdir(parents=True)
    replace_in_template(
        FORMS / "to-trinh-dang.docx", forms / "to-trinh-dang.docx", "TỜ TRÌNH", "TỜ TRÌNH (BẢN SỬA)"
    )
    path, is_user = template_path("to-trinh-dang.docx", forms)
    assert is_user and path == forms / "to-trinh-dang.docx"
    campaign_id = list_proposals(demo_db)[0].campaign_id
    documents = render_documents(
        demo_db, DocumentRequest("to-trinh", campaign_id, batch=f"{campaign_id}:1:party_committee")
    )
    assert "TỜ TRÌNH (BẢN SỬA)" in full_text(open_docx(documents[0].data))
    state = render_documents(
        demo_db, DocumentRequest("to-trinh", campaign_id, batch=f"{campaign_id}:1:ward_chairman")
    )
    assert "TỜ TRÌNH (BẢN SỬA)" not in full_text(open_docx(state[0].data)), "other templates stay shipped"


def broken_copy(db: Database, file: str, old: str, new: str) -> Path:
    forms = db.paths.forms
    forms.mkdir(parents=True, exist_ok=True)
    target = forms / file
    replace_in_template(FORMS / file, target, old, new)
    return target


def test_a_misspelt_field_is_named_with_its_template(demo_db: Database, tmp_path: Path) -> None:
    broken_copy(demo_db, "to-trinh-nha-nuoc.docx", "{{ subject_line }}", "{{ subjet_line }}")
    with pytest.raises(TemplateError) as caught:
        load_template("to-trinh-nha-nuoc.docx", demo_db.paths.forms)
    error = caught.value
    assert error.field == "subjet_line"
    assert "to-trinh-nha-nuoc.docx" in error.message and "«subjet_line»" in error.message
    assert "Có phải là «subject_line»?" in error.message
    campaign_id = list_proposals(demo_db)[0].campaign_id
    out = tmp_path / "out" / "to-trinh.docx"
    with pytest.raises(TemplateError):
        export_documents(
            demo_db, DocumentRequest("to-trinh", campaign_id, batch=f"{campaign_id}:1:ward_chairman"), out
        )
    assert not out.exists() and not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_misspelt_field_inside_a_loop_is_found(demo_db: Database) -> None:
    broken_copy(demo_db, "danh-sach-dang.docx", "{{ r.name }}", "{{ r.nmae }}")
    with pytest.raises(TemplateError) as caught:
        load_template("danh-sach-dang.docx", demo_db.paths.forms)
    assert caught.value.field == "nmae"
    assert "danh-sach-dang.docx" in caught.value.message and "«nmae»" in caught.value.message


def test_a_broken_tag_is_reported(demo_db: Database) -> None:
    broken_copy(demo_db, "bien-ban-dang.docx", "{{ chair }}", "{{ chair }")
    with pytest.raises(TemplateError) as caught:
        load_template("bien-ban-dang.docx", demo_db.paths.forms)
    assert "bien-ban-dang.docx" in caught.value.message


def test_a_file_that_is_not_a_docx_is_reported(demo_db: Database) -> None:
    forms = demo_db.paths.forms
    forms.mkdir(parents=True)
    (forms / "cam-ket-dang.docx").write_text("not a Word file", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template("cam-ket-dang.docx", forms)
    assert "không mở được như một tệp Word" in caught.value.message


def test_ampersand_angle_brackets_and_quotes_survive(demo_db: Database) -> None:
    tricky = "Vượt 112% chỉ tiêu \"Quỹ vì người nghèo\" & <mô hình> 'Dân vận khéo'"
    base = next(p for p in list_proposals(demo_db) if p.subject_name == "Dương Thị Hạnh")  # decided: locked
    person = next(p for p in list_persons(demo_db) if p.full_name == "Hà Văn Nam")
    proposal = dataclasses.replace(
        base, id=None, batch_id=None, status="draft", subject_id=person.id, achievement_summary=tricky
    )
    proposal = save_proposal(demo_db, proposal)
    campaign_id = proposal.campaign_id
    documents = render_documents(
        demo_db, DocumentRequest("danh-sach", campaign_id, batch=f"{campaign_id}:1:ward_chairman", on=ON)
    )
    rows = table_rows(open_docx(documents[0].data).tables[1])
    row = next(r for r in rows if len(r) > 1 and r[1] == "Hà Văn Nam")
    assert row[3] == tricky + "."


def test_a_tricky_unit_name_survives_in_the_header(demo_db: Database) -> None:
    from thidua_desktop.core.services.units import get_unit, save_unit

    proposal = next(
        p for p in list_proposals(demo_db) if p.subject_type == "unit" and p.authority == "ward_chairman"
    )
    unit = get_unit(demo_db, proposal.subject_id or 0)
    unit.name = 'Tổ "Xung kích" & <Dân quân>'
    save_unit(demo_db, unit)
    documents = render_documents(
        demo_db, DocumentRequest("bao-cao-thanh-tich", proposal.campaign_id, unit_id=unit.id, on=ON)
    )
    text = full_text(open_docx(documents[0].data))
    assert 'Tổ "Xung kích" & <Dân quân>' in text
    assert 'TỔ "XUNG KÍCH" & <DÂN QUÂN>' in " ".join(text.split())


def test_amounts_in_words() -> None:
    assert number_in_words(0) == "không"
    assert number_in_words(15) == "mười lăm"
    assert number_in_words(21) == "hai mươi mốt"
    assert number_in_words(105) == "một trăm linh năm"
    assert number_in_words(1_050_000) == "một triệu không trăm năm mươi nghìn"
    assert number_in_words(2_340_000) == "hai triệu ba trăm bốn mươi nghìn"
    assert number_in_words(3_000_000_000) == "ba tỷ"
    assert amount_in_words(702_000) == "Bảy trăm linh hai nghìn đồng"


def test_long_names_of_bodies_break_evenly() -> None:
    assert break_name("ĐẢNG BỘ TỈNH QUẢNG NGÃI", 72, 14, False) == "ĐẢNG BỘ TỈNH QUẢNG NGÃI"
    assert break_name("ĐẢNG ỦY PHƯỜNG NGUYỄN NGHIÊM", 72, 14, True) == "ĐẢNG ỦY PHƯỜNG\nNGUYỄN NGHIÊM"
    assert break_name("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", 50, 13, True) == "HỘI ĐỒNG\nTHI ĐUA - KHEN THƯỞNG"
    long_name = break_name("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM PHƯỜNG", 66, 13, True)
    assert long_name == "ỦY BAN MẶT TRẬN\nTỔ QUỐC\nVIỆT NAM PHƯỜNG", "three lines, no word split"
    assert 55 < text_width_mm("Độc lập - Tự do - Hạnh phúc", 14, True) < 66


def test_every_template_uses_fields_in_single_runs() -> None:
    """Each tag sits in one Word run of the shipped files, so that Word edits do not split them."""
    import re
    import zipfile

    for spec in SPECS:
        with zipfile.ZipFile(FORMS / spec.file) as archive:
            xml = archive.read("word/document.xml").decode("utf-8")
        for text in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml):
            assert text.count("{{") == text.count("}}"), (spec.file, text)
            assert text.count("{%") == text.count("%}"), (spec.file, text)


def test_user_copy_of_a_template_is_used_in_proposal_dossiers(demo_db: Database) -> None:
    """A proposal added in the demo appears in the generated list (the data, not only the template, is live)."""
    proposals = list_proposals(demo_db)
    base = next(p for p in proposals if p.award_code == "GK_DANG_UY")
    extra = ProposalRecord(
        campaign_id=base.campaign_id,
        phase_id=base.phase_id,
        award_form_id=base.award_form_id,
        subject_type="unit",
        subject_id=next(p.subject_id for p in proposals if p.subject_type == "unit" and p.id != base.id),
    )
    save_proposal(demo_db, extra)
    documents = render_documents(
        demo_db, DocumentRequest("danh-sach", base.campaign_id, batch=f"{base.campaign_id}:1:party_committee")
    )
    text = full_text(open_docx(documents[0].data))
    assert "02 tập thể" in text
