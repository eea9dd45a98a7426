"""``restore`` and ``purge-person``: putting a backup back, and removing one person's personal data on request.

thidua --data-dir DIR restore [BACKUP | --newest] [--list] [--json]
thidua --data-dir DIR purge-person ID --reason TEXT --yes [--json]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from thidua_desktop.core.errors import UserError
from thidua_desktop.core.storage.paths import DataPaths, default_data_dir


def _folder(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def _restore(args: argparse.Namespace) -> int:
    from thidua_desktop.cli import print_json
    from thidua_desktop.core.storage import backup, preflight, recovery

    paths = DataPaths(_folder(args))
    if args.list:
        rows = [
            {
                "file": str(info.path),
                "created": info.created.isoformat(timespec="seconds"),
                "size": info.size,
                "reason": info.reason,
                "good": preflight.is_good_copy(info.path),
            }
            for info in backup.list_backups(paths.backups)
        ]
        if args.json:
            print_json(rows)
        else:
            for row in rows:
                print(
                    f"{row['file']} | {row['created']} | {'tốt' if row['good'] else 'HỎNG'} | {row['reason']}"
                )
        return 0
    source = Path(args.backup) if args.backup else backup.newest_good_backup(paths.backups)
    if source is None:
        raise UserError(f"Không có bản sao lưu tốt nào trong «{paths.backups}».")
    done = recovery.restore(paths.root, source)
    if args.json:
        print_json({"restored": str(done.source), "kept": str(done.kept) if done.kept else None})
    else:
        print(f"Đã khôi phục dữ liệu từ «{done.source}».")
        if done.kept is not None:
            print(f"Dữ liệu trước khi khôi phục được giữ ở «{done.kept}».")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from thidua_desktop.cli import print_json
    from thidua_desktop.core.bootstrap import open_data
    from thidua_desktop.core.services.purge import purge_person

    if not args.yes:
        raise UserError(
            "Xóa hẳn dữ liệu cá nhân không hoàn tác được (nhật ký thay đổi cũng bị xóa). Thêm --yes để xác nhận."
        )
    with open_data(args.data_dir, read_only=False) as db:
        result = purge_person(db, args.person_id, args.reason)
    if args.json:
        print_json(
            {
                "person_id": result.person_id,
                "records": result.records,
                "audit_entries": result.audit_entries,
                "files": result.files,
            }
        )
    else:
        print(
            f"Đã xóa hẳn dữ liệu của cá nhân số {result.person_id}: {result.records} bản ghi, "
            f"{result.audit_entries} mục nhật ký, {result.files} tệp minh chứng."
        )
    return 0


def register(subparsers: Any, _parser: argparse.ArgumentParser) -> None:
    restore = subparsers.add_parser(
        "restore", help="khôi phục từ bản sao lưu (mặc định: bản tốt gần nhất); dữ liệu cũ được giữ lại"
    )
    restore.add_argument("backup", nargs="?", default=None, help="tệp sao lưu (trong backups/)")
    restore.add_argument("--list", action="store_true", help="liệt kê bản sao lưu và cho biết bản nào tốt")
    restore.add_argument("--json", action="store_true")
    restore.set_defaults(handler=_restore)

    purge = subparsers.add_parser(
        "purge-person",
        help="xóa hẳn dữ liệu cá nhân của một người theo yêu cầu (Luật Bảo vệ dữ liệu cá nhân)",
    )
    purge.add_argument("person_id", type=int, help="số của cá nhân (thidua list persons)")
    purge.add_argument("--reason", required=True, help="lý do, ví dụ: theo đơn ngày 05/01/2026")
    purge.add_argument("--yes", action="store_true", help="xác nhận (không hoàn tác được)")
    purge.add_argument("--json", action="store_true")
    purge.set_defaults(handler=_purge)
