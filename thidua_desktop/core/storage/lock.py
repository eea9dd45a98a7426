"""One program per database: a second copy on the same data folder is refused."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from thidua_desktop.core.errors import DatabaseLockedError


class DatabaseLock:
    def __init__(self, path: Path) -> None:
        self._lock = FileLock(str(path), mode=0o600, timeout=0, is_singleton=False, thread_local=False)
        self.path = path

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise DatabaseLockedError(
                "Dữ liệu này đang được mở bởi một chương trình Thi đua Desktop khác "
                f"(thư mục {self.path.parent}). Hãy đóng chương trình kia rồi mở lại."
            ) from exc

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()
