"""``thidua export document`` and ``thidua export dossier``: files, JSON output, Vietnamese errors; one document
opened by LibreOffice headless (converted to PDF) to prove that it is a valid Word file."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from documents_helpers import full_text, open_docx, to_pdf

from thidua_desktop.cli import main
from thidua_desktop.core.storage.backup import backup_to
from thidua_desktop.exchange.documents.template_specs import KINDS


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    backup_to(demo_template / "thidua.sqlite3", folder / "thidua.sqlite3")
    return folder


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_export_document_prints_the_files(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "van-ban" / "to-trinh.docx"
    result = run_json(
        capsys,
        "--data-dir", str(demo_dir), "export", "document", "to-trinh", "--campaign", "1",
        "--batch", "1:1:ward_chairman", "--date", "2025-05-26", "-o", str(out), "--json",
    )  # fmt: skip
    assert result == {"files": [str(out.resolve())]}
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân phường Nguyễn Nghiêm" in full_text(open_docx(out))


def test_every_kind_from_the_command_line(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind in KINDS:
        folder = tmp_path / kind
        result = run_json(
            capsys, "--data-dir", str(demo_dir), "export", "document", kind, "--campaign", "1", "-o", str(folder),
            "--json",
        )  # fmt: skip
        files = [Path(f) for f in result["files"]]  # type: ignore[union-attr]
        assert files and all(f.parent == folder.resolve() and f.suffix == ".docx" for f in files), kind


def test_subject_and_phase_options(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    units = run_json(capsys, "--data-dir", str(demo_dir), "list", "units", "--json")
    unit_id = next(u["id"] for u in units if u["name"] == "Chi bộ Tổ dân phố 1")  # type: ignore[attr-defined]
    persons = run_json(capsys, "--data-dir", str(demo_dir), "list", "persons", "--json")
    person_id = next(p["id"] for p in persons if p["full_name"] == "Phạm Thị Thu Hà")  # type: ignore[attr-defined]
    out = tmp_path / "cam-ket.docx"
    run_json(capsys, "--data-dir", str(demo_dir), "export", "document", "cam-ket", "--campaign", "1",
             "--unit", str(unit_id), "-o", str(out), "--json")  # fmt: skip
    assert "CHI BỘ TỔ DÂN PHỐ 1" in full_text(open_docx(out))
    out = tmp_path / "bao-cao.docx"
    run_json(capsys, "--data-dir", str(demo_dir), "export", "document", "bao-cao-thanh-tich", "--campaign", "1",
             "--person", str(person_id), "-o", str(out), "--json")  # fmt: skip
    assert "Đề nghị tặng Chiến sĩ thi đua cơ sở" in full_text(open_docx(out))
    out = tmp_path / "so-ket-2.docx"
    run_json(capsys, "--data-dir", str(demo_dir), "export", "document", "bao-cao-so-ket", "--campaign", "1",
             "--phase", "2", "-o", str(out), "--json")  # fmt: skip
    assert "giai đoạn 2" in full_text(open_docx(out))


def test_several_documents_beside_a_docx_name(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "to-trinh.docx"
    result = run_json(capsys, "--data-dir", str(demo_dir), "export", "document", "to-trinh", "--campaign", "1",
                      "-o", str(out), "--json")  # fmt: skip
    names = sorted(Path(f).name for f in result["files"])  # type: ignore[union-attr]
    # one per stored batch of the demo (the CSTĐCS of phase 1 goes to the district chairman)
    assert names == [
        "to-trinh-chu-tich-ubnd-cap-huyen.docx",
        "to-trinh-chu-tich-ubnd-phuong.docx",
        "to-trinh-dang-uy-phuong.docx",
    ]


def test_export_dossier_prints_the_manifest(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ho-so.zip"
    result = run_json(capsys, "--data-dir", str(demo_dir), "export", "dossier", "--batch", "1:1:ward_chairman",
                      "-o", str(out), "--json")  # fmt: skip
    assert result["path"] == str(out.resolve()) and result["authority"] == "ward_chairman"
    files = result["files"]
    assert isinstance(files, list)
    assert set(files[0]) == {"file", "sha256", "size", "description"}
    with zipfile.ZipFile(out) as archive:
        for entry in files:
            assert hashlib.sha256(archive.read(entry["file"])).hexdigest() == entry["sha256"]


def test_errors_are_vietnamese_and_change_nothing(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.docx"
    assert main(["--data-dir", str(demo_dir), "export", "document", "quyet-dinh", "--campaign", "1",
                 "--batch", "1:1:province_chairman", "-o", str(out)]) == 1  # fmt: skip
    assert "không có đề nghị nào trình" in capsys.readouterr().err
    assert (
        main(["--data-dir", str(demo_dir), "export", "dossier", "--batch", "7:x", "-o", str(out), "--json"])
        == 1
    )
    assert "không hợp lệ" in json.loads(capsys.readouterr().out)["error"]
    assert not out.exists()


def test_libreoffice_opens_a_generated_document(demo_dir: Path, tmp_path: Path) -> None:
    """The rendered Word file is valid enough for LibreOffice to lay it out and print it to PDF."""
    assert shutil.which("soffice") or shutil.which("libreoffice"), "LibreOffice is needed (CI installs it)"
    out = tmp_path / "to-trinh.docx"
    assert main(["--data-dir", str(demo_dir), "export", "document", "to-trinh", "--campaign", "1",
                 "--batch", "1:1:ward_chairman", "--date", "2025-05-26", "-o", str(out)]) == 0  # fmt: skip
    (pdf,) = to_pdf([out], tmp_path / "pdf", tmp_path / "profile")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
