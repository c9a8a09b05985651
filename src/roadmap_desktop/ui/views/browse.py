"""Browse: read the cards deck by deck; search, editing and bulk actions are not built yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter

from roadmap_desktop.core import catalog
from roadmap_desktop.core.stats import deck_card_totals
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import Place, notice, plain_title, tidy_list
from roadmap_desktop.ui.widgets.markdown_view import MarkdownView


class BrowseView(Place):
    title = "Browse"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.body.addWidget(
            notice(
                "Search, editing, adding cards and bulk actions come with the card browser. "
                "For now, read the cards deck by deck."
            )
        )
        split = QSplitter(Qt.Orientation.Horizontal)
        self.decks = tidy_list(QListWidget())
        self.cards = tidy_list(QListWidget())
        self.card = MarkdownView()
        for widget in (self.decks, self.cards, self.card):
            split.addWidget(widget)
        split.setSizes([220, 320, 560])
        split.setMinimumHeight(460)
        self.body.addWidget(split, 1)
        self.decks.currentRowChanged.connect(self._load_deck)
        self.cards.currentRowChanged.connect(self._show_card)
        ctx.theme.changed.connect(self.card.set_dark)
        self.card.set_dark(ctx.theme.dark)
        self._cards: list[catalog.CardRow] = []
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            totals = deck_card_totals(session)
        self.decks.clear()
        for name, count in totals:
            item = QListWidgetItem(f"{name}  ({count})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.decks.addItem(item)
        if totals:
            self.decks.setCurrentRow(0)
        else:
            self.cards.clear()
            self.card.set_markdown("No cards are loaded yet.")

    def _load_deck(self, row: int) -> None:
        item = self.decks.item(row)
        if item is None:
            return
        with self.ctx.store.session() as session:
            self._cards = catalog.deck_cards(session, item.data(Qt.ItemDataRole.UserRole))
        self.cards.clear()
        for card in self._cards:
            self.cards.addItem(plain_title(card.front, card.key))
        if self._cards:
            self.cards.setCurrentRow(0)

    def _show_card(self, row: int) -> None:
        if not 0 <= row < len(self._cards):
            return
        card = self._cards[row]
        tags = " ".join(f"`{t}`" for t in card.tags)
        self.card.set_markdown(f"{card.front}\n\n---\n\n{card.back}\n\n*{card.deck}* · {tags}")
