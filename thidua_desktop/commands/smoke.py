"""``thidua --smoke-test [--data-dir DIR]``: open the main window offscreen and run the everyday work once.

A global flag rather than a sub-command, so that the frozen program is checked exactly as users start it. The
handler answers None when the flag is absent: the CLI then opens the window as usual.
"""

from __future__ import annotations

import argparse
from typing import Any


def _smoke(args: argparse.Namespace) -> int | None:
    if not getattr(args, "smoke_test", False):
        return None
    from thidua_desktop.smoke import run_smoke_test

    return run_smoke_test(args.data_dir)


def register(_subparsers: Any, parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="kiểm tra nhanh: mở cửa sổ chính (không hiển thị), nạp dữ liệu mẫu, nhập, xuất rồi thoát; "
        "mã thoát khác 0 khi có lỗi hoặc cảnh báo của Qt (dùng với --data-dir DIR, thư mục trống)",
    )
    parser.set_defaults(global_handler=_smoke)
