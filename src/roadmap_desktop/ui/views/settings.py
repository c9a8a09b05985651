"""Settings: appearance, where the data lives, backups, and content problems."""

from __future__ import annotations

from PySide6.QtCore import QTime, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from roadmap_desktop import __version__
from roadmap_desktop.core.errors import StoreError
from roadmap_desktop.core.plan.reminder import parse_time
from roadmap_desktop.core.srs.settings import LIMITS, StudySettings, load_settings, save_settings
from roadmap_desktop.core.store import backup as backups
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.views.base import Place, label
from roadmap_desktop.ui.widgets.export_dialog import ExportDialog

THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


class SettingsView(Place):
    title = "Settings"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        appearance = QGroupBox("Appearance")
        form = QFormLayout(appearance)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.theme = QComboBox()
        for mode, text in THEME_LABELS.items():
            self.theme.addItem(text, mode)
        self.theme.setCurrentIndex(self.theme.findData(ctx.theme.mode))
        self.theme.currentIndexChanged.connect(self._theme_chosen)
        self.theme.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        form.addRow("Theme", self.theme)
        self.body.addWidget(appearance)

        study = QGroupBox("Study")
        form = QFormLayout(study)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        with ctx.store.session() as session:
            current = load_settings(session)
        self.new_per_day = self._spin(0, LIMITS["new_per_day"][1], current.new_per_day)
        self.reviews_per_day = self._spin(0, LIMITS["reviews_per_day"][1], current.reviews_per_day)
        self.day_start = self._spin(0, 23, current.day_start_hour)
        self.day_start.setSuffix(":00")
        form.addRow("New cards a day", self.new_per_day)
        form.addRow("Reviews a day", self.reviews_per_day)
        form.addRow("The study day starts at", self.day_start)
        self.gate = QCheckBox("Hold a topic's new cards until a track you follow reaches it")
        self.gate.setChecked(current.gate_by_plan)
        self.gate.setToolTip("Only topics a followed track teaches wait; others are never held")
        form.addRow("", self.gate)
        for spin in (self.new_per_day, self.reviews_per_day, self.day_start):
            spin.valueChanged.connect(self._save_study)
        self.gate.toggled.connect(self._save_study)
        self.body.addWidget(study)

        remind = QGroupBox("Daily reminder")
        form = QFormLayout(remind)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.reminder_on = QCheckBox("Remind me while the app runs, if reviews or tasks are left")
        self.reminder_on.setChecked(ctx.settings.reminder_enabled)
        self.reminder_time = QTimeEdit()
        self.reminder_time.setDisplayFormat("HH:mm")
        try:
            at = parse_time(ctx.settings.reminder_time)
        except ValueError:
            at = parse_time("19:00")
        self.reminder_time.setTime(QTime(at.hour, at.minute))
        form.addRow("", self.reminder_on)
        form.addRow("At", self.reminder_time)
        self.reminder_on.toggled.connect(self._save_reminder)
        self.reminder_time.timeChanged.connect(self._save_reminder)
        self.body.addWidget(remind)

        data = QGroupBox("Your data")
        form = QFormLayout(data)
        db = ctx.store.sqlite_file or ctx.store.engine.url.render_as_string(hide_password=True)
        form.addRow("Data folder", label(str(ctx.paths.data_dir)))
        form.addRow("Database", label(str(db)))
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        open_folder = QPushButton("Open data folder")
        open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(ctx.paths.data_dir)))
        )
        self.backup_button = QPushButton("Back up now")
        self.backup_button.clicked.connect(self._backup_now)
        export = QPushButton("Export to Anki…")
        export.clicked.connect(lambda: ExportDialog(ctx, parent=self).exec())
        row.addWidget(open_folder)
        row.addWidget(self.backup_button)
        row.addWidget(export)
        row.addStretch(1)
        form.addRow("", buttons)
        self.backup_state = label("", "muted")
        form.addRow("Backups", self.backup_state)
        self.body.addWidget(data)

        content = QGroupBox("Content problems")
        box = QFormLayout(content)
        self.problems_summary = label("", "muted")
        self.problems = QListWidget()
        self.problems.setMinimumHeight(120)
        box.addRow(self.problems_summary)
        box.addRow(self.problems)
        self.body.addWidget(content)

        self.body.addWidget(label(f"roadmap-desktop {__version__}", "muted"))
        self.finish()
        ctx.content_checked.connect(self._show_problems)
        self.refresh()
        self._show_problems()

    def refresh(self) -> None:
        found = backups.list_backups(self.ctx.paths.backups_dir)
        if found:
            newest = found[0]
            self.backup_state.setText(
                f"{len(found)} kept in {self.ctx.paths.backups_dir}; newest "
                f"{newest.taken_at:%Y-%m-%d %H:%M} ({newest.kind})"
            )
        else:
            self.backup_state.setText("none yet: one is made when you close the app, once a day")

    @staticmethod
    def _spin(low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setKeyboardTracking(False)  # save on Enter or arrows, not on every digit
        return spin

    def _save_study(self) -> None:
        settings = StudySettings(
            new_per_day=self.new_per_day.value(),
            reviews_per_day=self.reviews_per_day.value(),
            day_start_hour=self.day_start.value(),
            gate_by_plan=self.gate.isChecked(),
        )
        with self.ctx.store.session() as session:
            save_settings(session, settings)
        self.ctx.status.emit("Study settings saved")
        self.ctx.data_changed.emit()

    def _save_reminder(self) -> None:
        self.ctx.settings.reminder_enabled = self.reminder_on.isChecked()
        self.ctx.settings.reminder_time = self.reminder_time.time().toString("HH:mm")
        self.ctx.settings.sync()
        self.ctx.reminder_changed.emit()
        self.ctx.status.emit(
            f"Daily reminder at {self.ctx.settings.reminder_time}"
            if self.reminder_on.isChecked()
            else "Daily reminder off"
        )

    def _theme_chosen(self) -> None:
        mode = self.theme.currentData()
        self.ctx.theme.set_mode(mode)
        self.ctx.settings.theme = mode

    def _backup_now(self) -> None:
        try:
            path = self.ctx.store.backup("manual")
        except (StoreError, OSError) as exc:
            self.ctx.status.emit(f"Backup failed: {exc}")
        else:
            self.ctx.status.emit(f"Backed up to {path}")
        self.refresh()

    def _show_problems(self) -> None:
        issues = self.ctx.content_issues
        self.problems.clear()
        for issue in issues:
            self.problems.addItem(str(issue))
        self.problems.setVisible(bool(issues))
        self.problems_summary.setText(
            f"{len(issues)} problems in the content files; everything else loaded."
            if issues
            else "All content files loaded without problems."
        )
