"""The window's start-up on faults (issue 13): a damaged file offers the newest good backup, a read-only folder
offers viewing, a failed daily backup warns and the program opens."""

from __future__ import annotations

import errno
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.core.models import Unit
from thidua_desktop.core.storage import backup, database
from thidua_desktop.ui import app as ui_app


def record_boxes(monkeypatch: pytest.MonkeyPatch, click: str | None = None) -> list[QMessageBox]:
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        for button in box.buttons():
            if click is not None and button.text().replace("&", "") == click:
                button.click()
                break
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


def _with_a_unit(data_dir: Path) -> None:
    with open_data(data_dir, now=datetime(2026, 3, 1, 9)) as db, db.session() as session:
        session.add(Unit(name="Chi bộ Tổ dân phố 1", kind="party_cell"))
    open_data(data_dir, now=datetime(2026, 3, 2, 9)).close()  # that day's backup holds the unit


def test_damaged_database_offers_the_newest_good_backup(
    qapp: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_a_unit(data_dir)
    database_file = data_dir / "thidua.sqlite3"
    with database_file.open("r+b") as handle:
        handle.write(b"\x00" * 16)
    boxes = record_boxes(monkeypatch, click="Khôi phục bản sao lưu tốt gần nhất")
    db = ui_app.open_data_or_explain(data_dir)
    assert db is not None
    try:
        assert boxes[0].windowTitle() == "Tệp dữ liệu bị hỏng" and str(database_file) in boxes[0].text()
        assert boxes[1].windowTitle() == "Đã khôi phục" and ".hong-" in boxes[1].text()
        with db.session() as session:
            assert [u.name for u in session.query(Unit)] == ["Chi bộ Tổ dân phố 1"]
    finally:
        db.close()
    assert list(data_dir.glob("thidua.sqlite3.hong-*"))


def test_damaged_database_left_alone_when_the_user_closes(
    qapp: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_a_unit(data_dir)
    database_file = data_dir / "thidua.sqlite3"
    with database_file.open("r+b") as handle:
        handle.write(b"\x00" * 16)
    damaged = database_file.read_bytes()
    boxes = record_boxes(monkeypatch, click="Đóng")
    assert ui_app.open_data_or_explain(data_dir) is None
    assert len(boxes) == 1 and database_file.read_bytes() == damaged


def test_read_only_folder_opens_for_viewing_when_asked(
    qapp: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_a_unit(data_dir)
    monkeypatch.setattr(
        database, "probe_writable", lambda _folder: PermissionError(errno.EROFS, "Read-only file system")
    )
    boxes = record_boxes(monkeypatch, click="Có")
    db = ui_app.open_data_or_explain(data_dir)
    assert db is not None
    try:
        assert db.read_only and "chỉ cho phép đọc" in boxes[0].informativeText()
        assert str(data_dir) in boxes[0].informativeText()
    finally:
        db.close()


def test_failed_daily_backup_warns_and_opens(
    qapp: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_data(data_dir, daily_backup=False).close()

    def full(*_args: Any, **_kwargs: Any) -> None:
        raise backup._failure(
            data_dir / "backups" / "x.sqlite3", 5 << 20, sqlite3.OperationalError("disk is full")
        )

    monkeypatch.setattr(backup, "make_backup", full)
    boxes = record_boxes(monkeypatch)
    db = ui_app.open_data_or_explain(data_dir)
    assert db is not None
    db.close()
    assert boxes[0].windowTitle() == "Cảnh báo" and "cần khoảng 5,0 MB" in boxes[0].text()


def test_the_log_file_is_owner_only(tmp_path: Path) -> None:
    import logging
    import os
    import stat

    path = ui_app.setup_logging(tmp_path / "logs")
    try:
        assert path.exists()
        assert os.name != "posix" or stat.S_IMODE(path.stat().st_mode) == 0o600
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if h.get_name() == ui_app.LOG_HANDLER_NAME]:
            root.removeHandler(handler)
            handler.close()
