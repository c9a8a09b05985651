"""The plan's dialogs: follow a track, pause the plan, choose a date for a task."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from roadmap_desktop.core import catalog
from roadmap_desktop.core.plan import service as plan


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    return edit


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    if ok is not None:
        ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class EnrollDialog(QDialog):
    """Follow a track (or change how an already followed one is scheduled)."""

    def __init__(
        self,
        tracks: list[catalog.TrackRow],
        today: date,
        parent: QWidget | None = None,
        current: plan.Enrollment | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Follow a track")
        form = QFormLayout(self)
        self.track = QComboBox()
        for track in tracks:
            self.track.addItem(f"{track.title} ({track.tasks} tasks)", track.key)
        self.start = date_edit(current.start if current else today)
        self.days: list[QCheckBox] = []
        row = QHBoxLayout()
        for index, name in enumerate(plan.WEEKDAYS):
            box = QCheckBox(name.capitalize())
            box.setChecked(index in current.weekdays if current else index < 5)
            self.days.append(box)
            row.addWidget(box)
        self.minutes = QSpinBox()
        self.minutes.setRange(15, 720)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(current.minutes_per_day if current else 90)
        self.minutes.setSuffix(" min a study day")
        if current is not None:
            self.track.setCurrentIndex(max(0, self.track.findData(current.track)))
        form.addRow("Track", self.track)
        form.addRow("Start", self.start)
        form.addRow("Study days", row)
        form.addRow("Time", self.minutes)
        note = QLabel("Tracks you follow share each day's time; rest days keep your streak.")
        note.setProperty("role", "muted")
        form.addRow(note)
        form.addRow(_buttons(self, "Follow"))

    def values(self) -> tuple[str, date, frozenset[int], int]:
        weekdays = frozenset(i for i, box in enumerate(self.days) if box.isChecked())
        return (
            str(self.track.currentData()),
            to_date(self.start.date()),
            weekdays,
            self.minutes.value(),
        )


class PauseDialog(QDialog):
    """A pause (vacation): no study days from the first to the last day, inclusive."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Pause the plan")
        form = QFormLayout(self)
        self.first = date_edit(today)
        self.last = date_edit(today)
        self.first.dateChanged.connect(
            lambda d: self.last.setDate(d) if self.last.date() < d else None
        )
        form.addRow("From", self.first)
        form.addRow("Until (inclusive)", self.last)
        note = QLabel("Everything planned from the first day shifts past the pause.")
        note.setProperty("role", "muted")
        form.addRow(note)
        form.addRow(_buttons(self, "Pause"))

    def values(self) -> tuple[date, date]:
        return to_date(self.first.date()), to_date(self.last.date())


class DateDialog(QDialog):
    """Pick the date a task is snoozed until, or moved to."""

    def __init__(
        self, title: str, prompt: str, day: date, earliest: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.day = date_edit(day)
        self.day.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        form.addRow(prompt, self.day)
        form.addRow(_buttons(self, title.split()[0]))

    def value(self) -> date:
        return to_date(self.day.date())
