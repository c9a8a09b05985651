"""Per-user UI preferences (theme, window geometry, last place) in an INI file in the data dir,
so --data-dir keeps one profile's window state apart from another's."""

from __future__ import annotations

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

    def sync(self) -> None:
        self._qs.sync()
