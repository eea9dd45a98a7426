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


RECOVERY_ADVICE = (
    "Hãy in hoặc chép lại khóa này và cất ở nơi an toàn: cần nó để mở dữ liệu trên máy khác hoặc sau khi cài lại "
    "Windows. Chương trình không hiện lại khóa này."
)


def _encryption_status(root: Path) -> dict[str, Any]:
    from thidua_desktop.core.storage import cipher, keys, sealed
    from thidua_desktop.core.storage.backup import list_backups

    paths = DataPaths(root)
    files = [p for p in paths.attachments.rglob("*") if p.is_file()] if paths.attachments.is_dir() else []
    copies = list_backups(paths.backups)
    return {
        "folder": str(paths.root),
        "key_file": keys.is_encrypted_folder(paths.root),
        "credential_store": keys.store_available(),
        "database_encrypted": cipher.is_plain(paths.database) is False,
        "attachments_encrypted": sum(1 for p in files if sealed.is_sealed(p)),
        "attachments_plain": sum(1 for p in files if not sealed.is_sealed(p)),
        "backups_encrypted": sum(1 for b in copies if cipher.is_plain(b.path) is False),
        "backups_plain": sum(1 for b in copies if cipher.is_plain(b.path) is True),
    }


def _encryption(args: argparse.Namespace) -> int:
    from thidua_desktop.cli import print_json
    from thidua_desktop.core.storage import keys
    from thidua_desktop.core.storage.encrypt_folder import encrypt_folder

    root = _folder(args)
    result: dict[str, Any] = {}
    if args.action == "enable":
        done = encrypt_folder(root)
        result = {
            "recovery_key": done.recovery_key,
            "database": done.database,
            "attachments": done.attachments,
            "backups": done.backups,
        }
        text = f"Đã mã hóa thư mục dữ liệu «{root}» ({done.attachments} tệp minh chứng, {done.backups} bản sao lưu)."
        if done.recovery_key:
            text += f"\nKHÓA KHÔI PHỤC: {done.recovery_key}\n{RECOVERY_ADVICE}"
    elif args.action == "unlock":
        if not args.key:
            raise UserError("Hãy gõ khóa khôi phục sau «unlock», ví dụ: thidua encryption unlock ABCD-EFGH-…")
        keys.unlock(root, args.key)
        result, text = {"unlocked": True}, f"Máy này đã giữ khóa của thư mục dữ liệu «{root}»."
    elif args.action == "new-recovery-key":
        key = keys.load_key(root)
        if key is None:
            raise UserError(f"Thư mục dữ liệu «{root}» chưa được mã hóa (thidua encryption enable).")
        recovery = keys.new_recovery_key(root, key)
        result = {"recovery_key": recovery}
        text = f"KHÓA KHÔI PHỤC MỚI: {recovery}\nKhóa cũ không còn dùng được. {RECOVERY_ADVICE}"
    else:
        result = _encryption_status(root)
        text = "\n".join(f"{k}: {v}" for k, v in result.items())
    if args.json:
        print_json(result)
    else:
        print(text)
    return 0


def register(subparsers: Any, _parser: argparse.ArgumentParser) -> None:
    encryption = subparsers.add_parser(
        "encryption", help="mã hóa dữ liệu: xem trạng thái, bật cho thư mục cũ, mở khóa bằng khóa khôi phục"
    )
    encryption.add_argument("action", choices=("status", "enable", "unlock", "new-recovery-key"))
    encryption.add_argument("key", nargs="?", default="", help="khóa khôi phục (với unlock)")
    encryption.add_argument("--json", action="store_true")
    encryption.set_defaults(handler=_encryption)

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
