"""CLI start-up: only the module of the command that runs is imported; ``commands.COMMANDS`` (what ``--help``
lists without importing anything) says exactly what the modules register."""

from __future__ import annotations

import argparse
import importlib
import pkgutil

from tests.python_subprocess import run_reporting_json
from thidua_desktop import commands
from thidua_desktop.cli import build_parser


def _registered(module_name: str) -> dict[str, str]:
    module = importlib.import_module(f"{commands.__name__}.{module_name}")
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers(dest="command")
    module.register(subparsers, parser)
    return {action.dest: action.help or "" for action in subparsers._choices_actions}


def test_the_command_table_matches_what_the_modules_register() -> None:
    names = [m.name for m in pkgutil.iter_modules(commands.__path__)]
    found: dict[str, tuple[set[str], str]] = {}
    for name in names:
        if not hasattr(importlib.import_module(f"{commands.__name__}.{name}"), "register"):
            continue
        registered = _registered(name)
        if not registered:
            assert name in commands.GLOBAL_MODULES, name
        for command, help_text in registered.items():
            modules, _help = found.get(command, (set(), help_text))
            found[command] = (modules | {name}, help_text)
    table = {c: (set(m), h) for c, (m, h) in commands.COMMANDS.items()}
    assert table == found, "commands.COMMANDS must list every command a module registers, with its help"


def test_help_lists_every_command_and_imports_none_of_their_modules() -> None:
    report = run_reporting_json(
        "import contextlib, io, json, sys\n"
        "from thidua_desktop.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'openpyxl', 'python_calamine', "
        "'docx', 'docxtpl', 'alembic', 'PySide6'})\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('thidua_desktop.commands.'))\n"
        "print(json.dumps({'heavy': heavy, 'loaded': loaded, 'help': out.getvalue()}))\n"
    )
    assert report["heavy"] == []
    assert report["loaded"] == ["thidua_desktop.commands.smoke"]
    for command in commands.COMMANDS:
        assert command in report["help"]


def test_a_command_loads_only_its_own_modules() -> None:
    report = run_reporting_json(
        "import json, sys\n"
        "from thidua_desktop.cli import build_parser\n"
        "build_parser(['--data-dir', 'x', 'stats', '--json'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('thidua_desktop.commands.') or "
        "m.split('.')[0] in ('openpyxl', 'python_calamine', 'docxtpl'))))\n"
    )
    assert report == ["thidua_desktop.commands.data", "thidua_desktop.commands.smoke"]


def test_the_whole_parser_still_has_every_command() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(commands.COMMANDS) <= set(subparsers.choices)
