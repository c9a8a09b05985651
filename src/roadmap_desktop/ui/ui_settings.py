"""Per-user UI preferences (theme, window geometry, last place) in an INI file in the data dir,
so --data-dir keeps one profile's window state apart from another's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


class UiSettings:
    def __init__(self, file: Path) -> None:
        self._qs = QSettings(str(file), QSettings.Format.IniFormat)

    @property
    def theme(self) -> str:
        return str(self._qs.value("ui/theme", "system"))

    @theme.setter
    def theme(self, mode: str) -> None:
        self._qs.setValue("ui/theme", mode)

    @property
    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def place(self) -> str:
        return str(self._qs.value("window/place", "today"))

    @place.setter
    def place(self, name: str) -> None:
        self._qs.setValue("window/place", name)

    @property
    def reminder_enabled(self) -> bool:
        return str(self._qs.value("reminder/enabled", "false")).lower() == "true"

    @reminder_enabled.setter
    def reminder_enabled(self, on: bool) -> None:
        self._qs.setValue("reminder/enabled", "true" if on else "false")

    @property
    def reminder_time(self) -> str:
        """'HH:MM', 24-hour, local time."""
        return str(self._qs.value("reminder/time", "19:00"))

    @reminder_time.setter
    def reminder_time(self, value: str) -> None:
        self._qs.setValue("reminder/time", value)

    @property
    def reminder_last_shown(self) -> date | None:
        """The calendar day the reminder last showed, so a restart does not repeat it."""
        value = str(self._qs.value("reminder/last_shown", ""))
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            return None

    @reminder_last_shown.setter
    def reminder_last_shown(self, day: date) -> None:
        self._qs.setValue("reminder/last_shown", day.isoformat())

    def sync(self) -> None:
        self._qs.sync()
