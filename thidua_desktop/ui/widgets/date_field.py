"""The date field of the forms: typed as dd/mm/yyyy or picked on a calendar, and allowed to stay empty.

A plain text box rather than QDateEdit: QDateEdit checks the whole date at every key, so "31" typed into a
November date becomes 30, "29/02" becomes 28 before the year is typed, a "/" after a part that filled itself
skips the next part, and an empty field cannot be typed into at all. Here people type freely; the text is
read when it is needed and a wrong date is named in the dialog's error.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.text import format_date, parse_typed_date
from thidua_desktop.ui.widgets.messages import show_error

INVALID_STYLE = "QLineEdit { border: 1px solid #b00020; background: #fff4f4; }"


class OptionalDateEdit(QWidget):
    """A dd/mm/yyyy date that may be left empty: ``value()`` is None then."""

    EMPTY = QDate(1900, 1, 1)
    """How an empty date travels in item models (``QDate`` cannot be None)."""

    edited = Signal()
    """The user finished typing or picked a date."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("dd/mm/yyyy")
        self.line.setMaxLength(14)
        self.line.setToolTip("Gõ ngày dạng dd/mm/yyyy, ví dụ 15/03/2024 (có thể để trống).")
        self.button = QToolButton(self)
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip("Chọn ngày trên lịch")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar: QCalendarWidget | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.line.editingFinished.connect(self._tidy)
        self.line.textEdited.connect(lambda _text: self._mark(valid=True))
        self.button.clicked.connect(self.open_calendar)

    def text(self) -> str:
        return self.line.text()

    def value(self) -> date | None:
        """The date, None when empty; raises ``ValidationError`` naming the text when it is not a date."""
        text = self.line.text().strip()
        if not text:
            return None
        found = parse_typed_date(text)
        if found is None:
            self._mark(valid=False)
            self.line.setFocus()
            raise ValidationError(f"Ngày «{text}» không đúng: hãy gõ dạng dd/mm/yyyy, ví dụ 15/03/2024.")
        return found

    def set_value(self, value: date | None) -> None:
        self.line.setText(format_date(value))
        self._mark(valid=True)

    def _tidy(self) -> None:
        """On leaving the field: a date is rewritten as dd/mm/yyyy, a wrong one is marked."""
        text = self.line.text().strip()
        found = parse_typed_date(text) if text else None
        if found is not None:
            self.line.setText(format_date(found))
        self._mark(valid=not text or found is not None)
        self.edited.emit()

    def _mark(self, valid: bool) -> None:
        self.line.setStyleSheet("" if valid else INVALID_STYLE)
        self.line.setProperty("invalid", not valid)

    def open_calendar(self) -> QCalendarWidget:
        """A calendar under the field, on the field's date or else on today."""
        popup = QWidget(self, Qt.WindowType.Popup)
        calendar = QCalendarWidget(popup)
        calendar.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        calendar.setGridVisible(True)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        try:
            current = self.value()
        except ValidationError:
            current = None
        shown = QDate(current.year, current.month, current.day) if current else QDate.currentDate()
        calendar.setSelectedDate(shown)
        calendar.setCurrentPage(shown.year(), shown.month())
        layout = QVBoxLayout(popup)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(calendar)

        def chosen(picked: QDate) -> None:
            self.set_value(date(picked.year(), picked.month(), picked.day()))
            popup.close()
            self.line.setFocus()
            self.edited.emit()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.adjustSize()
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.show()
        calendar.setFocus()
        self.calendar = calendar
        return calendar


def accept_with_date(dialog: QDialog, field: OptionalDateEdit, what: str = "ngày") -> None:
    """Accept a dialog whose date must be given only when the field holds a date; otherwise say what is wrong."""
    try:
        value = field.value()
    except ValidationError as exc:
        show_error(dialog, exc.message)
        return
    if value is None:
        field._mark(valid=False)
        field.line.setFocus()
        show_error(dialog, f"Chưa nhập {what}.")
        return
    dialog.accept()
