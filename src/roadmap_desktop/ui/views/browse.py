"""Browse: search, sort and act on cards; preview and review history of the selected card.

The table model holds only the ordered ids of the matching cards and fetches rows in pages
as the view asks for them (after Anki's browser), so 100,000 cards cost a list of ints.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

from roadmap_desktop.core.clock import study_day, utc_now
from roadmap_desktop.core.srs import browse, cards
from roadmap_desktop.core.srs.cards import CardError
from roadmap_desktop.core.srs.search import SearchError
from roadmap_desktop.core.srs.settings import load_settings
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import Place, label, plain_title
from roadmap_desktop.ui.widgets.card_dialog import CardDialog
from roadmap_desktop.ui.widgets.export_dialog import ExportDialog
from roadmap_desktop.ui.widgets.markdown_view import MarkdownView

COLUMNS = (
    ("Card", None),
    ("Deck", "deck"),
    ("Tags", None),
    ("Due", "due"),
    ("Ivl", "interval"),
    ("Ease", "ease"),
    ("Lapses", "lapses"),
    ("Added", "added"),
)
PAGE = 200
_Index = QModelIndex | QPersistentModelIndex


class CardTableModel(QAbstractTableModel):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.ids: list[int] = []
        self._cache: dict[int, browse.BrowseRow] = {}

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self.ids = ids
        self._cache.clear()
        self.endResetModel()

    def invalidate(self, ids: list[int] | None = None) -> None:
        """Drop cached rows (all, or these) so they are re-read on next paint."""
        if ids is None:
            self._cache.clear()
        else:
            for card_id in ids:
                self._cache.pop(card_id, None)
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(COLUMNS) - 1))

    def row(self, position: int) -> browse.BrowseRow | None:
        card_id = self.ids[position]
        if card_id not in self._cache:
            start = position - position % PAGE
            page = [i for i in self.ids[start : start + PAGE] if i not in self._cache]
            with self.ctx.store.session() as session:
                self._cache.update(browse.rows(session, page))
        return self._cache.get(card_id)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            mark = " ✎" if row.edited else ""
            return (
                plain_title(row.front, "") + mark,
                row.deck,
                row.tags,
                "new" if row.due is None else row.due.isoformat(),
                f"{row.interval}d" if row.due else "",
                f"{row.ease:.2f}",
                str(row.lapses),
                row.added.date().isoformat(),
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and row.suspended:
            return self.ctx.theme.muted_brush()
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            notes = [
                n
                for n, on in (
                    ("suspended", row.suspended),
                    ("edited by you", row.edited),
                    ("your own card", row.mine),
                )
                if on
            ]
            return plain_title(row.front, "") + (f" ({', '.join(notes)})" if notes else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BrowseView(Place):
    title = "Browse"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            'Search: words, deck:"Node.js::Event Loop", tag:redis, is:due, prop:ease<2, '
            "prop:lapses>3, prop:ivl>=30, -tag:x"
        )
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.count = label("", "muted")
        self.model = CardTableModel(ctx)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 110), (2, 90)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        for column in range(3, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._sort_by)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self._sort, self._descending = "added", False
        header.setSortIndicator(7, Qt.SortOrder.AscendingOrder)

        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            ("add", "Add…", self.add_card),
            ("edit", "Edit…", self.edit_selected),
            ("suspend", "Suspend", lambda: self._bulk("suspend")),
            ("unsuspend", "Unsuspend", lambda: self._bulk("unsuspend")),
            ("move", "Move to deck…", lambda: self._bulk("move")),
            ("tag", "Add tag…", lambda: self._bulk("tag")),
            ("untag", "Remove tag…", lambda: self._bulk("untag")),
            ("reset", "Reset progress", lambda: self._bulk("reset")),
            ("delete", "Delete", lambda: self._bulk("delete")),
            ("export", "Export to Anki…", self.export_anki),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[name] = button
            actions.addWidget(button)
        actions.addStretch(1)

        self.preview = MarkdownView()
        self.preview.set_dark(ctx.theme.dark)
        ctx.theme.changed.connect(self.preview.set_dark)
        self.history = QTableWidget(0, 5)
        self.history.setHorizontalHeaderLabels(["Date", "Kind", "Grade", "Interval", "EF"])
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.preview)
        side.addWidget(self.history)
        side.setSizes([380, 160])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setSizes([880, 300])
        split.setMinimumHeight(440)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        self.body.addLayout(top)
        self.body.addLayout(actions)
        self.body.addWidget(split, 1)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self.search.setFocus)
        self.refresh()

    # -- reading -----------------------------------------------------------------------------

    def _today(self) -> Any:
        with self.ctx.store.session() as session:
            hour = load_settings(session).day_start_hour
        return study_day(self.ctx.store.clock.now(), hour)

    def run_search(self) -> None:
        try:
            with self.ctx.store.session() as session:
                ids = browse.search_ids(
                    session, self.search.text(), self._today(), self._sort, self._descending
                )
        except SearchError as exc:
            self.count.setText(str(exc))
            return
        self.model.set_ids(ids)
        self.count.setText(f"{len(ids)} cards")
        if ids:
            self.table.selectRow(0)
        else:
            self.preview.set_markdown("No cards match.")
            self.history.setRowCount(0)

    def show_search(self, text: str) -> None:
        """Run a search as if typed (Stats opens a card here with ``key:...``)."""
        self.search.setText(text)
        self.run_search()

    def refresh(self) -> None:
        selected = self.selected_ids()
        self.run_search()
        if selected and selected[0] in self.model.ids:
            self.table.selectRow(self.model.ids.index(selected[0]))

    def _sort_by(self, column: int) -> None:
        sort = COLUMNS[column][1]
        if sort is None:
            return
        self._descending = not self._descending if sort == self._sort else False
        self._sort = sort
        order = Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)
        self.run_search()

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.ids[r] for r in rows if r < len(self.model.ids)]

    def _show_selected(self) -> None:
        ids = self.selected_ids()
        for name in ("edit",):
            self.buttons[name].setEnabled(len(ids) == 1)
        if len(ids) != 1:
            self.preview.set_markdown(f"{len(ids)} cards selected." if ids else "")
            self.history.setRowCount(0)
            return
        with self.ctx.store.session() as session:
            shown = cards.view(cards.get(session, ids[0]))
            rows = cards.history(session, ids[0])
        edited = " · **edited by you**" if shown.edited else ""
        tags = " ".join(f"`{t}`" for t in shown.tags)
        self.preview.set_markdown(
            f"{shown.front}\n\n---\n\n{shown.back}\n\n*{shown.deck}*{edited} · {tags}"
        )
        self.history.setRowCount(len(rows))
        for r, item in enumerate(reversed(rows)):
            values = (
                item.study_day.isoformat(),
                item.kind,
                str(item.grade),
                f"{item.interval}d",
                f"{item.ease:.2f}",
            )
            for c, value in enumerate(values):
                self.history.setItem(r, c, QTableWidgetItem(value))

    # -- writing -----------------------------------------------------------------------------

    def export_anki(self) -> None:
        ExportDialog(self.ctx, query=self.search.text().strip(), parent=self).exec()

    def add_card(self) -> None:
        CardDialog(self.ctx, parent=self).exec()

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1 and CardDialog(self.ctx, ids[0], parent=self).exec():
            self.model.invalidate(ids)
            self._show_selected()

    def _bulk(self, action: str) -> None:
        ids = self.selected_ids()
        if not ids:
            self.ctx.status.emit("Select cards first")
            return
        value = ""
        if action in ("move", "tag", "untag"):
            prompt = {"move": "Move to deck:", "tag": "Add tag:", "untag": "Remove tag:"}[action]
            value, ok = QInputDialog.getText(self, "Browse", prompt)
            if not ok or not value.strip():
                return
        if action in ("reset", "delete"):
            question = (
                f"Reset the progress of {len(ids)} cards? They become new again."
                if action == "reset"
                else f"Delete {len(ids)} cards? Only your own cards are deleted; "
                "bundled ones can be suspended instead."
            )
            answer = QMessageBox.question(self, "Browse", question)
            if answer != QMessageBox.StandardButton.Yes:
                return
        message = self.apply(action, ids, value.strip())
        self.ctx.status.emit(message)

    def apply(self, action: str, ids: list[int], value: str = "") -> str:
        """Run a bulk action (no dialogs), refresh, and return the status message."""
        now = utc_now(self.ctx.store.clock)
        try:
            with self.ctx.store.session() as session:
                if action in ("suspend", "unsuspend"):
                    n = cards.set_suspended(session, ids, action == "suspend")
                    message = f"{n} cards {action}ed"
                elif action == "move":
                    n = cards.move_to_deck(session, ids, value, now)
                    message = f"{n} cards moved to {value}"
                elif action in ("tag", "untag"):
                    n = cards.change_tag(session, ids, value, add=action == "tag")
                    message = (
                        f"tag {value} {'added to' if action == 'tag' else 'removed from'} {n} cards"
                    )
                elif action == "reset":
                    n = cards.reset_progress(session, ids)
                    message = f"{n} cards are new again"
                elif action == "delete":
                    deleted, refused = cards.delete_user_cards(session, ids)
                    message = f"{deleted} cards deleted" + (
                        f"; {refused} bundled cards kept (suspend them instead)" if refused else ""
                    )
                else:
                    raise ValueError(f"unknown action {action!r}")
        except CardError as exc:
            return str(exc)
        self.ctx.data_changed.emit()
        return message
