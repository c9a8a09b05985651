"""The export dialog: a real export off the GUI thread, and plain errors in the dialog."""

import zipfile
from pathlib import Path

from PySide6.QtCore import Qt

from roadmap_desktop.core.export.anki import ExportReport
from roadmap_desktop.ui.context import AppContext
from roadmap_desktop.ui.widgets.export_dialog import ExportDialog


def test_exporting_chosen_decks(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    dialog = ExportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.by_deck.setChecked(True)
    for i in range(dialog.decks.count()):
        if dialog.decks.item(i).text().startswith("Node.js::"):
            dialog.decks.item(i).setCheckState(Qt.CheckState.Checked)
    out = tmp_path / "node.apkg"
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.done_export, timeout=30000) as done:
        dialog.export_button.click()
    report = done.args[0]
    assert isinstance(report, ExportReport) and report.notes >= 30
    assert all(deck.startswith("Node.js::") for deck in report.decks)
    assert zipfile.ZipFile(out).testzip() is None
    assert dialog.show_folder.isVisibleTo(dialog), '"Show in folder" is offered'
    assert "notes in" in dialog.message.text()


def test_errors_are_shown_in_the_dialog(qtbot, ctx: AppContext, tmp_path: Path) -> None:
    dialog = ExportDialog(ctx, query="tag:no-such-topic")
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "none.apkg"))
    with qtbot.waitSignal(dialog.done_export, timeout=30000):
        dialog.export_button.click()
    assert "holds no cards" in dialog.message.text()

    dialog.everything.setChecked(True)
    dialog.path.setText(str(tmp_path / "missing" / "x.apkg"))
    with qtbot.waitSignal(dialog.done_export, timeout=30000):
        dialog.export_button.click()
    assert "no such folder" in dialog.message.text()

    dialog.by_deck.setChecked(True)
    with qtbot.waitSignal(dialog.done_export, timeout=2000):
        dialog.export_button.click()
    assert "Tick at least one deck" in dialog.message.text()
