"""A small code editor: line numbers, JavaScript highlighting from Pygments' lexer, two-space
indentation, and a way to jump to a line (for clickable stack frames)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from roadmap_desktop.ui.theme import colors

INDENT = "  "
# Token families from Pygments and their colours (light, dark).
_PALETTE = {
    "Keyword": ("#8250df", "#c792ea"),
    "Name.Builtin": ("#0550ae", "#82aaff"),
    "Name.Function": ("#6639ba", "#82aaff"),
    "Literal.String": ("#0a3069", "#c3e88d"),
    "Literal.Number": ("#0550ae", "#f78c6c"),
    "Comment": ("#6e7781", "#7f8c98"),
    "Operator": ("#cf222e", "#89ddff"),
}


class JavaScriptHighlighter(QSyntaxHighlighter):
    """Colours each line with Pygments' JavaScript lexer; a block comment spanning lines is
    tracked with the block state so the lines inside it stay grey."""

    def __init__(self, document: QTextDocument, dark: bool) -> None:
        super().__init__(document)
        from pygments.lexers import JavascriptLexer

        self._lexer = JavascriptLexer(stripnl=False, ensurenl=False)
        self.set_dark(dark)

    def set_dark(self, dark: bool) -> None:
        self._formats: dict[str, QTextCharFormat] = {}
        for family, (light_colour, dark_colour) in _PALETTE.items():
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(dark_colour if dark else light_colour))
            if family == "Comment":
                fmt.setFontItalic(True)
            self._formats[family] = fmt
        self.rehighlight()

    def _format_for(self, token: object) -> QTextCharFormat | None:
        name = str(token).removeprefix("Token.")
        while name:
            if name in self._formats:
                return self._formats[name]
            name = name.rpartition(".")[0]
        return None

    def highlightBlock(self, text: str) -> None:
        inside = self.previousBlockState() == 1
        start = 0
        if inside:
            end = text.find("*/")
            if end < 0:
                self.setFormat(0, len(text), self._formats["Comment"])
                self.setCurrentBlockState(1)
                return
            self.setFormat(0, end + 2, self._formats["Comment"])
            start = end + 2
        position = start
        for token, value in self._lexer.get_tokens(text[start:]):
            fmt = self._format_for(token)
            if fmt is not None:
                self.setFormat(position, len(value), fmt)
            position += len(value)
        opened = text.rfind("/*", start)
        self.setCurrentBlockState(1 if opened >= 0 and text.find("*/", opened) < 0 else 0)
        if self.currentBlockState() == 1:
            self.setFormat(opened, len(text) - opened, self._formats["Comment"])


class _LineNumbers(QWidget):
    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.editor.paint_gutter(event)


class CodeEditor(QPlainTextEdit):
    def __init__(self, dark: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 2)
        self._gutter = _LineNumbers(self)
        self._dark = dark
        self.highlighter = JavaScriptHighlighter(self.document(), dark)
        self.blockCountChanged.connect(lambda _n: self._update_margins())
        self.updateRequest.connect(self._scroll_gutter)
        self.cursorPositionChanged.connect(self._highlight_line)
        self._update_margins()

    def set_dark(self, dark: bool) -> None:
        self._dark = dark
        self.highlighter.set_dark(dark)
        self._highlight_line()
        self._gutter.update()

    # -- gutter ------------------------------------------------------------------------------

    def gutter_width(self) -> int:
        digits = max(3, len(str(self.blockCount())))
        return 12 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margins(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        palette = colors(self._dark)
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), QColor(palette["alt"]))
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        bottom = top + round(self.blockBoundingRect(block).height())
        current = self.textCursor().blockNumber()
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible() and bottom >= event.rect().top():
                painter.setPen(QColor(palette["text"] if number == current else palette["muted"]))
                painter.drawText(
                    0,
                    top,
                    self._gutter.width() - 6,
                    self.fontMetrics().height(),
                    Qt.AlignmentFlag.AlignRight,
                    str(number + 1),
                )
            block = block.next()
            top = bottom
            bottom = top + round(self.blockBoundingRect(block).height())
            number += 1
        painter.end()

    def _highlight_line(self) -> None:
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(QColor("#2a2d33" if self._dark else "#f0f3f8"))
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = self.textCursor()
        selection.cursor.clearSelection()
        self.setExtraSelections([selection])

    # -- editing -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Tab and not event.modifiers():
            self.insertPlainText(INDENT)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            line = self.textCursor().block().text()
            indent = line[: len(line) - len(line.lstrip(" "))]
            if line.rstrip().endswith(("{", "[", "(")):
                indent += INDENT
            super().keyPressEvent(event)
            self.insertPlainText(indent)
            return
        super().keyPressEvent(event)

    def go_to_line(self, line: int, column: int = 1) -> None:
        """Put the cursor at a 1-based line and column and show it."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=max(0, column - 1))
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()
