"""Command line: ``thidua [--data-dir DIR] [COMMAND ...]``. With no command it opens the window.

Commands live in ``thidua_desktop.commands``: each module there has ``register(subparsers)`` that adds its
sub-commands with ``set_defaults(handler=...)``; a handler takes the parsed arguments and returns the exit code.
The CLI calls the same services as the GUI.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from thidua_desktop import __version__, commands
from thidua_desktop.core.errors import UserError

EXIT_USER_ERROR = 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thidua", description="Thi đua Desktop: quản lý thi đua, khen thưởng của Đảng ủy phường."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="thư mục dữ liệu (mặc định: thư mục người dùng)"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="LỆNH")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers, parser)
    return parser


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _warn(message: str) -> None:
    sys.stderr.write(f"Cảnh báo: {message}\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        global_handler = getattr(args, "global_handler", None)
        code = global_handler(args) if global_handler is not None else None
        if code is not None:  # a global flag that was given (None: not this run's business, open the window)
            return int(code)
        from thidua_desktop.ui.app import run_app

        return run_app(args.data_dir)
    from thidua_desktop.core.bootstrap import set_notice_sink

    set_notice_sink(_warn)
    try:
        return int(handler(args))
    except UserError as exc:
        return _refuse(args, exc.message)
    except (
        OSError
    ) as exc:  # a file the command could not read or write: named, in Vietnamese, never a traceback
        from thidua_desktop.core.storage.atomic import disk_message

        return _refuse(args, disk_message(Path(exc.filename or args.data_dir or "."), exc))


def _refuse(args: argparse.Namespace, message: str) -> int:
    if getattr(args, "json", False):
        print_json({"error": message})
    sys.stderr.write(f"Lỗi: {message}\n")
    return EXIT_USER_ERROR
