"""Add or edit a card: deck, front, back (Markdown with live preview), tags.

For a bundled card the learner's text is kept beside the curriculum's and shown instead of
it; "Revert to bundled" drops the learner's version.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from roadmap_desktop.core.clock import utc_now
from roadmap_desktop.core.srs import browse, cards
from roadmap_desktop.core.srs.cards import CardError
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.widgets.markdown_view import MarkdownView


class CardDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        card_id: int | None = None,
        *,
        deck: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.card_id = card_id
        self.setWindowTitle("Edit card" if card_id else "Add card")
        self.resize(920, 600)
        with ctx.store.session() as session:
            decks = browse.deck_names(session)
            shown = cards.view(cards.get(session, card_id)) if card_id else None

        self.deck = QComboBox()
        self.deck.setEditable(True)
        self.deck.addItems(decks)
        self.deck.setCurrentText(shown.deck if shown else (deck or "My cards"))
        self.tags = QLineEdit(" ".join(shown.tags) if shown else "")
        self.tags.setPlaceholderText("space-separated topics, e.g. event-loop libuv")
        self.front = QPlainTextEdit(shown.front if shown else "")
        self.back = QPlainTextEdit(shown.back if shown else "")
        for editor, hint in ((self.front, "Question (Markdown)"), (self.back, "Answer (Markdown)")):
            editor.setPlaceholderText(hint)
            editor.setTabChangesFocus(True)
        self.preview = MarkdownView()
        self.preview.set_dark(ctx.theme.dark)

        form = QFormLayout()
        form.addRow("Deck", self.deck)
        form.addRow("Tags", self.tags)
        editors = QWidget()
        column = QVBoxLayout(editors)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("Front"))
        column.addWidget(self.front, 1)
        column.addWidget(QLabel("Back"))
        column.addWidget(self.back, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(editors)
        split.addWidget(self.preview)
        split.setSizes([460, 460])

        self.error = QLabel("")
        self.error.setProperty("role", "muted")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        self.revert = QPushButton("Revert to bundled version")
        self.revert.setVisible(bool(shown and shown.edited))
        self.revert.clicked.connect(self._revert)
        if shown is not None and shown.origin != "user":
            note = "Your edit is kept beside the curriculum's text" + (
                " (edited)" if shown.edited else ""
            )
            bottom.addWidget(QLabel(note))
        bottom.addWidget(self.revert)
        bottom.addStretch(1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._render)
        self.front.textChanged.connect(self._debounce.start)
        self.back.textChanged.connect(self._debounce.start)
        self._render()

    def _render(self) -> None:
        self.preview.set_markdown(f"{self.front.toPlainText()}\n\n---\n\n{self.back.toPlainText()}")

    def _save(self) -> None:
        deck = self.deck.currentText().strip()
        tags = self.tags.text().replace(",", " ").split()
        now = utc_now(self.ctx.store.clock)
        try:
            with self.ctx.store.session() as session:
                if self.card_id is None:
                    self.card_id = cards.add_card(
                        session, deck, self.front.toPlainText(), self.back.toPlainText(), tags, now
                    )
                else:
                    cards.edit_card(
                        session,
                        self.card_id,
                        front=self.front.toPlainText(),
                        back=self.back.toPlainText(),
                        tags=tags,
                        deck=deck,
                        now=now,
                    )
        except CardError as exc:
            self.error.setText(str(exc))
            return
        self.ctx.data_changed.emit()
        self.accept()

    def _revert(self) -> None:
        if self.card_id is None:
            return
        with self.ctx.store.session() as session:
            cards.revert_card(session, self.card_id)
        self.ctx.data_changed.emit()
        self.ctx.sync_content_if_changed()
        self.accept()
