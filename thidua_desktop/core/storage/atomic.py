"""Every file the program writes goes through ``atomic_path``: written under a temporary name, renamed at the end.

A full disk, an error or a kill (power cut, Task Manager) midway then never leaves a half-written file under the
real name nor replaces a good one. What a kill leaves behind (the temporary file) is listed in the data folder's
``pending/`` journal before it is created, and ``clean_leftovers`` removes it at the next start, wherever it was
(exports go to any folder the user chose).

An ``OSError`` while writing becomes a ``UserError`` naming the file and the cause in Vietnamese (``disk_message``).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from thidua_desktop.core.errors import UserError

log = logging.getLogger(__name__)

TEMP_PREFIX = ".~"
TEMP_MARK = ".part"
FILE_MODE = 0o600
FOLDER_MODE = 0o700
OPENPYXL_PREFIX = "openpyxl."
OPENPYXL_STALE_SECONDS = 3600
"""openpyxl's write-only sheets stream to ``openpyxl.*`` in the system temporary folder (removed at a normal exit);
after a kill they stay. Those untouched for an hour are not being written by anyone."""

_journal: Path | None = None


def use_journal(folder: Path | None) -> None:
    """Record temporary files in ``folder`` (the data folder's ``pending/``) so a later start can remove them."""
    global _journal
    _journal = folder


def temporary_name(path: Path) -> Path:
    """A hidden name beside ``path`` with its suffix kept (some writers look at it)."""
    return path.with_name(
        f"{TEMP_PREFIX}{path.stem}.{os.getpid()}-{uuid.uuid4().hex[:8]}{TEMP_MARK}{path.suffix}"
    )


def is_temporary(path: Path) -> bool:
    return path.name.startswith(TEMP_PREFIX) and TEMP_MARK in path.name


def _entry(temporary: Path) -> Path | None:
    if _journal is None:
        return None
    return _journal / (hashlib.sha1(str(temporary).encode("utf-8")).hexdigest() + ".txt")


def journal(temporary: Path) -> Path | None:
    """Record ``temporary`` (a file or folder about to be created) for removal at the next start; the entry."""
    return _remember(temporary)


def forget(entry: Path | None) -> None:
    """Drop a journal entry once its temporary file is gone."""
    if entry is not None:
        with contextlib.suppress(OSError):
            entry.unlink()


def _remember(temporary: Path) -> Path | None:
    entry = _entry(temporary)
    if entry is None:
        return None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(str(temporary), encoding="utf-8")
    except OSError:  # a read-only or full data folder must not stop an export elsewhere
        return None
    return entry


@contextlib.contextmanager
def tracked(temporary: Path) -> Iterator[Path]:
    """Journal ``temporary`` (a file or folder) for the block; remove it, and its journal entry, at the end."""
    entry = _remember(temporary)
    try:
        yield temporary
    finally:
        _remove(temporary)
        forget(entry)


CAUSES = {
    errno.ENOSPC: "ổ đĩa đã đầy. Hãy giải phóng dung lượng hoặc chọn ổ khác rồi thử lại",
    errno.EACCES: "không có quyền ghi vào thư mục này (hoặc ổ chỉ cho phép đọc). Hãy chọn thư mục khác",
    errno.EPERM: "không có quyền ghi vào thư mục này (hoặc ổ chỉ cho phép đọc). Hãy chọn thư mục khác",
    errno.EROFS: "ổ chỉ cho phép đọc (USB bị khóa ghi?). Hãy chọn thư mục khác",
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    errno.EIO: "lỗi đọc ghi của ổ đĩa (ổ hỏng hoặc USB vừa bị rút)",
    errno.EEXIST: "ở đó đã có một tệp cùng tên (không phải thư mục)",
}
if hasattr(errno, "EDQUOT"):
    CAUSES[errno.EDQUOT] = CAUSES[errno.ENOSPC]


def cause_of(exc: OSError) -> str:
    """Why a file operation failed, in Vietnamese (the system's own words only for rare causes)."""
    return CAUSES.get(exc.errno or -1) or exc.strerror or str(exc)


def disk_message(path: Path, exc: OSError) -> str:
    """A Vietnamese sentence naming ``path`` and why it could not be written."""
    return f"Không ghi được tệp «{path}»: {cause_of(exc)}."


def access_message(path: Path, exc: OSError) -> str:
    """The same for a file that could not be read or written (the CLI's last resort)."""
    return f"Không đọc hoặc ghi được tệp «{path}»: {cause_of(exc)}."


@contextlib.contextmanager
def atomic_path(path: Path, *, mode: int = FILE_MODE) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed to ``path`` only when the block succeeds, removed otherwise.

    The temporary file is created owner-only (``mode``) before the block writes into it, so the final file keeps
    that mode. Raises ``UserError`` (``disk_message``) when the folder or the file cannot be written.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(disk_message(path, exc)) from exc
    temporary = temporary_name(path)
    with tracked(temporary):
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
            yield temporary
            os.replace(temporary, path)
        except OSError as exc:
            raise UserError(disk_message(path, exc)) from exc


def write_bytes(path: Path, data: bytes) -> Path:
    with atomic_path(path) as temporary, temporary.open("wb") as stream:
        stream.write(data)
    return path


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(path, text.encode(encoding))


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("Không xóa được tệp tạm %s: %s", path, exc)


def clean_leftovers(journal: Path, *folders: Path) -> list[Path]:
    """Remove what killed writes left: journalled temporary files, ``*.part`` files in ``folders``, stale
    openpyxl streams. Returns the paths removed."""
    removed: list[Path] = []
    for entry in sorted(journal.glob("*.txt")) if journal.is_dir() else []:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            target = Path(entry.read_text(encoding="utf-8").strip())
            if target.name and (is_temporary(target) or target.name.startswith(".ho-so-dang-lap-")):
                if target.exists():
                    _remove(target)
                    removed.append(target)
            entry.unlink()
    for folder in folders:
        for leftover in folder.rglob(f"*{TEMP_MARK}*") if folder.is_dir() else []:
            if leftover.is_file() and (is_temporary(leftover) or leftover.name.endswith(TEMP_MARK)):
                _remove(leftover)
                removed.append(leftover)
    removed += _clean_openpyxl_streams()
    for path in removed:
        log.info("Đã xóa tệp tạm còn lại từ lần chạy trước: %s", path)
    return removed


def clean_folder(folder: Path) -> None:
    """Empty a folder of temporary copies (files still open in another program are left for next time)."""
    if folder.is_dir():
        for child in folder.iterdir():
            _remove(child)


def _clean_openpyxl_streams(now: float | None = None) -> list[Path]:
    removed: list[Path] = []
    limit = (now or time.time()) - OPENPYXL_STALE_SECONDS
    with contextlib.suppress(OSError):
        for stream in Path(tempfile.gettempdir()).glob(f"{OPENPYXL_PREFIX}*"):
            with contextlib.suppress(OSError):
                info = stream.stat()
                mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
                if stream.is_file() and mine and info.st_mtime < limit:
                    stream.unlink()
                    removed.append(stream)
    return removed
