"""A calendar heatmap of reviews per day: weeks as columns, Monday to Sunday as rows.

Custom painting because no well-kept Qt chart library draws this one. Colour steps follow the
busiest days of the period (quartiles of the non-zero days), so a light learner's calendar is
as readable as a heavy one's. Hovering a day shows its date and count.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from roadmap_desktop.ui.theme import colors

CELL = 12
GAP = 3
LEFT = 30  # room for weekday labels
TOP = 16  # room for month labels
_DAY_LABELS = {0: "Mon", 2: "Wed", 4: "Fri"}


def levels(counts: Sequence[int]) -> list[int]:
    """Thresholds for colour steps 1-4: the quartiles of the days that had reviews."""
    busy = sorted(c for c in counts if c > 0)
    if not busy:
        return [1, 1, 1, 1]
    return [busy[min(len(busy) - 1, (len(busy) * q) // 4)] for q in range(4)]


class CalendarHeatmap(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: list[tuple[date, int]] = []
        self._counts: dict[date, int] = {}
        self._start: date | None = None  # the Monday of the first week shown
        self._levels = [1, 1, 1, 1]
        self._dark = False
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_days(self, days: Sequence[tuple[date, int]], dark: bool) -> None:
        self._days = sorted(days)
        self._counts = dict(self._days)
        first = self._days[0][0] if self._days else None
        self._start = first - timedelta(days=first.weekday()) if first else None
        self._levels = levels([count for _, count in self._days])
        self._dark = dark
        self.updateGeometry()
        self.update()

    def _cell(self, day: date) -> QRect:
        assert self._start is not None
        column = (day - self._start).days // 7
        return QRect(LEFT + column * (CELL + GAP), TOP + day.weekday() * (CELL + GAP), CELL, CELL)

    def sizeHint(self) -> QSize:
        start = self._start
        weeks = ((self._days[-1][0] - start).days // 7 + 1) if start and self._days else 53
        return QSize(LEFT + weeks * (CELL + GAP) + 8, TOP + 7 * (CELL + GAP) + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def color_for(self, count: int) -> QColor:
        palette = colors(self._dark)
        if count <= 0:
            return QColor(palette["alt"] if not self._dark else "#2a2e35")
        step = sum(count >= threshold for threshold in self._levels)  # 1..4
        base = QColor(palette["highlight"])
        alpha = (70, 120, 180, 255)[max(0, step - 1)]
        base.setAlpha(alpha)
        return base

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = colors(self._dark)
        painter.setPen(QColor(palette["muted"]))
        font = painter.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        for row, text in _DAY_LABELS.items():
            painter.drawText(
                QRect(0, TOP + row * (CELL + GAP) - 2, LEFT - 4, CELL + 4),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        last_month = None
        for day, count in self._days:
            rect = self._cell(day)
            if day.weekday() == 0 and day.month != last_month:  # a month's first Monday
                painter.setPen(QColor(palette["muted"]))
                painter.drawText(QPoint(rect.left(), TOP - 4), f"{day:%b}")
                last_month = day.month
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.color_for(count))
            painter.drawRoundedRect(rect, 2, 2)
        painter.end()

    def day_at(self, point: QPoint) -> tuple[date, int] | None:
        """The day under a point (hover), found by arithmetic rather than testing each cell."""
        if self._start is None or point.x() < LEFT or point.y() < TOP:
            return None
        column, x_in = divmod(point.x() - LEFT, CELL + GAP)
        row, y_in = divmod(point.y() - TOP, CELL + GAP)
        if row > 6 or x_in >= CELL or y_in >= CELL:
            return None  # the gap between cells, or below Sunday
        day = self._start + timedelta(days=7 * column + row)
        count = self._counts.get(day)
        return None if count is None else (day, count)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        found = self.day_at(event.position().toPoint())
        if found is None:
            QToolTip.hideText()
            return
        day, count = found
        text = f"{day:%a %d %b %Y}: {count} review{'s' if count != 1 else ''}"
        QToolTip.showText(event.globalPosition().toPoint(), text, self)
