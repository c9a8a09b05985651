"""Mock interview: pick a prompt, run the timed phases with notes and checklists, assess
yourself, and look back at your history.

The timer is core.mock.timer.MockTimer over a monotonic clock; this view only displays it
(a 200 ms tick) and forwards keys: Space pause/resume, N next phase, H hints, Ctrl+E end.
The session autosaves, so it survives an app restart.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from roadmap_desktop.core.clock import utc_now
from roadmap_desktop.core.mock import sessions
from roadmap_desktop.core.mock.estimate import estimate
from roadmap_desktop.core.mock.templates import DEFAULT, Template, custom
from roadmap_desktop.core.mock.timer import MockTimer, format_clock
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import Place, label, tidy_list
from roadmap_desktop.ui.widgets.markdown_view import MarkdownView

_KEY = Qt.ItemDataRole.UserRole
_SECTIONS = (
    ("functional", "Functional requirements"),
    ("non_functional", "Non-functional"),
    ("scale_questions", "Scale questions to ask"),
    ("components", "Key components"),
    ("deep_dives", "Deep dives"),
    ("pitfalls", "Common pitfalls"),
)


class EstimateHelper(QWidget):
    """Users x actions -> QPS, storage, bandwidth, for the estimation phase."""

    def __init__(self) -> None:
        super().__init__()
        form = QFormLayout(self)
        self.users = self._number(10_000_000, 1e10, 0)
        self.per_user = self._number(10, 1e6, 1)
        self.peak = self._number(3, 100, 1)
        self.writes = self._number(0.1, 1, 2)
        self.write_bytes = self._number(1_000, 1e9, 0)
        self.years = self._number(5, 50, 1)
        for text, field in (
            ("Users per day", self.users),
            ("Actions per user", self.per_user),
            ("Peak / average", self.peak),
            ("Share of writes", self.writes),
            ("Bytes per write", self.write_bytes),
            ("Years kept", self.years),
        ):
            form.addRow(text, field)
            field.valueChanged.connect(self.update_result)
        self.result = label("", None)
        form.addRow(self.result)
        self.update_result()

    @staticmethod
    def _number(value: float, high: float, decimals: int) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(0, high)
        box.setDecimals(decimals)
        box.setGroupSeparatorShown(True)
        box.setValue(value)
        return box

    def update_result(self) -> None:
        result = estimate(
            self.users.value(),
            self.per_user.value(),
            peak_factor=self.peak.value(),
            write_share=self.writes.value(),
            bytes_per_write=self.write_bytes.value(),
            years=self.years.value(),
        )
        self.result.setText("\n".join(result.lines()))


class TemplateDialog(QDialog):
    """Make a custom phase template (minutes for the five standard phases)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New phase template")
        form = QFormLayout(self)
        self.name = QLineEdit()
        form.addRow("Name", self.name)
        self.minutes: list[QSpinBox] = []
        for phase in DEFAULT.phases:
            spin = QSpinBox()
            spin.setRange(1, 120)
            spin.setValue(phase.minutes)
            spin.setSuffix(" min")
            self.minutes.append(spin)
            form.addRow(phase.title, spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def template(self) -> Template:
        return custom(
            self.name.text(),
            [(p.title, s.value()) for p, s in zip(DEFAULT.phases, self.minutes, strict=True)],
        )


class MockView(Place):
    title = "Mock interview"
    cue = Signal(int)  # a phase's time ran out

    def __init__(
        self,
        ctx: AppContext,
        monotonic: Callable[[], float] = time.monotonic,
        *,
        offer_resume: bool = True,
    ) -> None:
        super().__init__(ctx)
        self.monotonic = monotonic
        self.timer: MockTimer | None = None
        self.session_id: int | None = None
        self.prompt: sessions.PromptChoice | None = None
        self.notes: dict[str, str] = {}
        self.checked: dict[str, list[str]] = {}
        self._shown_phase = -1
        self._last_save = 0.0
        self.pages = QStackedWidget()
        self.body.addWidget(self.pages, 1)
        self._build_picker()
        self._build_session()
        self._build_rubric()
        self._build_history()
        self.tick = QTimer(self, interval=200)
        self.tick.timeout.connect(self._on_tick)
        self.refresh()
        if offer_resume:
            QTimer.singleShot(0, self._offer_resume)

    # -- picker ---------------------------------------------------------------------------

    def _build_picker(self) -> None:
        page = QWidget()
        self.tier = QComboBox()
        self.tier.addItem("All tiers", None)
        for tier in (1, 2, 3):
            self.tier.addItem(f"Tier {tier}", tier)
        self.order = QComboBox()
        self.order.addItem("By tier", "tier")
        self.order.addItem("Not practised recently", "stale")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search prompts")
        for widget in (self.tier, self.order):
            widget.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self.refresh)
        random_button = QPushButton("Random")
        random_button.clicked.connect(self.pick_random)
        history_button = QPushButton("History")
        history_button.clicked.connect(self.show_history)
        filters = QHBoxLayout()
        filter_widgets: tuple[QWidget, ...] = (
            self.tier,
            self.order,
            self.search,
            random_button,
            history_button,
        )
        for filter_widget in filter_widgets:
            filters.addWidget(filter_widget)
        self.prompts = tidy_list(QListWidget())
        self.prompts.currentItemChanged.connect(self._show_prompt)
        self.brief = MarkdownView()
        self.brief.set_dark(self.ctx.theme.dark)
        self.ctx.theme.changed.connect(self.brief.set_dark)
        self.templates = QComboBox()
        new_template = QPushButton("New template…")
        new_template.clicked.connect(self._new_template)
        self.start_button = QPushButton("Start the interview")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        start_row = QHBoxLayout()
        start_row.addWidget(QLabel("Phases"))
        start_row.addWidget(self.templates, 1)
        start_row.addWidget(new_template)
        start_row.addWidget(self.start_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.prompts)
        split.addWidget(self.brief)
        split.setSizes([320, 640])
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(filters)
        column.addWidget(split, 1)
        column.addLayout(start_row)
        self.pages.addWidget(page)
        self.picker = page

    def refresh(self) -> None:
        if not hasattr(self, "prompts"):
            return
        with self.ctx.store.session() as session:
            self.choices = sessions.prompt_choices(
                session,
                tier=self.tier.currentData(),
                text=self.search.text().strip(),
                order=self.order.currentData(),
            )
            templates = sessions.templates(session)
        keep = self.prompts.currentItem().data(_KEY) if self.prompts.currentItem() else None
        self.prompts.blockSignals(True)
        self.prompts.clear()
        for choice in self.choices:
            when = (
                f"practised {choice.last_practised:%d %b}"
                if choice.last_practised
                else "not practised yet"
            )
            item = QListWidgetItem(
                f"{choice.title}\nTier {choice.tier} · {choice.minutes} min · {when}"
            )
            item.setData(_KEY, choice.key)
            self.prompts.addItem(item)
            if choice.key == keep:
                self.prompts.setCurrentItem(item)
        self.prompts.blockSignals(False)
        if self.prompts.currentItem() is None and self.prompts.count():
            self.prompts.setCurrentRow(0)
        self._show_prompt(self.prompts.currentItem())
        current = self.templates.currentText()
        self.templates.clear()
        for template in templates:
            name = template.name
            if f"{template.minutes} min" not in name:
                name += f" ({template.minutes} min)"
            self.templates.addItem(name, template.to_json())
        index = self.templates.findText(current)
        self.templates.setCurrentIndex(max(0, index))

    def _choice(self, key: str | None) -> sessions.PromptChoice | None:
        return next((c for c in self.choices if c.key == key), None)

    def _show_prompt(self, item: QListWidgetItem | None, _old: object = None) -> None:
        choice = self._choice(item.data(_KEY)) if item else None
        self.start_button.setEnabled(choice is not None)
        self.brief.set_markdown(
            f"## {choice.title}\n\n{choice.brief}\n\n*Hints stay hidden "
            "until you ask for them during the interview.*"
            if choice
            else "No prompt matches."
        )

    def pick_random(self) -> None:
        if self.choices:
            pick = sessions.random_choice(self.choices)
            self.prompts.setCurrentRow([c.key for c in self.choices].index(pick.key))

    def _new_template(self) -> None:
        dialog = TemplateDialog(self)
        if dialog.exec():
            try:
                template = dialog.template()
                with self.ctx.store.session() as session:
                    sessions.save_template(session, template)
            except ValueError as exc:
                self.ctx.status.emit(str(exc))
                return
            self.refresh()
            self.templates.setCurrentIndex(self.templates.findData(template.to_json()))

    # -- the session ----------------------------------------------------------------------

    def _build_session(self) -> None:
        page = QWidget()
        self.prompt_label = label("", "muted")
        self.phase_label = QLabel("")
        self.phase_label.setProperty("role", "title")
        self.countdown = QLabel("00:00")
        big = QFont(self.countdown.font())
        big.setPointSize(54)
        big.setBold(True)
        self.countdown.setFont(big)
        self.total = label("", "muted")
        self.phase_bar = QProgressBar()
        self.phase_bar.setTextVisible(False)
        self.phases = QListWidget()
        self.phases.setMaximumWidth(300)
        self.pause_button = QPushButton("Pause (Space)")
        self.pause_button.clicked.connect(self.toggle)
        self.next_button = QPushButton("Next phase (N)")
        self.next_button.clicked.connect(self.next_phase)
        self.hints_button = QPushButton("Hints (H)")
        self.hints_button.clicked.connect(self.show_hints)
        self.end_button = QPushButton("End and assess (Ctrl+E)")
        self.end_button.clicked.connect(self.end)
        self.sound = QCheckBox("Sound at phase end")
        controls = QHBoxLayout()
        control_widgets: tuple[QWidget, ...] = (
            self.pause_button,
            self.next_button,
            self.hints_button,
            self.end_button,
            self.sound,
        )
        for control in control_widgets:
            controls.addWidget(control)
        controls.addStretch(1)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("Notes for this phase (Markdown)")
        self.note.textChanged.connect(self._note_changed)
        self.preview = MarkdownView()
        self.checklist = QListWidget()
        self.checklist.itemChanged.connect(self._check_changed)
        self.helper = EstimateHelper()
        self.hints = MarkdownView()
        self.hints.setVisible(False)
        right = QSplitter(Qt.Orientation.Vertical)
        side: tuple[QWidget, ...] = (self.checklist, self.helper, self.hints)
        for pane in side:
            right.addWidget(pane)
        notes = QSplitter(Qt.Orientation.Horizontal)
        notes.addWidget(self.note)
        notes.addWidget(self.preview)
        notes.addWidget(right)
        notes.setSizes([360, 320, 300])
        top = QHBoxLayout()
        clock = QVBoxLayout()
        clock_widgets: tuple[QWidget, ...] = (
            self.prompt_label,
            self.phase_label,
            self.countdown,
            self.total,
        )
        for clock_widget in clock_widgets:
            clock.addWidget(clock_widget)
        top.addLayout(clock, 1)
        top.addWidget(self.phases)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.phase_bar)
        column.addLayout(controls)
        column.addWidget(notes, 1)
        for keys, slot in (
            ("Space", self.toggle),
            ("N", self.next_phase),
            ("H", self.show_hints),
            ("Ctrl+E", self.end),
        ):
            shortcut = QShortcut(QKeySequence(keys), page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.pages.addWidget(page)
        self.session_page = page

    def start(self) -> None:
        item = self.prompts.currentItem()
        self.prompt = self._choice(item.data(_KEY)) if item else None
        if self.prompt is None:
            return
        template = Template.from_json(self.templates.currentData() or DEFAULT.to_json())
        self.timer = MockTimer(template, self.monotonic)
        with self.ctx.store.session() as session:
            self.session_id = sessions.start(
                session,
                self.prompt.key,
                template,
                self.timer.to_json(time.time()),
                utc_now(self.ctx.store.clock),
            )
        self.notes, self.checked = {}, {}
        self.timer.start()
        self._enter_session()

    def _enter_session(self) -> None:
        assert self.timer is not None and self.prompt is not None
        self.prompt_label.setText(self.prompt.title)
        self.hints.setVisible(False)
        self.hints.set_markdown(self._hints_markdown())
        self._shown_phase = -1
        self.pages.setCurrentWidget(self.session_page)
        self.tick.start()
        self._on_tick()
        self.session_page.setFocus()

    def _hints_markdown(self) -> str:
        if self.prompt is None:
            return ""
        parts = []
        for key, heading in _SECTIONS:
            items = self.prompt.details.get(key) or []
            if items:
                parts.append(f"**{heading}**\n" + "\n".join(f"- {i}" for i in items))
        return "\n\n".join(parts)

    def _on_tick(self) -> None:
        if self.timer is None:
            return
        snap = self.timer.snapshot()
        template = self.timer.template
        phase = template.phases[snap.phase]
        if snap.phase != self._shown_phase:
            self._show_phase(snap.phase)
        self.countdown.setText(format_clock(snap.phase_remaining))
        over = snap.phase_overtime
        self.countdown.setStyleSheet("color: #cf222e;" if over else "")
        self.phase_label.setText(f"{phase.title}" + ("  — overtime" if over else ""))
        self.total.setText(
            f"Total {format_clock(snap.total_remaining)} of "
            f"{template.minutes} min" + ("" if snap.running else " · paused")
        )
        self.phase_bar.setMaximum(phase.minutes * 60)
        self.phase_bar.setValue(int(min(snap.phase_elapsed, phase.minutes * 60)))
        self.pause_button.setText("Pause (Space)" if snap.running else "Resume (Space)")
        seconds = self.timer.phase_seconds()
        for index, item_phase in enumerate(template.phases):
            item = self.phases.item(index)
            if item is not None:
                marker = "▶ " if index == snap.phase else "   "
                item.setText(
                    f"{marker}{item_phase.title}: {format_clock(seconds[index])} / "
                    f"{item_phase.minutes:02d}:00"
                )
        cued = self.timer.due_cue()
        if cued is not None:
            if self.sound.isChecked():
                QApplication.beep()
            self.ctx.status.emit(f"Time is up for {template.phases[cued].title}: move on (N)")
            self.cue.emit(cued)
        if self.monotonic() - self._last_save > 5:
            self.save()

    def _show_phase(self, index: int) -> None:
        assert self.timer is not None
        template = self.timer.template
        if self.phases.count() != len(template.phases):
            self.phases.clear()
            for phase in template.phases:
                self.phases.addItem(phase.title)
        self._shown_phase = index
        phase = template.phases[index]
        self.note.blockSignals(True)
        self.note.setPlainText(self.notes.get(phase.key, ""))
        self.note.blockSignals(False)
        self.preview.set_markdown(self.notes.get(phase.key, ""))
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for text in phase.checklist:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            done = text in self.checked.get(phase.key, [])
            item.setCheckState(Qt.CheckState.Checked if done else Qt.CheckState.Unchecked)
            self.checklist.addItem(item)
        self.checklist.blockSignals(False)
        self.helper.setVisible(phase.key == "estimate")

    def _phase_key(self) -> str:
        assert self.timer is not None
        return self.timer.template.phases[self.timer.state.phase].key

    def _note_changed(self) -> None:
        if self.timer is not None:
            self.notes[self._phase_key()] = self.note.toPlainText()
            self.preview.set_markdown(self.note.toPlainText())

    def _check_changed(self) -> None:
        if self.timer is not None:
            self.checked[self._phase_key()] = [
                self.checklist.item(i).text()
                for i in range(self.checklist.count())
                if self.checklist.item(i).checkState() == Qt.CheckState.Checked
            ]

    def toggle(self) -> None:
        if self.timer is not None:
            self.timer.toggle()
            self.save()
            self._on_tick()

    def next_phase(self) -> None:
        if self.timer is None:
            return
        if not self.timer.next_phase():
            self.end()
            return
        self.save()
        self._on_tick()

    def show_hints(self) -> None:
        self.hints.setVisible(not self.hints.isVisible())

    def save(self) -> None:
        if self.timer is None or self.session_id is None:
            return
        self._last_save = self.monotonic()
        with self.ctx.store.session() as session:
            sessions.save(
                session, self.session_id, self.timer.to_json(time.time()), self.notes, self.checked
            )

    def end(self) -> None:
        if self.timer is None:
            return
        self.timer.finish()
        self.tick.stop()
        self.save()
        self.rubric_title.setText(f"How did it go? {self.prompt.title if self.prompt else ''}")
        self.pages.setCurrentWidget(self.rubric_page)

    # -- restart recovery -----------------------------------------------------------------

    def _offer_resume(self) -> None:
        with self.ctx.store.session() as session:
            row = sessions.active(session)
            if row is None:
                return
            template, timer_json, key = Template.from_json(row.template), row.timer, row.prompt_key
            session_id, notes, checked = row.id, dict(row.notes), dict(row.checked)
        timer, closed = MockTimer.restore(template, self.monotonic, timer_json, time.time())
        count = False
        if closed >= 60:  # under a minute is not worth a question: it does not count
            answer = QMessageBox.question(
                self,
                "Resume the mock interview",
                f"An interview was running when the app closed, {closed / 60:.0f} min ago. "
                "Count that time in the current phase?",
            )
            count = answer == QMessageBox.StandardButton.Yes
        self.resume(session_id, key, timer, closed if count else 0.0, notes, checked)

    def resume(
        self,
        session_id: int,
        prompt_key: str,
        timer: MockTimer,
        closed_seconds: float,
        notes: dict[str, str],
        checked: dict[str, list[str]],
    ) -> None:
        """Continue a saved session, paused; ``closed_seconds`` is added if it counts."""
        timer.add_closed_time(closed_seconds)
        self.timer, self.session_id = timer, session_id
        self.prompt = self._choice(prompt_key) or next(
            (c for c in sessions_prompt_list(self.ctx) if c.key == prompt_key), None
        )
        self.notes, self.checked = notes, checked
        if self.prompt is not None:
            self._enter_session()
            self.ctx.status.emit("Mock interview restored, paused: press Space to continue")

    # -- rubric -----------------------------------------------------------------------------

    def _build_rubric(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.rubric_title = label("", "title")
        form.addRow(self.rubric_title)
        self.scores: dict[str, QComboBox] = {}
        for key, text in sessions.SIGNALS:
            box = QComboBox()
            for value, meaning in sessions.SCORE_MEANINGS.items():
                box.addItem(f"{value}: {meaning}", value)
            box.setCurrentIndex(1)
            self.scores[key] = box
            form.addRow(text, box)
        self.comments = QPlainTextEdit()
        self.comments.setPlaceholderText("What went well, what to practise next")
        form.addRow("Comments", self.comments)
        save = QPushButton("Save to history")
        save.clicked.connect(self.save_assessment)
        form.addRow(save)
        self.pages.addWidget(page)
        self.rubric_page = page

    def save_assessment(self) -> None:
        if self.timer is None or self.session_id is None:
            return
        scores = {key: int(box.currentData()) for key, box in self.scores.items()}
        with self.ctx.store.session() as session:
            sessions.finish(
                session,
                self.session_id,
                scores,
                self.comments.toPlainText(),
                self.timer.to_json(time.time()),
                utc_now(self.ctx.store.clock),
            )
        self.timer = None
        self.comments.clear()
        self.refresh()
        self.show_history()

    # -- history ----------------------------------------------------------------------------

    def _build_history(self) -> None:
        page = QWidget()
        self.history_table = QTableWidget(0, 9)
        self.history_table.setHorizontalHeaderLabels(
            [
                "#",
                "Date",
                "Prompt",
                "Minutes per phase",
                "Req.",
                "Design",
                "Scale",
                "Reliab.",
                "Comm.",
            ]
        )
        self.history_table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch
        )
        self.history_table.verticalHeader().hide()
        self.chart_box = QVBoxLayout()
        export = QPushButton("Export as Markdown…")
        export.clicked.connect(self._export_selected)
        card = QPushButton("Make a card from a phase's notes…")
        card.clicked.connect(self._card_from_selected)
        back = QPushButton("Back to prompts")
        back.clicked.connect(lambda: self.pages.setCurrentWidget(self.picker))
        buttons = QHBoxLayout()
        buttons.addWidget(export)
        buttons.addWidget(card)
        buttons.addStretch(1)
        buttons.addWidget(back)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.chart_box, 1)
        column.addWidget(self.history_table, 1)
        column.addLayout(buttons)
        self.pages.addWidget(page)
        self.history_page = page
        self._chart: QWidget | None = None

    def show_history(self) -> None:
        with self.ctx.store.session() as session:
            self.history_rows = sessions.history(session)
        table = self.history_table
        table.setRowCount(len(self.history_rows))
        for r, row in enumerate(reversed(self.history_rows)):
            values = [
                str(row.id),
                f"{row.started_at:%Y-%m-%d}",
                row.prompt_title,
                " / ".join(f"{minutes:.0f}" for _, minutes in row.phase_minutes),
                *(str(row.scores.get(key, "")) for key, _ in sessions.SIGNALS),
            ]
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(value))
        self._draw_chart()
        self.pages.setCurrentWidget(self.history_page)

    def _draw_chart(self) -> None:
        """Rubric scores over time, one line per signal (QtCharts, loaded only here)."""
        from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis
        from PySide6.QtGui import QPainter

        chart = QChart()
        chart.setTitle("Self-assessment over time")
        if self.ctx.theme.dark:
            chart.setTheme(QChart.ChartTheme.ChartThemeDark)
        for key, text in sessions.SIGNALS:
            series = QLineSeries()
            series.setName(text)
            for index, row in enumerate(self.history_rows, start=1):
                if key in row.scores:
                    series.append(index, row.scores[key])
            chart.addSeries(series)
        x_axis, y_axis = QValueAxis(), QValueAxis()
        x_axis.setRange(1, max(2, len(self.history_rows)))
        x_axis.setLabelFormat("%d")
        x_axis.setTickCount(min(10, max(2, len(self.history_rows))))
        x_axis.setTitleText("session")
        y_axis.setRange(0.5, 4.5)
        y_axis.setTickCount(5)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for attached in chart.series():
            attached.attachAxis(x_axis)
            attached.attachAxis(y_axis)
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(220)
        if self._chart is not None:
            self.chart_box.removeWidget(self._chart)
            self._chart.deleteLater()
        self._chart = view
        self.chart_box.addWidget(view)

    def _selected_session(self) -> int | None:
        row = self.history_table.currentRow()
        item = self.history_table.item(row, 0) if row >= 0 else None
        return int(item.text()) if item else None

    def _export_selected(self) -> None:
        session_id = self._selected_session()
        if session_id is None:
            self.ctx.status.emit("Select a session first")
            return
        target, _ = QFileDialog.getSaveFileName(
            self, "Export session", str(Path.home() / f"mock-{session_id}.md"), "Markdown (*.md)"
        )
        if target:
            self.export_session(session_id, Path(target))

    def export_session(self, session_id: int, target: Path) -> None:
        with self.ctx.store.session() as session:
            text = sessions.export_markdown(session, session_id)
        target.write_text(text, encoding="utf-8")
        self.ctx.status.emit(f"Wrote {target}")

    def _card_from_selected(self) -> None:
        session_id = self._selected_session()
        if session_id is None:
            self.ctx.status.emit("Select a session first")
            return
        keys = [p.key for p in DEFAULT.phases]
        key, ok = _choose(self, "Which phase's notes?", keys)
        if ok:
            try:
                with self.ctx.store.session() as session:
                    sessions.note_to_card(session, session_id, key, utc_now(self.ctx.store.clock))
            except ValueError as exc:
                self.ctx.status.emit(str(exc))
                return
            self.ctx.status.emit("Card added to the deck Mock interviews")
            self.ctx.data_changed.emit()


def _choose(parent: QWidget, question: str, options: list[str]) -> tuple[str, bool]:
    from PySide6.QtWidgets import QInputDialog

    return QInputDialog.getItem(parent, "Mock interview", question, options, 0, False)


def sessions_prompt_list(ctx: AppContext) -> list[sessions.PromptChoice]:
    with ctx.store.session() as session:
        return sessions.prompt_choices(session)
