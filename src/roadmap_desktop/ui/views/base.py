"""Building blocks shared by the places: a titled, scrollable page with figures and notices."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from roadmap_desktop.ui.context import AppContext


def label(text: str, role: str | None = None, *, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        widget.setProperty("role", role)
    return widget


def tidy_list(widget: QListWidget) -> QListWidget:
    """Lists of titles: wrapped or elided to the width, never scrolled sideways."""
    widget.setWordWrap(True)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setSpacing(3)
    return widget


_INLINE_MARKUP = re.compile(r"(\*\*|__|`|^#+\s*)")


def plain_title(markdown: str, fallback: str) -> str:
    """The first line of a Markdown text without inline markup, for lists."""
    first = next((line for line in markdown.splitlines() if line.strip()), fallback)
    return _INLINE_MARKUP.sub("", first).strip()


class Place(QWidget):
    """A place in the main window. Subclasses fill ``body`` and implement ``refresh``."""

    title = ""
    subtitle = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        page = QWidget()
        scroll.setWidget(page)
        self.body = QVBoxLayout(page)
        self.body.setContentsMargins(28, 22, 28, 22)
        self.body.setSpacing(14)
        self.body.addWidget(label(self.title, "title"))
        if self.subtitle:
            self.body.addWidget(label(self.subtitle, "muted"))
        ctx.data_changed.connect(self.refresh)

    def refresh(self) -> None:
        """Re-read what the place shows (one short DB session)."""

    def finish(self) -> None:
        self.body.addStretch(1)


class FigureRow(QWidget):
    """A row of big numbers with captions, e.g. due / new / total."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._values: dict[str, QLabel] = {}

    def set_figures(self, figures: list[tuple[str, str]]) -> None:
        for column, (caption, value) in enumerate(figures):
            if caption not in self._values:
                frame = QFrame()
                frame.setProperty("role", "card")
                box = QVBoxLayout(frame)
                box.setContentsMargins(16, 12, 16, 12)
                number = label(value, "figure", wrap=False)
                box.addWidget(number)
                box.addWidget(label(caption, "muted"))
                self._grid.addWidget(frame, 0, column)
                self._values[caption] = number
            self._values[caption].setText(value)


def notice(text: str) -> QFrame:
    """A plain statement that a feature is not built yet (no fake data behind it)."""
    frame = QFrame()
    frame.setProperty("role", "notice")
    row = QHBoxLayout(frame)
    row.setContentsMargins(16, 12, 16, 12)
    row.addWidget(label(text))
    return frame
