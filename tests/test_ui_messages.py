"""Why an export stopped, as the office reads it."""

from __future__ import annotations

import pytest

from thidua_desktop.core.errors import UserError
from thidua_desktop.ui.widgets import messages


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, text, *_a: seen.append(text))
    return seen


def test_a_user_error_is_shown_as_it_is(shown: list[str]) -> None:
    messages.show_export_failure(None, UserError("Chưa chọn đợt trình."), "Word", "Không lập được văn bản")
    assert shown == ["Chưa chọn đợt trình."]


def test_a_file_that_cannot_be_written_names_the_program_and_folder(shown: list[str]) -> None:
    error = PermissionError(13, "Permission denied")
    messages.show_export_failure(None, error, "Excel", "Không xuất được tệp", "D:\\Thi dua")
    assert shown == [
        "Không ghi được tệp vào «D:\\Thi dua»: Permission denied. "
        "Có thể tệp đang mở trong Excel hoặc thư mục không cho phép ghi."
    ]


def test_anything_else_says_what_failed(shown: list[str]) -> None:
    messages.show_export_failure(None, ValueError("hỏng mẫu"), "Word", "Không lập được văn bản")
    assert shown == ["Không lập được văn bản: hỏng mẫu"]
