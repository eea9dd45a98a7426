"""``export document`` and ``export dossier``: the Word papers and the nomination dossier.

    thidua --data-dir DIR export document KIND --campaign ID [--batch B] [--unit ID] [--person ID] [--phase N]
           [--date YYYY-MM-DD] -o PATH
    thidua --data-dir DIR export dossier --batch B [--date YYYY-MM-DD] -o PATH(.zip)

KIND: to-trinh, danh-sach, bao-cao-thanh-tich, bien-ban, quyet-dinh, cam-ket, bao-cao-so-ket, bao-cao-tong-ket.
``--batch`` is the id of a stored proposal batch (the Đợt trình tab): its papers come from its items, statuses and
votes, each in the state it needs. ``CAMPAIGN:PHASE:AUTHORITY`` (the proposals of one phase that go to one
authority, e.g. ``1:1:ward_chairman``; empty phase = every phase) is for drafts before a batch exists: those papers
say "DỰ THẢO". Without ``--batch`` the papers are made for every stored batch that reached the step they need, and
a draft for proposals in no batch. Blanks the papers leave (meeting times, secretary…) are listed on stderr; a
missing signer stops the export with the setting to fill (exit code 1). When a request gives several documents, ``-o X.docx``
writes ``X-NAME.docx`` beside it and ``-o FOLDER`` writes them into the folder.

``--json``: ``export document`` prints ``{"files": [...]}`` (absolute paths); ``export dossier`` prints the
manifest ``{"path", "batch", "campaign_id", "authority", "files": [{"file", "sha256", "size", "description"}]}``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from thidua_desktop.commands._export_group import get_export_subparsers
from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.exchange.documents.template_specs import KIND_TITLES, KINDS


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày «{text}» không đúng dạng YYYY-MM-DD") from None


def _warn_blanks(blanks: list[str]) -> None:
    """What the papers leave blank, on stderr before they are written (the window asks instead)."""
    for blank in blanks:
        sys.stderr.write(f"Cảnh báo: văn bản để trống (chưa ghi nhận) — {blank}\n")


def _document(args: argparse.Namespace) -> int:
    from thidua_desktop.cli import print_json
    from thidua_desktop.exchange.documents.generate import (
        DocumentRequest,
        render_documents,
        unknown_fields,
        write_documents,
    )

    request = DocumentRequest(
        kind=args.kind,
        campaign_id=args.campaign,
        batch=args.batch,
        unit_id=args.unit,
        person_id=args.person,
        phase=args.phase,
        on=args.date,
    )
    with open_data(args.data_dir) as db:
        rendered = render_documents(db, request)
        _warn_blanks(unknown_fields(rendered))
        paths = write_documents(rendered, args.output)
    files = [str(Path(p).resolve()) for p in paths]
    if args.json:
        print_json({"files": files})
    else:
        for file in files:
            print(file)
        print(f"Đã lập {len(files)} văn bản ({KIND_TITLES[args.kind].lower()}).")
    return 0


def _dossier(args: argparse.Namespace) -> int:
    from thidua_desktop.cli import print_json
    from thidua_desktop.exchange.documents.dossier import build_dossier
    from thidua_desktop.exchange.documents.generate import DocumentRequest, render_documents, unknown_fields

    with open_data(args.data_dir) as db:
        minutes = render_documents(db, DocumentRequest("bien-ban", batch=args.batch, on=args.date))
        _warn_blanks(unknown_fields(minutes))
        result = build_dossier(db, args.batch, args.output, on=args.date)
    if args.json:
        print_json({"path": str(Path(result.path).resolve()), **result.manifest()})
    else:
        print(Path(result.path).resolve())
        print(
            f"Đã lập hồ sơ: {result.documents} văn bản, {result.evidence_files} tệp minh chứng, "
            f"danh mục kèm mã SHA-256 (manifest.csv, manifest.json)."
        )
    return 0


def register(subparsers: Any, _parser: argparse.ArgumentParser) -> None:
    export = get_export_subparsers(subparsers)
    batch_help = (
        "đợt trình: mã số (thẻ Đợt trình); hoặc PHONG_TRÀO:GIAI_ĐOẠN:CẤP_KHEN (ví dụ 1:1:ward_chairman) để lập "
        "dự thảo khi chưa có đợt trình"
    )

    document = export.add_parser(
        "document",
        help="văn bản Word: tờ trình, danh sách, báo cáo thành tích, biên bản, quyết định, cam kết, báo cáo",
        description="Lập văn bản Word từ biểu mẫu (bản sửa trong thư mục biểu mẫu của dữ liệu được ưu tiên).",
    )
    document.add_argument("kind", choices=KINDS, metavar="KIND", help="loại văn bản: " + ", ".join(KINDS))
    document.add_argument("--campaign", type=int, default=None, help="mã số phong trào thi đua")
    document.add_argument("--batch", default=None, help=batch_help)
    document.add_argument(
        "--unit", type=int, default=None, help="mã số tập thể (báo cáo thành tích, cam kết)"
    )
    document.add_argument(
        "--person", type=int, default=None, help="mã số cá nhân (báo cáo thành tích, cam kết)"
    )
    document.add_argument("--phase", type=int, default=None, help="số thứ tự giai đoạn")
    document.add_argument(
        "--date", type=_iso_date, default=None, help="ngày ghi trên văn bản (mặc định hôm nay)"
    )
    document.add_argument("-o", "--output", type=Path, required=True, help="tệp .docx hoặc thư mục")
    document.add_argument("--json", action="store_true")
    document.set_defaults(handler=_document)

    dossier = export.add_parser(
        "dossier",
        help="hồ sơ đề nghị khen thưởng của một đợt trình (thư mục hoặc .zip, kèm danh mục SHA-256)",
        description="Lập hồ sơ đề nghị khen thưởng: tờ trình, danh sách (Word, Excel), biên bản, báo cáo thành "
        "tích, quyết định (khi thuộc thẩm quyền của phường), bản sao minh chứng và danh mục tệp.",
    )
    dossier.add_argument("--batch", required=True, help=batch_help)
    dossier.add_argument(
        "--date", type=_iso_date, default=None, help="ngày ghi trên văn bản (mặc định hôm nay)"
    )
    dossier.add_argument("-o", "--output", type=Path, required=True, help="thư mục mới hoặc tệp .zip")
    dossier.add_argument("--json", action="store_true")
    dossier.set_defaults(handler=_dossier)
