"""The start-up baseline: a bare PySide6 window that quits right after its first Paint.

It uses the same mechanism as `roadmap_desktop --exit-after-first-frame` (an event filter on
the window, then ``QTimer.singleShot(0, app.quit)``), so the only difference measured is
what the app itself does before its first frame.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer, qVersion
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class FirstFrameWindow(QMainWindow):
    """A QMainWindow with one label that quits the application after it is first painted."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self._app = app
        self._frame_seen = False
        self.setCentralWidget(QLabel("bare window"))
        self.resize(1180, 760)  # the app's default size, so both paint the same area
        self.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if watched is self and not self._frame_seen and event.type() == QEvent.Type.Paint:
            self._frame_seen = True
            QTimer.singleShot(0, self._app.quit)
        return super().eventFilter(watched, event)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = FirstFrameWindow(app)
    window.show()
    code = app.exec()
    print(f"first-frame platform={app.platformName()} qt={qVersion()} pid={os.getpid()}")
    return code


if __name__ == "__main__":
    sys.exit(main())
