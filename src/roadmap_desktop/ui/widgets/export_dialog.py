"""Export to Anki: choose what (everything, decks, or a browser search), where, and go.

The package is written on a worker thread with a progress bar; errors (an unwritable path, an
empty selection, a bad search) are shown in the dialog, never as a traceback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from roadmap_desktop.core.export.anki import ExportError, ExportReport, export_anki
from roadmap_desktop.core.srs import browse
from roadmap_desktop.core.srs.search import SearchError
from roadmap_desktop.ui.context import AppContext


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)  # ExportReport or an error message


class _ExportJob(QRunnable):
    def __init__(
        self, ctx: AppContext, out: Path, decks: tuple[str, ...], query: str | None, history: bool
    ) -> None:
        super().__init__()
        self.ctx, self.out, self.decks, self.query, self.history = ctx, out, decks, query, history
        self.signals = _Signals()

    def run(self) -> None:
        try:
            report: object = export_anki(
                self.ctx.store,
                self.out,
                decks=self.decks,
                query=self.query,
                with_history=self.history,
                progress=self.signals.progress.emit,
            )
        except (ExportError, SearchError) as exc:
            report = str(exc)
        except OSError as exc:
            report = f"{self.out}: cannot write ({exc.strerror or exc})"
        self.signals.finished.emit(report)


class ExportDialog(QDialog):
    done_export = Signal(object)  # ExportReport or str, once shown

    def __init__(self, ctx: AppContext, *, query: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Export to Anki")
        self.resize(560, 520)
        self.report: ExportReport | None = None
        self._job: _ExportJob | None = None

        self.everything = QRadioButton("All cards")
        self.by_deck = QRadioButton("These decks (with their subdecks):")
        self.by_query = QRadioButton("The cards matching a search:")
        group = QButtonGroup(self)
        for button in (self.everything, self.by_deck, self.by_query):
            group.addButton(button)
        self.decks = QListWidget()
        with ctx.store.session() as session:
            names = browse.deck_names(session)
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.decks.addItem(item)
        self.query = QLineEdit(query)
        self.query.setPlaceholderText('e.g. tag:redis or deck:"Node.js::Event Loop"')
        (self.by_query if query else self.everything).setChecked(True)

        default = Path.home() / "roadmap-desktop.apkg"
        self.path = QLineEdit(str(default))
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(choose)
        self.history = QCheckBox("Also write my review history as a CSV file next to it")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = QLabel(
            "Re-exporting later updates the notes you already imported into "
            "Anki and keeps your Anki scheduling."
        )
        self.message.setWordWrap(True)
        self.export_button = QPushButton("Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.show_folder = QPushButton("Show in folder")
        self.show_folder.setVisible(False)
        self.show_folder.clicked.connect(self._show_folder)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_folder)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.everything)
        layout.addWidget(self.by_deck)
        layout.addWidget(self.decks, 1)
        layout.addWidget(self.by_query)
        layout.addWidget(self.query)
        layout.addWidget(QLabel("Save as"))
        layout.addLayout(path_row)
        layout.addWidget(self.history)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def checked_decks(self) -> tuple[str, ...]:
        return tuple(
            self.decks.item(i).text()
            for i in range(self.decks.count())
            if self.decks.item(i).checkState() == Qt.CheckState.Checked
        )

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export to Anki", self.path.text(), "Anki package (*.apkg)"
        )
        if chosen:
            self.path.setText(chosen if chosen.endswith(".apkg") else chosen + ".apkg")

    def start(self) -> None:
        decks: tuple[str, ...] = ()
        query: str | None = None
        if self.by_deck.isChecked():
            decks = self.checked_decks()
            if not decks:
                self._fail("Tick at least one deck, or choose All cards.")
                return
        if self.by_query.isChecked():
            query = self.query.text().strip()
            if not query:
                self._fail("Type a search, or choose All cards.")
                return
        out = Path(self.path.text().strip()).expanduser()
        self.export_button.setEnabled(False)
        self.show_folder.setVisible(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.message.setText("Exporting…")
        self._job = _ExportJob(self.ctx, out, decks, query, self.history.isChecked())
        self._job.signals.progress.connect(self._progress)
        self._job.signals.finished.connect(self._finished)
        QThreadPool.globalInstance().start(self._job)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _fail(self, message: str) -> None:
        self.message.setText(message)
        self.done_export.emit(message)

    def _finished(self, result: object) -> None:
        self.export_button.setEnabled(True)
        self.progress.setVisible(False)
        if isinstance(result, str):
            self._fail(result)
            return
        assert isinstance(result, ExportReport)
        self.report = result
        warnings = "".join(f"\n⚠ {w}" for w in result.warnings[:5])
        self.message.setText(result.summary() + "." + warnings)
        self.show_folder.setVisible(True)
        self.ctx.status.emit(result.summary())
        self.done_export.emit(result)

    def _show_folder(self) -> None:
        if self.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.path.parent)))
