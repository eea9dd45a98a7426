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


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The CLI's parser. Given ``argv``, only the module of the command it runs is imported (the others are listed
    from ``commands.COMMANDS``); without, every command module is (the whole parser, as tests inspect it)."""
    parser = argparse.ArgumentParser(
        prog="thidua", description="Thi đua Desktop: quản lý thi đua, khen thưởng của Đảng ủy phường."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="thư mục dữ liệu (mặc định: thư mục người dùng)"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="LỆNH")
    command = _command_of(argv) if argv is not None else None
    if command is None or (command and command not in commands.COMMANDS):
        wanted = sorted(m.name for m in pkgutil.iter_modules(commands.__path__))
    else:
        wanted = sorted({*commands.GLOBAL_MODULES, *commands.COMMANDS.get(command, ((), ""))[0]})
    for name in wanted:
        module = importlib.import_module(f"{commands.__name__}.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers, parser)
    for name, (_modules, help_text) in commands.COMMANDS.items():
        if name not in subparsers.choices:
            subparsers.add_parser(name, help=help_text, add_help=False)
    return parser


def _command_of(argv: Sequence[str]) -> str:
    """The sub-command ``argv`` runs ("" when none): the first word that is not a main-parser option."""
    words = iter(argv)
    for word in words:
        if word == "--data-dir":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return ""


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _warn(message: str) -> None:
    sys.stderr.write(f"Cảnh báo: {message}\n")


def _unraisable(hook: Any) -> None:
    """An error in a destructor after a failure already explained (openpyxl's zip file closing again on a full
    disk): logged, not printed as a traceback after the Vietnamese message."""
    import logging

    logging.getLogger("thidua_desktop").debug("Lỗi khi dọn dẹp: %s", hook.exc_value)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
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
    sys.unraisablehook = _unraisable
    try:
        return int(handler(args))
    except UserError as exc:
        return _refuse(args, exc.message)
    except (
        OSError
    ) as exc:  # a file the command could not read or write: named, in Vietnamese, never a traceback
        from thidua_desktop.core.storage.atomic import access_message

        where = exc.filename or getattr(args, "output", None) or args.data_dir or "."
        return _refuse(args, access_message(Path(where), exc))


def _refuse(args: argparse.Namespace, message: str) -> int:
    if getattr(args, "json", False):
        print_json({"error": message})
    sys.stderr.write(f"Lỗi: {message}\n")
    return EXIT_USER_ERROR
