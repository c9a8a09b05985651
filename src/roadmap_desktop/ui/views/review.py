"""Review: decks and their cards; the SM-2 reviewer itself is not built yet."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from roadmap_desktop.core.stats import deck_card_totals
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import Place, notice


class ReviewView(Place):
    title = "Review"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.body.addWidget(
            notice(
                "The SM-2 reviewer is not built yet: studying due cards with grades 0-5 arrives "
                "with the review issue. These are the decks your cards are in."
            )
        )
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Deck", "Cards"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setMinimumHeight(260)
        self.body.addWidget(self.tree, 1)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            totals = deck_card_totals(session)
        self.tree.clear()
        nodes: dict[str, QTreeWidgetItem] = {}
        sums: dict[str, int] = {}
        for name, count in totals:
            parts = name.split("::")
            for depth in range(1, len(parts) + 1):
                path = "::".join(parts[:depth])
                sums[path] = sums.get(path, 0) + count
                if path not in nodes:
                    parent = nodes.get("::".join(parts[: depth - 1]))
                    item = QTreeWidgetItem([parts[depth - 1], ""])
                    if parent is None:
                        self.tree.addTopLevelItem(item)
                    else:
                        parent.addChild(item)
                    nodes[path] = item
        for path, item in nodes.items():
            item.setText(1, str(sums[path]))
        self.tree.expandAll()
