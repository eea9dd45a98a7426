"""Owner-only data: the data folder and its sub-folders 0700, the database and its companions 0600 (POSIX).

On Windows ``os.chmod`` only toggles the read-only flag; there the folder under the user's profile
(``%APPDATA%``) inherits the profile's ACL (the user, SYSTEM and Administrators), which the README states.
Folders and files owned by someone else (a shared copy) are left as they are.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from thidua_desktop.core.storage.atomic import FILE_MODE, FOLDER_MODE

if TYPE_CHECKING:
    from thidua_desktop.core.storage.paths import DataPaths

POSIX = os.name == "posix"


def _mine(path: Path) -> bool:
    return not hasattr(os, "getuid") or path.stat().st_uid == os.getuid()


def restrict(path: Path, mode: int) -> None:
    """Set ``mode`` on a path we own (POSIX); errors are ignored, the data must open anyway."""
    if not POSIX:
        return
    with contextlib.suppress(OSError):
        if _mine(path) and (path.stat().st_mode & 0o777) != mode:
            os.chmod(path, mode)


def make_private_folder(folder: Path) -> None:
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    restrict(folder, FOLDER_MODE)


def create_private(path: Path) -> None:
    """Create an empty owner-only file if there is none (SQLite then keeps that mode for ``-wal``/``-shm``)."""
    if path.exists():
        return
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


def secure_files(paths: DataPaths) -> None:
    """Tighten an existing folder: the database and its companions, the lock, the backups and the logs."""
    for folder in (paths.root, paths.backups, paths.attachments, paths.logs, paths.pending):
        if folder.is_dir():
            restrict(folder, FOLDER_MODE)
    database = paths.database
    for path in (
        database,
        database.with_name(database.name + "-wal"),
        database.with_name(database.name + "-shm"),
    ):
        if path.exists():
            restrict(path, FILE_MODE)
    for folder in (paths.backups, paths.logs):
        for path in folder.iterdir() if folder.is_dir() else []:
            if path.is_file():
                restrict(path, FILE_MODE)
    if paths.lock_file.exists():
        restrict(paths.lock_file, FILE_MODE)
