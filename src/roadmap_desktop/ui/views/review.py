"""Review: the deck overview, the reviewer and the end-of-session summary.

The reviewer only renders and dispatches: every decision (which card, what an answer does,
undo) is core.srs.session.ReviewSession's. Keys as in Anki: Space/Enter reveal, 0-5 grade,
Ctrl+Z or u undo, e edit, ! suspend, - bury, Esc back to the decks.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from roadmap_desktop.core.clock import study_day, utc_now
from roadmap_desktop.core.srs import queue, sm2
from roadmap_desktop.core.srs.session import ReviewSession, Shown
from roadmap_desktop.core.srs.settings import deck_limits, load_settings, set_deck_limits
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import Place, label
from roadmap_desktop.ui.widgets.card_dialog import CardDialog
from roadmap_desktop.ui.widgets.markdown_view import MarkdownView

_DECK_ROLE = Qt.ItemDataRole.UserRole
SHORT_MEANING = {0: "Blackout", 1: "Wrong", 2: "Almost", 3: "Hard", 4: "Good", 5: "Easy"}


class DeckOverview(QWidget):
    study = Signal(object)  # deck name, or None for every deck

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Deck", "New", "Due", "Drill", "Cards"])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(lambda item, _c: self.study.emit(item.data(0, _DECK_ROLE)))
        self.summary = label("", "muted")
        self.study_selected = QPushButton("Study selected deck")
        self.study_selected.clicked.connect(self._study_selected)
        self.study_all = QPushButton("Study all decks")
        self.study_all.setDefault(True)
        self.study_all.clicked.connect(lambda: self.study.emit(None))
        add = QPushButton("Add card…")
        add.clicked.connect(self._add)
        self.limits = QPushButton("Deck limits…")
        self.limits.clicked.connect(self._edit_limits)
        buttons = QHBoxLayout()
        for button in (self.study_all, self.study_selected, add, self.limits):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)

    def refresh(self) -> None:
        with self.ctx.store.session() as session:
            settings = load_settings(session)
            today = study_day(self.ctx.store.clock.now(), settings.day_start_hour)
            rows = queue.deck_counts(session, today, settings)
            total = queue.counts(session, today, settings)
        selected = self.tree.currentItem()
        keep = selected.data(0, _DECK_ROLE) if selected is not None else None
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for row in rows:
            parent_name, _, leaf = row.name.rpartition("::")
            c = row.counts
            item = QTreeWidgetItem([leaf, str(c.new), str(c.due), str(c.drill), str(row.cards)])
            item.setData(0, _DECK_ROLE, row.name)
            for column in range(1, 5):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            parent = items.get(parent_name)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[row.name] = item
            if row.name == keep:
                self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self.summary.setText(
            f"Today: {total.due} due, {total.new} new, {total.drill} to drill "
            f"(limits: {settings.new_per_day} new and {settings.reviews_per_day} reviews a day)"
        )
        self.study_all.setEnabled(total.total > 0)

    def _study_selected(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.study.emit(item.data(0, _DECK_ROLE))

    def _edit_limits(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            self.ctx.status.emit("Select a deck first")
            return
        name = item.data(0, _DECK_ROLE)
        with self.ctx.store.session() as session:
            values = deck_limits(session, name)
        dialog = DeckLimitsDialog(name, *values, parent=self)
        if dialog.exec():
            with self.ctx.store.session() as session:
                set_deck_limits(session, name, *dialog.values(), utc_now(self.ctx.store.clock))
            self.refresh()

    def _add(self) -> None:
        item = self.tree.currentItem()
        CardDialog(self.ctx, deck=item.data(0, _DECK_ROLE) if item else None, parent=self).exec()


class DeckLimitsDialog(QDialog):
    """Daily limits for one deck (with its subdecks); "global" leaves the overall setting."""

    def __init__(
        self, deck: str, new: int | None, reviews: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Limits for {deck}")
        form = QFormLayout(self)
        self.new = QSpinBox()
        self.reviews = QSpinBox()
        for spin, value, high in ((self.new, new, 9999), (self.reviews, reviews, 99999)):
            spin.setRange(-1, high)
            spin.setSpecialValueText("global setting")
            spin.setValue(-1 if value is None else value)
        form.addRow("New cards a day", self.new)
        form.addRow("Reviews a day", self.reviews)
        form.addRow(
            label(
                "Limits count this deck and its subdecks; the global limits still apply.", "muted"
            )
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[int | None, int | None]:
        def read(spin: QSpinBox) -> int | None:
            return None if spin.value() < 0 else spin.value()

        return read(self.new), read(self.reviews)


class Reviewer(QWidget):
    finished = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.session: ReviewSession | None = None
        self.revealed = False
        self._clock = QElapsedTimer()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.title = label("", "muted")
        self.remaining = label("", "muted", wrap=False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.card = MarkdownView()
        self.card.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.card.set_dark(ctx.theme.dark)
        ctx.theme.changed.connect(self.card.set_dark)

        self.reveal = QPushButton("Show answer  (Space)")
        self.reveal.clicked.connect(self.show_answer)
        self.grade_buttons: dict[int, QPushButton] = {}
        grades = QHBoxLayout()
        for grade in sm2.GRADES:
            button = QPushButton()
            button.setToolTip(f"{grade}: {sm2.GRADE_MEANINGS[grade]}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, g=grade: self.grade(g))
            self.grade_buttons[grade] = button
            grades.addWidget(button)
        self.grades = QWidget()
        self.grades.setLayout(grades)
        self.hint = label("u / Ctrl+Z undo · e edit · ! suspend · - bury · Esc decks", "muted")

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.remaining)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.card, 1)
        layout.addWidget(self.reveal)
        layout.addWidget(self.grades)
        layout.addWidget(self.hint)

        def bind(keys: str, slot: object) -> None:
            for key in keys.split("|"):
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)

        bind("Space|Return|Enter", self.show_answer)
        for grade in sm2.GRADES:
            bind(str(grade), lambda g=grade: self.grade(g))
        bind("Ctrl+Z|U", self.undo)
        bind("E", self.edit)
        bind("!", self.suspend)
        bind("-", self.bury)
        bind("Escape", self.finished.emit)

    def start(self, deck: str | None) -> None:
        self.session = ReviewSession(self.ctx.store, deck)
        self.title.setText(f"Studying {deck or 'all decks'}")
        self._advance()

    @property
    def shown(self) -> Shown | None:
        return self.session.current if self.session else None

    def _advance(self) -> None:
        assert self.session is not None
        if self.session.next() is None:
            self.finished.emit()
            return
        self._show(revealed=False)

    def _show(self, *, revealed: bool) -> None:
        shown = self.shown
        if shown is None or self.session is None:
            return
        self.revealed = revealed
        text = shown.card.front
        if revealed:
            text += f"\n\n---\n\n{shown.card.back}"
        badge = {"new": "New card", "review": "Review", "drill": "Drill (again today)"}
        edited = " · edited by you" if shown.card.edited else ""
        tags = " ".join(f"`{t}`" for t in shown.card.tags)
        self.card.set_markdown(
            f"*{badge[shown.kind]} · {shown.card.deck}{edited}*\n\n{text}"
            + (f"\n\n{tags}" if revealed and tags else "")
        )
        self.reveal.setVisible(not revealed)
        self.grades.setVisible(revealed)
        for grade, button in self.grade_buttons.items():
            days = shown.intervals.get(grade)
            when = f"  ·  {sm2.describe_interval(days)}" if days else ""
            if shown.kind == "drill":
                when = "  ·  done" if grade >= sm2.DRILL_UNTIL else "  ·  again"
            button.setText(f"{grade} {SHORT_MEANING[grade]}{when}")
        self._update_progress()
        if not revealed:
            self._clock.start()
        self.setFocus()

    def _update_progress(self) -> None:
        assert self.session is not None
        left = self.session.counts()
        done = self.session.summary.answers
        self.remaining.setText(
            f"{done} answered · left: {left.due} due, {left.new} new, {left.drill} drill"
        )
        self.progress.setMaximum(max(1, done + left.total))
        self.progress.setValue(done)

    def show_answer(self) -> None:
        if self.shown is not None and not self.revealed:
            self._show(revealed=True)

    def grade(self, grade: int) -> None:
        if self.session is None or self.shown is None or not self.revealed:
            return
        self.session.answer(grade, self._clock.elapsed())
        self._advance()

    def undo(self) -> None:
        if self.session is not None and self.session.undo() is not None:
            self._show(revealed=False)
            self.ctx.status.emit("Answer undone")

    def edit(self) -> None:
        shown = self.shown
        if shown is None or self.session is None:
            return
        saved = CardDialog(self.ctx, shown.card.id, parent=self).exec()
        self.window().activateWindow()  # keys go back to the reviewer, not the closed dialog
        if saved:
            self.session.reload_current()
            self._show(revealed=self.revealed)

    def suspend(self) -> None:
        if self.session is not None and self.shown is not None:
            self.session.suspend_current()
            self.ctx.status.emit("Card suspended (unsuspend it in Browse)")
            self._advance()

    def bury(self) -> None:
        if self.session is not None and self.shown is not None:
            self.session.bury_current()
            self.ctx.status.emit("Card buried until tomorrow")
            self._advance()


class SessionEnd(QWidget):
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.heading = label("", "title")
        self.text = label("")
        button = QPushButton("Back to decks")
        button.clicked.connect(self.back.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_result(self, session: ReviewSession, today: date) -> None:
        summary = session.summary
        if summary.answers == 0:
            self.heading.setText("Nothing to study right now")
        else:
            self.heading.setText("Session complete")
        lines = []
        if summary.answers:
            minutes, seconds = divmod(summary.time_ms // 1000, 60)
            grades = ", ".join(f"{g}: {n}" for g, n in sorted(summary.grades.items()) if n)
            lines.append(
                f"{len(summary.cards)} cards, {summary.answers} answers in "
                f"{minutes} min {seconds} s. Grades — {grades}."
            )
            if summary.drilled:
                lines.append(
                    f"{summary.drilled} drill answers (cards graded below 4 "
                    "came back until you knew them)."
                )
        next_day = session.next_due_day()
        if next_day is None:
            lines.append("No reviews are scheduled yet: study new cards to start.")
        else:
            days = (next_day - today).days
            when = "tomorrow" if days == 1 else f"in {days} days"
            lines.append(f"The next review is due {when} ({next_day:%A, %d %B}).")
        self.text.setText("\n".join(lines))


class ReviewView(Place):
    title = "Review"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.pages = QStackedWidget()
        self.overview = DeckOverview(ctx)
        self.reviewer = Reviewer(ctx)
        self.end = SessionEnd()
        for page in (self.overview, self.reviewer, self.end):
            self.pages.addWidget(page)
        self.body.addWidget(self.pages, 1)
        self.overview.study.connect(self.start)
        self.reviewer.finished.connect(self._finished)
        self.end.back.connect(self.show_decks)
        self.refresh()

    def refresh(self) -> None:
        if self.pages.currentWidget() is not self.reviewer:
            self.overview.refresh()

    def start(self, deck: str | None) -> None:
        self.pages.setCurrentWidget(self.reviewer)
        self.reviewer.start(deck)

    def show_decks(self) -> None:
        self.overview.refresh()
        self.pages.setCurrentWidget(self.overview)

    def _finished(self) -> None:
        session = self.reviewer.session
        if session is None:
            self.show_decks()
            return
        self.end.show_result(session, session.today())
        self.pages.setCurrentWidget(self.end)
        self.ctx.data_changed.emit()
