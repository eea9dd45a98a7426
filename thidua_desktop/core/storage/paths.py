"""Where the program keeps its files."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_DIR_NAME = "ThiDuaDesktop"
PORTABLE_MARKER = "portable.txt"


def executable_dir() -> Path:
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[3]


def default_data_dir() -> Path:
    """The user data folder, or the folder beside the executable when a portable marker is there."""
    exe_dir = executable_dir()
    if getattr(sys, "frozen", False) and (exe_dir / PORTABLE_MARKER).exists():
        return exe_dir / "data"
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False, roaming=True))


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "thidua.sqlite3"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def forms(self) -> Path:
        return self.root / "forms"

    @property
    def lock_file(self) -> Path:
        return self.root / "thidua.lock"

    @property
    def opened(self) -> Path:
        """Decrypted copies of attachments handed to other programs (``mo-tam``), emptied at each start."""
        return self.root / "mo-tam"

    @property
    def pending(self) -> Path:
        """Journal of temporary files being written (``storage.atomic``), cleaned at the next start."""
        return self.root / "pending"

    def ensure(self) -> None:
        """Create the folders owner-only (0700 on POSIX; ``storage.permissions``)."""
        from thidua_desktop.core.storage.permissions import make_private_folder

        for folder in (self.root, self.backups, self.attachments, self.logs, self.pending):
            make_private_folder(folder)


def resource_root() -> Path:
    """The folder that holds ``resources/`` and ``forms/`` (the source tree, or the frozen bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[3]
