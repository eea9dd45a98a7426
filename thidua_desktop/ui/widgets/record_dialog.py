"""Base of the add/edit dialogs: a form whose «Lưu» calls a save function and shows what is wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from thidua_desktop.core.errors import UserError, ValidationError


class RecordDialog(QDialog):
    """Subclasses add rows to ``self.form``, register field widgets in ``self.fields`` (field code → widget)
    and implement ``collect()``; ``save`` is called with the collected record when the user presses «Lưu»."""

    def __init__(self, title: str, save: Callable[[Any], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._save = save
        self.result_record: Any = None
        self.fields: dict[str, QWidget] = {}
        self.form = QFormLayout()
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def collect(self) -> Any:
        raise NotImplementedError

    def show_error(self, message: str, field: str = "") -> None:
        self.error_label.setText(message)
        self.error_label.show()
        widget = self.fields.get(field)
        if widget is not None:
            widget.setFocus()

    def try_accept(self) -> None:
        try:
            self.result_record = self._save(self.collect())
        except ValidationError as exc:
            self.show_error(exc.message, exc.field)
            return
        except UserError as exc:
            self.show_error(exc.message)
            return
        self.accept()
