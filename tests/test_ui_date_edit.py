"""The optional date field of every add/edit dialog: people type dates as dd/mm/yyyy, into an empty field too."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from thidua_desktop.core.errors import ValidationError
from thidua_desktop.ui.widgets.date_field import OptionalDateEdit


@pytest.fixture
def field(qtbot: Any) -> OptionalDateEdit:
    widget = OptionalDateEdit()
    qtbot.addWidget(widget)
    widget.show()
    widget.setFocus()
    return widget


def leave(field: OptionalDateEdit) -> None:
    field.line.editingFinished.emit()


def test_typing_a_date_into_an_empty_field(qtbot: Any, field: OptionalDateEdit) -> None:
    assert field.value() is None and field.text() == ""
    qtbot.keyClicks(field.line, "15/03/2024")
    assert field.value() == date(2024, 3, 15)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("05082025", date(2025, 8, 5)),
        ("5/3/2024", date(2024, 3, 5)),
        ("31/12/2025", date(2025, 12, 31)),
        ("29/02/2024", date(2024, 2, 29)),
        ("31-12-2025", date(2025, 12, 31)),
        ("2.9.1945", date(1945, 9, 2)),
    ],
)
def test_day_first_in_any_usual_shape(
    qtbot: Any, field: OptionalDateEdit, typed: str, expected: date
) -> None:
    qtbot.keyClicks(field.line, typed)
    leave(field)
    assert field.value() == expected
    assert field.text() == expected.strftime("%d/%m/%Y")  # tidied when the field is left


def test_retyping_over_a_date(qtbot: Any, field: OptionalDateEdit) -> None:
    field.set_value(date(2020, 11, 2))
    assert field.text() == "02/11/2020"
    field.line.selectAll()
    qtbot.keyClicks(field.line, "31/12/2021")
    assert field.value() == date(2021, 12, 31)


def test_select_all_and_delete_empties_the_field(qtbot: Any, field: OptionalDateEdit) -> None:
    field.set_value(date(2020, 1, 2))
    field.line.selectAll()
    qtbot.keyClick(field.line, Qt.Key.Key_Delete)
    assert field.value() is None


def test_a_wrong_date_is_marked_and_named(qtbot: Any, field: OptionalDateEdit) -> None:
    qtbot.keyClicks(field.line, "31/02/2025")
    leave(field)
    assert field.line.property("invalid") is True
    with pytest.raises(ValidationError, match="31/02/2025"):
        field.value()
    assert field.line.property("invalid") is True
    field.line.selectAll()
    qtbot.keyClicks(field.line, "28/02/2025")
    assert field.line.property("invalid") is False
    assert field.value() == date(2025, 2, 28)


def test_the_calendar_opens_on_this_month_and_picks_a_date(qtbot: Any, field: OptionalDateEdit) -> None:
    qtbot.mouseClick(field.button, Qt.MouseButton.LeftButton)
    calendar = field.calendar
    assert calendar is not None
    qtbot.waitUntil(calendar.isVisible, timeout=2000)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert calendar.locale().name() == "vi_VN"
    assert field.value() is None  # opening the calendar does not fill the field
    calendar.clicked.emit(QDate(2025, 5, 19))
    assert field.value() == date(2025, 5, 19)
    assert not calendar.isVisible()


def test_the_calendar_opens_on_the_fields_date(qtbot: Any, field: OptionalDateEdit) -> None:
    field.set_value(date(2019, 7, 4))
    calendar = field.open_calendar()
    assert (calendar.yearShown(), calendar.monthShown()) == (2019, 7)
    assert calendar.selectedDate() == QDate(2019, 7, 4)
