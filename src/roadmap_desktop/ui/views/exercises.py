"""Exercises: pick one, read it, edit the file, run its tests locally, act on the results.

Runs happen on a worker thread (core.exercises.runner does the real work); starting a run
cancels the one in progress, and a result that arrives for a superseded run is dropped.
"""

from __future__ import annotations

import difflib
import itertools
from pathlib import Path

from PySide6.QtCore import (
    QFileSystemWatcher,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from roadmap_desktop.core.clock import utc_now
from roadmap_desktop.core.content.service import roots_for
from roadmap_desktop.core.exercises import progress, workspace
from roadmap_desktop.core.exercises.catalog import load_exercises
from roadmap_desktop.core.exercises.runner import (
    NodeMissingError,
    RunHandle,
    RunResult,
    TestResult,
    run_exercise,
)
from roadmap_desktop.core.exercises.spec import ExerciseSpec
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import Place, label, tidy_list
from roadmap_desktop.ui.widgets.code_editor import CodeEditor
from roadmap_desktop.ui.widgets.markdown_view import MarkdownView

_SLUG = Qt.ItemDataRole.UserRole
_MARK = {"pass": "✔", "fail": "✘", "skip": "–", "todo": "–"}
_STATE = {"new": "○", "attempted": "◐", "solved": "●"}


class _RunSignals(QObject):
    finished = Signal(int, object)  # run number, RunResult or an error message (str)


class _RunJob(QRunnable):
    def __init__(
        self,
        number: int,
        spec: ExerciseSpec,
        files: dict[str, Path],
        handle: RunHandle,
        only: list[str] | None,
    ) -> None:
        super().__init__()
        self.number, self.spec, self.files, self.handle, self.only = (
            number,
            spec,
            files,
            handle,
            only,
        )
        self.signals = _RunSignals()

    def run(self) -> None:
        try:
            result: object = run_exercise(
                self.spec,
                self.files,
                handle=self.handle,
                only=self.only,
            )
        except NodeMissingError as exc:
            result = str(exc)
        except Exception as exc:  # reported in the panel; the app keeps running
            result = f"The run failed: {exc}"
        self.signals.finished.emit(self.number, result)


class ExercisesView(Place):
    title = "Exercises"
    run_finished = Signal(object)  # RunResult or str, after the UI has shown it

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.specs: dict[str, ExerciseSpec] = {}
        self.spec: ExerciseSpec | None = None
        self.files: dict[str, Path] = {}
        self.result: RunResult | None = None
        self._numbers = itertools.count(1)
        self._current_run = 0
        self._handle: RunHandle | None = None
        self._jobs: list[_RunJob] = []
        self._loading = False

        # -- the list ------------------------------------------------------------------------
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search exercises")
        self.search.textChanged.connect(self._fill_list)
        self.topic = QComboBox()
        self.topic.currentIndexChanged.connect(self._fill_list)
        self.list = tidy_list(QListWidget())
        self.list.currentItemChanged.connect(self._open_selected)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.topic)
        column.addWidget(self.list, 1)

        # -- statement, hints, actions --------------------------------------------------------
        self.statement = MarkdownView()
        self.hint_button = QPushButton("Show a hint")
        self.hint_button.clicked.connect(self.reveal_hint)
        self.solution_button = QPushButton("Show the solution")
        self.solution_button.clicked.connect(self.show_solution)
        info = QWidget()
        info_column = QVBoxLayout(info)
        info_column.setContentsMargins(0, 0, 0, 0)
        info_column.addWidget(self.statement, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint_button)
        buttons.addWidget(self.solution_button)
        buttons.addStretch(1)
        info_column.addLayout(buttons)

        # -- editor ---------------------------------------------------------------------------
        self.editor = CodeEditor(ctx.theme.dark)
        self.file_tabs = QComboBox()
        self.file_tabs.currentIndexChanged.connect(self._show_file)
        self.run_button = QPushButton("Run (Ctrl+Enter)")
        self.run_button.clicked.connect(lambda: self.run_tests())
        self.rerun_button = QPushButton("Re-run failed")
        self.rerun_button.clicked.connect(self.rerun_failed)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_run)
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        self.external = QPushButton("External editor")
        self.external.clicked.connect(self._open_external)
        self.reset_button = QPushButton("Reset…")
        self.reset_button.clicked.connect(self.reset)
        self.watch = QCheckBox("Watch")
        self.watch.setToolTip("Run the tests whenever the file is saved, from any editor")
        self.watch.toggled.connect(self._watch_toggled)
        tools = QHBoxLayout()
        for widget in (
            self.file_tabs,
            self.run_button,
            self.rerun_button,
            self.cancel_button,
            self.save_button,
            self.external,
            self.reset_button,
            self.watch,
        ):
            tools.addWidget(widget)
        tools.addStretch(1)
        editor_box = QWidget()
        editor_column = QVBoxLayout(editor_box)
        editor_column.setContentsMargins(0, 0, 0, 0)
        editor_column.addLayout(tools)
        editor_column.addWidget(self.editor, 1)

        # -- results --------------------------------------------------------------------------
        self.summary = label("", "muted")
        self.tests = QTreeWidget()
        self.tests.setHeaderLabels(["Test", "Time"])
        self.tests.setColumnWidth(0, 420)
        self.tests.currentItemChanged.connect(self._show_test)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._jump)
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        result_tabs = QTabWidget()
        result_tabs.addTab(self.detail, "Failure")
        result_tabs.addTab(self.output, "Output")
        self.result_tabs = result_tabs
        results = QSplitter(Qt.Orientation.Horizontal)
        results.addWidget(self.tests)
        results.addWidget(result_tabs)
        results_box = QWidget()
        results_column = QVBoxLayout(results_box)
        results_column.setContentsMargins(0, 0, 0, 0)
        results_column.addWidget(self.summary)
        results_column.addWidget(results, 1)

        work = QSplitter(Qt.Orientation.Vertical)
        work.addWidget(editor_box)
        work.addWidget(results_box)
        work.setSizes([420, 240])
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(info)
        main.addWidget(work)
        main.setSizes([200, 330, 620])
        main.setMinimumHeight(560)
        self.body.addWidget(main, 1)

        for keys, slot in (
            ("Ctrl+Return", self.run_tests),
            ("Ctrl+Enter", self.run_tests),
            ("Ctrl+S", self.save),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self._changed_on_disk)
        ctx.theme.changed.connect(self.editor.set_dark)
        ctx.theme.changed.connect(self.statement.set_dark)
        self.statement.set_dark(ctx.theme.dark)
        self._set_running(False)
        self.refresh()

    # -- the list ------------------------------------------------------------------------------

    def refresh(self) -> None:
        specs, _issues = load_exercises(roots_for(self.ctx.store))
        self.specs = {spec.slug: spec for spec in specs}
        topics = sorted({t for spec in specs for t in spec.topics})
        current = self.topic.currentData()
        self.topic.blockSignals(True)
        self.topic.clear()
        self.topic.addItem("All topics", None)
        for topic in topics:
            self.topic.addItem(topic, topic)
        self.topic.setCurrentIndex(max(0, self.topic.findData(current)))
        self.topic.blockSignals(False)
        self._fill_list()

    def _fill_list(self) -> None:
        with self.ctx.store.session() as session:
            states = progress.progress_rows(session)
        wanted, topic = self.search.text().strip().lower(), self.topic.currentData()
        keep = self.spec.slug if self.spec else None
        self.list.blockSignals(True)
        self.list.clear()
        for spec in self.specs.values():
            if topic and topic not in spec.topics:
                continue
            if wanted and wanted not in f"{spec.title} {spec.summary} {spec.slug}".lower():
                continue
            state = states[spec.slug].state if spec.slug in states else "new"
            item = QListWidgetItem(
                f"{_STATE[state]} {spec.title}\n{spec.difficulty} · {spec.minutes} min · {state}"
            )
            item.setData(_SLUG, spec.slug)
            item.setToolTip(spec.summary)
            self.list.addItem(item)
            if spec.slug == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.spec is None and self.list.count():
            self.list.setCurrentRow(0)
        elif self.list.count() == 0 and not self.specs:
            self.statement.set_markdown("No exercises are installed.")

    def _open_selected(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_exercise(item.data(_SLUG))

    def open_exercise(self, slug: str) -> None:
        self.save()
        self.spec = self.specs[slug]
        self.files = dict(workspace.ensure_workspace(self.ctx.paths.workspace_dir, self.spec))
        self.file_tabs.blockSignals(True)
        self.file_tabs.clear()
        self.file_tabs.addItems(list(self.spec.files))
        self.file_tabs.blockSignals(False)
        self.file_tabs.setVisible(len(self.spec.files) > 1)
        self._show_file()
        self._render_statement()
        self._show_result(None)
        self._watch_toggled(self.watch.isChecked())

    def _render_statement(self) -> None:
        if self.spec is None:
            return
        with self.ctx.store.session() as session:
            row = progress.progress_rows(session).get(self.spec.slug)
        shown = row.hints_revealed if row else 0
        solved = row is not None and row.state == "solved"
        parts = [
            self.spec.statement,
            f"*{self.spec.difficulty} · about {self.spec.minutes} min · from "
            f"{self.spec.source} · topics: {', '.join(self.spec.topics)}*",
        ]
        for number, hint in enumerate(self.spec.hints[:shown], start=1):
            parts.append(f"**Hint {number}.** {hint}")
        self.statement.set_markdown("\n\n".join(parts))
        left = len(self.spec.hints) - shown
        self.hint_button.setEnabled(left > 0)
        self.hint_button.setText(f"Show a hint ({left} left)" if left else "No more hints")
        self.solution_button.setText("Show the solution" if solved else "Show the solution…")

    def _current_file(self) -> str | None:
        return self.file_tabs.currentText() or (self.spec.files[0] if self.spec else None)

    def _show_file(self) -> None:
        name = self._current_file()
        if name is None or name not in self.files:
            return
        self._loading = True
        self.editor.setPlainText(self.files[name].read_text(encoding="utf-8"))
        self.editor.document().setModified(False)
        self._loading = False

    # -- editing --------------------------------------------------------------------------------

    def save(self) -> None:
        name = self._current_file()
        if name is None or not self.editor.document().isModified():
            return
        path = self.files[name]
        path.write_text(self.editor.toPlainText(), encoding="utf-8")
        self.editor.document().setModified(False)
        self.ctx.status.emit(f"Saved {path}")

    def reset(self) -> None:
        if self.spec is None:
            return
        answer = QMessageBox.question(
            self,
            "Reset to the starter",
            "Replace your file with the starter? Your current version is kept as .bak.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.reset_now()

    def reset_now(self) -> None:
        if self.spec is None:
            return
        self.files = dict(workspace.reset_to_starter(self.ctx.paths.workspace_dir, self.spec))
        self._show_file()
        self.ctx.status.emit("Reset to the starter (your old file is kept as .bak)")

    def _open_external(self) -> None:
        name = self._current_file()
        if name is not None:
            self.save()
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.files[name])))

    def reveal_hint(self) -> None:
        if self.spec is None:
            return
        with self.ctx.store.session() as session:
            progress.reveal_hint(session, self.spec.slug, len(self.spec.hints))
        self._render_statement()

    def show_solution(self, confirmed: bool = False) -> None:
        if self.spec is None:
            return
        with self.ctx.store.session() as session:
            row = progress.progress_rows(session).get(self.spec.slug)
        if not (row is not None and row.state == "solved") and not confirmed:
            answer = QMessageBox.question(
                self,
                "Show the solution",
                "You have not solved this exercise yet. Looking now takes the learning away; "
                "show the reference solution anyway?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        with self.ctx.store.session() as session:
            progress.mark_solution_shown(session, self.spec.slug)
        code = "\n\n".join(
            f"**{name}**\n\n```js\n{self.spec.reference(name).read_text()}\n```"
            for name in self.spec.files
        )
        self.statement.set_markdown(f"## Reference solution\n\n{code}")

    # -- watch mode -----------------------------------------------------------------------------

    def _watch_toggled(self, on: bool) -> None:
        watched = self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        if on and self.files:
            self.watcher.addPaths([str(p) for p in self.files.values()])

    def _file_changed(self, _path: str) -> None:
        self._debounce.start()

    def _changed_on_disk(self) -> None:
        """Saved from any editor: reload (unless unsaved edits here) and run."""
        for path in self.files.values():  # editors that replace the file drop the watch
            if str(path) not in self.watcher.files() and path.exists():
                self.watcher.addPath(str(path))
        if not self.editor.document().isModified():
            self._show_file()
        self.run_tests()

    # -- running --------------------------------------------------------------------------------

    def run_tests(self, only: list[str] | None = None) -> None:
        if self.spec is None:
            return
        self.save()
        if self._handle is not None:
            self._handle.cancel()  # a new run supersedes the one in progress
        self._current_run = next(self._numbers)
        self._handle = RunHandle()
        job = _RunJob(self._current_run, self.spec, dict(self.files), self._handle, only)
        job.signals.finished.connect(self._finished)
        self._jobs.append(job)
        self._set_running(True)
        self.summary.setText("Running…" if not only else f"Re-running {len(only)} failed tests…")
        QThreadPool.globalInstance().start(job)

    def rerun_failed(self) -> None:
        if self.result is not None:
            failed = [t.name for t in self.result.tests if t.status == "fail"]
            if failed:
                self.run_tests(failed)

    def cancel_run(self) -> None:
        if self._handle is not None:
            self._handle.cancel()

    def _set_running(self, running: bool) -> None:
        self.cancel_button.setEnabled(running)
        self.run_button.setText("Running…" if running else "Run (Ctrl+Enter)")

    def _finished(self, number: int, result: object) -> None:
        self._jobs = [job for job in self._jobs if job.number != number]
        if number != self._current_run:
            return  # superseded
        self._handle = None
        self._set_running(False)
        if isinstance(result, str):
            self.summary.setText(result)
            self.run_finished.emit(result)
            return
        assert isinstance(result, RunResult)
        if result.status != "cancelled":
            with self.ctx.store.session() as session:
                progress.record_attempt(session, result, utc_now(self.ctx.store.clock))
        self._show_result(result)
        self._fill_list()
        self._render_statement()
        self.run_finished.emit(result)

    def _show_result(self, result: RunResult | None) -> None:
        self.result = result
        self.tests.clear()
        self.detail.clear()
        self.output.setPlainText(result.output if result else "")
        self.rerun_button.setEnabled(bool(result and result.failed))
        if result is None:
            self.summary.setText("Write your solution, then run the tests (Ctrl+Enter).")
            return
        headline = {
            "pass": "All tests pass",
            "fail": "Some tests fail",
            "error": "Error",
            "timeout": "Timed out",
            "cancelled": "Cancelled",
        }[result.status]
        counts = f"{result.passed} passed, {result.failed} failed in {result.wall_ms / 1000:.2f} s"
        self.summary.setText(
            f"{headline}: {counts}" + (f". {result.explanation}" if result.explanation else "")
        )
        nodes: dict[str, QTreeWidgetItem] = {}
        first_failure: QTreeWidgetItem | None = None
        for index, test in enumerate(result.tests):
            *suites, leaf = test.name.split(" > ")
            parent: QTreeWidgetItem | None = None
            for depth in range(len(suites)):
                path = " > ".join(suites[: depth + 1])
                if path not in nodes:
                    node = QTreeWidgetItem([suites[depth], ""])
                    if parent is None:
                        self.tests.addTopLevelItem(node)
                    else:
                        parent.addChild(node)
                    nodes[path] = node
                parent = nodes[path]
            took = f"{test.duration_ms:.0f} ms" if test.duration_ms is not None else ""
            item = QTreeWidgetItem([f"{_MARK[test.status]} {leaf}", took])
            item.setData(0, _SLUG, index)
            item.setToolTip(0, test.name)
            if test.status in ("pass", "fail"):
                item.setForeground(0, QColor("#2da44e" if test.status == "pass" else "#cf222e"))
            if parent is None:
                self.tests.addTopLevelItem(item)
            else:
                parent.addChild(item)
            if test.status == "fail" and first_failure is None:
                first_failure = item
        self.tests.expandAll()
        if first_failure is not None:
            self.tests.setCurrentItem(first_failure)
        elif result.status in ("error", "timeout"):
            self.detail.setPlainText(result.explanation)
        if result.output and first_failure is None and result.status == "pass":
            self.result_tabs.setCurrentWidget(self.output)

    def _show_test(self, item: QTreeWidgetItem | None, _old: object = None) -> None:
        if item is None or self.result is None or item.data(0, _SLUG) is None:
            return
        test: TestResult = self.result.tests[item.data(0, _SLUG)]
        self.result_tabs.setCurrentWidget(self.detail)
        if test.status != "fail":
            self.detail.setPlainText(f"{test.name}: {test.status}")
            return
        html = [f"<p><b>{_escape(test.name)}</b></p>"]
        if test.message:
            html.append(f"<pre>{_escape(test.message)}</pre>")
        if test.expected is not None or test.actual is not None:
            diff = difflib.unified_diff(
                (test.expected or "").splitlines(),
                (test.actual or "").splitlines(),
                "expected",
                "actual",
                lineterm="",
            )
            html.append(
                f"<p>{_escape(test.operator or 'compare')}: expected vs actual</p>"
                f"<pre>{_escape(chr(10).join(diff))}</pre>"
            )
        for frame in test.frames:
            html.append(
                f'<p>at <a href="frame:{frame.file}:{frame.line}:{frame.column}">'
                f"{_escape(frame.file)}:{frame.line}:{frame.column}</a></p>"
            )
        self.detail.setHtml("".join(html))

    def _jump(self, url: QUrl) -> None:
        text = url.toString()
        if not text.startswith("frame:"):
            return
        _, name, line, column = text.split(":")
        if self.spec and name in self.spec.files and name != self._current_file():
            self.file_tabs.setCurrentText(name)
        self.editor.go_to_line(int(line), int(column))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
