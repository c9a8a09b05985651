"""Light and dark palettes on the Fusion style, following the system scheme unless overridden."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

MODES = ("system", "light", "dark")

_LIGHT = {
    "window": "#f5f6f8",
    "base": "#ffffff",
    "alt": "#eef0f3",
    "text": "#1f2328",
    "muted": "#59636e",
    "button": "#eceef1",
    "highlight": "#2f6fdb",
    "link": "#0b5cad",
    "tooltip": "#ffffff",
    "border": "#c9ced6",
}
_DARK = {
    "window": "#1e2024",
    "base": "#16181b",
    "alt": "#24272c",
    "text": "#e6e8eb",
    "muted": "#9aa3ad",
    "button": "#2b2e34",
    "highlight": "#3d7be0",
    "link": "#7cb7ff",
    "tooltip": "#2b2e34",
    "border": "#3a3f47",
}


def colors(dark: bool) -> dict[str, str]:
    return dict(_DARK if dark else _LIGHT)


def palette(dark: bool) -> QPalette:
    c = {k: QColor(v) for k, v in colors(dark).items()}
    p = QPalette()
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, role.Window, c["window"])
        p.setColor(group, role.WindowText, c["text"])
        p.setColor(group, role.Base, c["base"])
        p.setColor(group, role.AlternateBase, c["alt"])
        p.setColor(group, role.Text, c["text"])
        p.setColor(group, role.Button, c["button"])
        p.setColor(group, role.ButtonText, c["text"])
        p.setColor(group, role.Highlight, c["highlight"])
        p.setColor(group, role.HighlightedText, QColor("#ffffff"))
        p.setColor(group, role.Link, c["link"])
        p.setColor(group, role.ToolTipBase, c["tooltip"])
        p.setColor(group, role.ToolTipText, c["text"])
        p.setColor(group, role.PlaceholderText, c["muted"])
        p.setColor(group, role.BrightText, QColor("#ff6b6b"))
        p.setColor(group, role.Mid, c["border"])
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, c["muted"])
    p.setColor(disabled, role.Base, c["window"])
    p.setColor(disabled, role.Button, c["window"])
    return p


class ThemeManager(QObject):
    """Owns the mode (system/light/dark) and applies the palette; emits changed(dark)."""

    changed = Signal(bool)

    def __init__(self, app: QApplication, mode: str = "system") -> None:
        super().__init__(app)
        self._app = app
        self._mode = mode if mode in MODES else "system"
        style = app.style()
        if style is None or style.name().lower() != "fusion":  # often already the default
            app.setStyle("Fusion")
        app.styleHints().colorSchemeChanged.connect(self._on_system_change)
        self._dark = self._resolve()
        self._apply()

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def dark(self) -> bool:
        return self._dark

    def muted_brush(self) -> QBrush:
        """For de-emphasised rows (suspended cards)."""
        return QBrush(QColor(colors(self._dark)["muted"]))

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown theme mode {mode!r}")
        self._mode = mode
        self._update()

    def _resolve(self) -> bool:
        if self._mode != "system":
            return self._mode == "dark"
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark

    def _on_system_change(self, _scheme: Qt.ColorScheme) -> None:
        if self._mode == "system":
            self._update()

    def _update(self) -> None:
        dark = self._resolve()
        if dark != self._dark:
            self._dark = dark
            self._apply()
            self.changed.emit(dark)

    def _apply(self) -> None:
        self._app.setPalette(palette(self._dark))
        c = colors(self._dark)
        self._app.setStyleSheet(
            f"QListWidget#nav {{ background: {c['alt']}; border: none; padding-top: 8px;"
            " outline: 0; }"
            f" QListWidget#nav::item {{ padding: 8px 14px; border-radius: 6px; margin: 1px 6px; }}"
            f" QListWidget#nav::item:selected {{ background: {c['highlight']}; color: white;"
            " border: none; }"
            f" QListWidget#nav::item:hover:!selected {{ background: {c['button']}; }}"
            f" QLabel[role='title'] {{ font-size: 20pt; font-weight: 600; }}"
            f" QLabel[role='muted'] {{ color: {c['muted']}; }}"
            f" QLabel[role='figure'] {{ font-size: 22pt; font-weight: 600; }}"
            f" QFrame[role='card'] {{ background: {c['base']}; border: 1px solid {c['border']};"
            f" border-radius: 8px; }}"
            f" QFrame[role='notice'] {{ background: {c['alt']}; border: 1px dashed {c['border']};"
            f" border-radius: 8px; }}"
        )
