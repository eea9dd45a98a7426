"""``import``: read branches' sheets (.xlsx, .xlsm, .xls, .ods) into the database.

``thidua --data-dir DIR import FILE... [--kind K] [--campaign ID] [--unit NAME] [--dry-run] --json`` prints one
JSON object per file, each on its own line (JSON Lines): ``{"file", "kind", "rows_read", "created", "updated",
"unchanged", "warnings": [...], "errors": [{"sheet", "row", "column", "message"}]}``. Each file is imported in one
transaction, all or nothing. Exit code 0 when every file was imported (or, with ``--dry-run``, could be), 2 when a
file was rejected (nothing from it was written; its counts are then 0, its ``errors`` say why).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.core.errors import UserError
from thidua_desktop.exchange.fields import SheetKind
from thidua_desktop.exchange.importer import (
    ImportResult,
    apply_import,
    plan_import,
    refused_result,
    rejected_result,
    result_of,
)

EXIT_REJECTED = 2


def _summary(result: ImportResult, dry_run: bool) -> str:
    if result.errors:
        lines = [f"«{result.file}»: KHÔNG NHẬP (có {len(result.errors)} lỗi, chưa ghi gì)."]
        for error in result.errors[:20]:
            where = ", ".join(
                part
                for part in (
                    f"trang «{error.sheet}»" if error.sheet else "",
                    f"dòng {error.row}" if error.row is not None else "",
                    f"cột {error.column}" if error.column else "",
                )
                if part
            )
            lines.append(f"  - {where + ': ' if where else ''}{error.message}")
        if len(result.errors) > 20:
            lines.append(f"  … và {len(result.errors) - 20} lỗi khác.")
        return "\n".join(lines)
    verb = "Sẽ nhập" if dry_run else "Đã nhập"
    text = (
        f"«{result.file}»: {verb} {result.rows_read} dòng: {result.created} mới, {result.updated} cập nhật, "
        f"{result.unchanged} không đổi"
    )
    if result.warnings:
        text += f"; {len(result.warnings)} cảnh báo"
    return text + "."


def import_one(db: Any, path: Path, args: argparse.Namespace) -> tuple[ImportResult, bool]:
    """(result, whether the file was accepted)."""
    try:
        plan = plan_import(db, path, kind=args.kind, campaign_id=args.campaign, unit_name=args.unit)
    except UserError as error:
        return rejected_result(str(path), error, args.kind or ""), False
    if plan.has_errors:
        return refused_result(plan), False
    if args.dry_run:
        return result_of(plan), True
    try:
        return apply_import(db, plan), True
    except UserError as error:
        result = refused_result(plan)
        if not result.errors:
            result.errors = rejected_result(str(path), error).errors
        return result, False


def _import(args: argparse.Namespace) -> int:
    code = 0
    with open_data(args.data_dir) as db:
        for path in args.files:
            result, accepted = import_one(db, path, args)
            if not accepted:
                code = EXIT_REJECTED
            if args.json:
                sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                print(_summary(result, args.dry_run))
    return code


def register(subparsers: Any, _parser: argparse.ArgumentParser) -> None:
    command = subparsers.add_parser(
        "import",
        help="nhập danh sách, đăng ký thi đua, chỉ tiêu, kết quả từ tệp Excel/LibreOffice (.xlsx, .xls, .ods)",
        description="Nhập từng tệp trong một giao dịch: có lỗi thì không ghi gì từ tệp đó (mã thoát 2).",
    )
    command.add_argument("files", nargs="+", type=Path, metavar="TỆP")
    command.add_argument(
        "--kind",
        choices=[k.value for k in SheetKind],
        default=None,
        help="loại trang (mặc định: nhận biết theo dòng tiêu đề)",
    )
    command.add_argument("--campaign", type=int, default=None, help="mã số phong trào thi đua")
    command.add_argument("--unit", default=None, help="tên đơn vị của trang khi tệp không ghi")
    command.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")
    command.add_argument("--json", action="store_true", help="mỗi tệp một đối tượng JSON trên một dòng")
    command.set_defaults(handler=_import)
