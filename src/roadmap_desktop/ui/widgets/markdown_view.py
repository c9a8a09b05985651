"""A read-only Markdown view: rendered by core.render, links opened in the system browser."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from roadmap_desktop.core.render import document_css, render_markdown

SAFE_SCHEMES = ("http", "https", "mailto")


class MarkdownView(QTextBrowser):
    """Shows Markdown; re-renders on theme change. Only http(s)/mailto links ever open."""

    link_refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._dark = False
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open)

    def set_markdown(self, text: str) -> None:
        self._text = text
        self._render()

    def markdown(self) -> str:
        return self._text

    def set_dark(self, dark: bool) -> None:
        if dark != self._dark:
            self._dark = dark
            self._render()

    def _render(self) -> None:
        self.document().setDefaultStyleSheet(document_css(self._dark))
        self.setHtml(render_markdown(self._text, dark=self._dark))

    def _open(self, url: QUrl) -> None:
        if url.scheme().lower() in SAFE_SCHEMES:
            QDesktopServices.openUrl(url)
        else:
            self.link_refused.emit(url.toString())
