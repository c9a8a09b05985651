"""Mock interview: the prompts are real; the timed session is not built yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter

from roadmap_desktop.core import catalog
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import Place, notice, tidy_list
from roadmap_desktop.ui.widgets.markdown_view import MarkdownView

_SECTIONS = (
    ("functional", "Functional requirements"),
    ("non_functional", "Non-functional"),
    ("scale_questions", "Scale questions to ask"),
    ("components", "Key components"),
    ("deep_dives", "Deep dives"),
    ("pitfalls", "Common pitfalls"),
)


class MockView(Place):
    title = "Mock interview"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.body.addWidget(
            notice(
                "The timed interview (phases, notes, rubric, history) is not built yet. "
                "The system-design prompts are here to read."
            )
        )
        split = QSplitter(Qt.Orientation.Horizontal)
        self.list = tidy_list(QListWidget())
        self.detail = MarkdownView()
        split.addWidget(self.list)
        split.addWidget(self.detail)
        split.setSizes([280, 700])
        split.setMinimumHeight(420)
        self.body.addWidget(split, 1)
        self.list.currentRowChanged.connect(self._show)
        ctx.theme.changed.connect(self.detail.set_dark)
        self.detail.set_dark(ctx.theme.dark)
        self._rows: list[catalog.PromptRow] = []
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            self._rows = catalog.prompts(session)
        self.list.clear()
        for row in self._rows:
            item = QListWidgetItem(f"{row.title}\nTier {row.tier} · {row.minutes} min")
            self.list.addItem(item)
        if self._rows:
            self.list.setCurrentRow(0)
        else:
            self.detail.set_markdown("No prompts are loaded.")

    def _show(self, index: int) -> None:
        if not 0 <= index < len(self._rows):
            return
        row = self._rows[index]
        parts = [f"## {row.title}", f"*Tier {row.tier} · {row.minutes} minutes*", row.brief]
        for key, heading in _SECTIONS:
            items = row.details.get(key) or []
            if items:
                parts.append(f"### {heading}\n" + "\n".join(f"- {item}" for item in items))
        self.detail.set_markdown("\n\n".join(parts))
