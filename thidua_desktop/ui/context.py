"""What every tab, dialog and action shares: the open database, the selected campaign and change signals."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from thidua_desktop.core.storage.database import Database


class AppContext(QObject):
    campaign_changed = Signal(object)
    """The selected campaign id (or None)."""
    data_changed = Signal(str)
    """An entity name ("units", "persons", "campaigns", "pledges", "evidence", "proposals", "settings", "*")
    whose records changed; views showing it reload."""
    status_message = Signal(str)

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.campaign_id: int | None = None

    def set_campaign(self, campaign_id: int | None) -> None:
        if campaign_id != self.campaign_id:
            self.campaign_id = campaign_id
            self.campaign_changed.emit(campaign_id)

    def notify_changed(self, entity: str) -> None:
        self.data_changed.emit(entity)
