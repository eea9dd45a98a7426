"""The ``export`` command group, shared by the modules that add ``export`` sub-commands (Excel forms and tallies,
Word documents and dossiers...).

``get_export_subparsers(subparsers)`` creates the ``export`` parser the first time any module asks for it and caches
its sub-parsers on ``subparsers``, so each module adds its own ``export KIND`` without knowing the others. This
module has no ``register``: the CLI's discovery skips it.
"""

from __future__ import annotations

import argparse
from typing import Any

_CACHE_ATTRIBUTE = "_thidua_export_subparsers"


def get_export_subparsers(subparsers: Any) -> Any:
    """The sub-parsers of ``thidua export`` (an ``argparse._SubParsersAction``), created once per parser."""
    found = getattr(subparsers, _CACHE_ATTRIBUTE, None)
    if found is None:
        export = subparsers.add_parser(
            "export",
            help="xuất tệp: phiếu đăng ký, bảng tổng hợp (Excel), văn bản (Word)",
            description="Xuất tệp gửi chi bộ, báo cáo cấp trên hoặc trình ký.",
        )
        found = export.add_subparsers(dest="export_command", metavar="LOẠI", required=True)
        setattr(subparsers, _CACHE_ATTRIBUTE, found)
    return found


def export_parser(subparsers: Any) -> argparse.ArgumentParser:
    """The ``export`` parser itself (created if needed)."""
    get_export_subparsers(subparsers)
    return subparsers.choices["export"]  # type: ignore[no-any-return]
