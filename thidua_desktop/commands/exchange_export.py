"""``export forms`` and ``export tally``: the Excel files sent to the branches and up the hierarchy.

    thidua --data-dir DIR export forms --campaign ID [--unit ID ...] [--one-workbook] [--due YYYY-MM-DD] -o PATH
    thidua --data-dir DIR export tally --campaign ID [--kind registrations|results|proposals] -o PATH

``--json`` prints ``{"files": [...], "rows": N}`` (absolute paths; rows = data rows written).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from thidua_desktop.commands._export_group import get_export_subparsers
from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.exchange.export_tally import TALLY_LABELS, ExportResult, TallyKind


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày «{text}» không đúng dạng YYYY-MM-DD") from None


def _report(args: argparse.Namespace, result: ExportResult) -> int:
    from thidua_desktop.cli import print_json

    files = [str(Path(f).resolve()) for f in result.files]
    if args.json:
        print_json({"files": files, "rows": result.rows})
    else:
        for file in files:
            print(file)
        print(f"Đã xuất {len(files)} tệp, {result.rows} dòng dữ liệu.")
    return 0


def _forms(args: argparse.Namespace) -> int:
    from thidua_desktop.exchange.export_forms import export_forms

    with open_data(args.data_dir) as db:
        result = export_forms(
            db,
            args.campaign,
            args.output,
            unit_ids=args.unit,
            one_workbook=True if args.one_workbook else None,
            return_by=args.due,
        )
    return _report(args, result)


def _tally(args: argparse.Namespace) -> int:
    from thidua_desktop.exchange.export_tally import export_tally

    output: Path = args.output
    if output.suffix.lower() != ".xlsx":
        output = (
            output / f"Bang tong hop - {args.kind}.xlsx" if output.is_dir() else output.with_suffix(".xlsx")
        )
    with open_data(args.data_dir) as db:
        result = export_tally(db, args.campaign, args.kind, output)
    return _report(args, result)


def register(subparsers: Any, _parser: argparse.ArgumentParser) -> None:
    group = get_export_subparsers(subparsers)

    forms = group.add_parser(
        "forms",
        help="phiếu đăng ký thi đua gửi chi bộ (.xlsx, mỗi đơn vị một tệp)",
        description="Phiếu đăng ký thi đua cho từng chi bộ, đơn vị: điền sẵn thành viên và chỉ tiêu. "
        "PATH là thư mục (mỗi đơn vị một tệp) hoặc tệp .xlsx (một tệp cho tất cả).",
    )
    forms.add_argument("--campaign", type=int, required=True, help="mã số phong trào")
    forms.add_argument(
        "--unit", type=int, action="append", default=None, help="mã số đơn vị (lặp lại để chọn nhiều)"
    )
    forms.add_argument("--one-workbook", action="store_true", help="một tệp cho tất cả đơn vị")
    forms.add_argument("--due", type=_iso_date, default=None, help="hạn gửi lại (YYYY-MM-DD)")
    forms.add_argument("-o", "--output", type=Path, required=True, help="thư mục hoặc tệp .xlsx")
    forms.add_argument("--json", action="store_true")
    forms.set_defaults(handler=_forms)

    tally = group.add_parser(
        "tally",
        help="bảng tổng hợp (.xlsx): đăng ký, kết quả chỉ tiêu, đề nghị khen thưởng",
        description="Bảng tổng hợp theo mẫu văn bản của Đảng ủy. Loại: "
        + "; ".join(f"{k.value} = {v.lower()}" for k, v in TALLY_LABELS.items()),
    )
    tally.add_argument("--campaign", type=int, required=True, help="mã số phong trào")
    tally.add_argument(
        "--kind",
        choices=[k.value for k in TallyKind],
        default=TallyKind.REGISTRATIONS.value,
        help="loại bảng",
    )
    tally.add_argument("-o", "--output", type=Path, required=True, help="tệp .xlsx")
    tally.add_argument("--json", action="store_true")
    tally.set_defaults(handler=_tally)
