"""Templates are safe and strict (issue 11, point 9): rendering runs in Jinja's sandbox, so an edited template in
the data folder's ``forms/`` reads the context and nothing else; a broken tag is refused with the template's name
and the place, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents_helpers import replace_in_template

from thidua_desktop.cli import main as cli_main
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.documents.templates import TemplateError, load_template

FORMS = Path(__file__).resolve().parents[1] / "forms"


def user_copy(db: Database, file: str, old: str, new: str) -> Path:
    forms = db.paths.forms
    forms.mkdir(parents=True, exist_ok=True)
    replace_in_template(FORMS / file, forms / file, old, new)
    return forms / file


@pytest.mark.parametrize(
    "hostile",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('touch HACKED').read() }}",
        "{{ org.__class__.__init__.__globals__ }}",
        "{{ header.update({'number': 'x'}) }}",
    ],
)
def test_a_template_reaching_python_internals_is_refused(
    demo_db: Database, hostile: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    user_copy(demo_db, "to-trinh-dang.docx", "{{ subject_line }}", hostile)
    with pytest.raises(TemplateError) as caught:
        load_template("to-trinh-dang.docx", demo_db.paths.forms)
    assert "to-trinh-dang.docx" in caught.value.message
    assert "không được phép" in caught.value.message
    assert not (tmp_path / "HACKED").exists()


def test_a_broken_tag_names_the_template_and_the_paragraph(demo_db: Database) -> None:
    user_copy(demo_db, "bien-ban-dang.docx", "{{ chair }}", "{{ chair }")
    with pytest.raises(TemplateError) as caught:
        load_template("bien-ban-dang.docx", demo_db.paths.forms)
    message = caught.value.message
    assert "bien-ban-dang.docx (bản sửa trong thư mục biểu mẫu)" in message
    assert "đoạn thứ" in message and "{{ chair }" in message


def test_a_broken_user_template_writes_nothing_and_the_cli_fails(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user_copy(demo_db, "danh-sach-nha-nuoc.docx", "{{ r.name }}", "{{ r.name }")
    out = tmp_path / "out"
    demo_db.close()  # the command opens the folder itself
    code = cli_main(
        ["--data-dir", str(demo_db.paths.root), "export", "document", "danh-sach",
         "--campaign", "1", "--batch", "1:1:ward_chairman", "-o", str(out)]
    )  # fmt: skip
    assert code != 0
    err = capsys.readouterr().err
    assert "danh-sach-nha-nuoc.docx" in err and "đoạn thứ" in err
    assert not out.exists() or not any(out.iterdir())
