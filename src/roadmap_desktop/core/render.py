"""Markdown to HTML for QTextBrowser: markdown-it-py with raw HTML off, Pygments for code.

QTextBrowser understands a subset of HTML/CSS and no external stylesheets with classes on
spans, so code is highlighted with inline styles, and the palette is chosen per theme.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt

LIGHT_STYLE = "friendly"
DARK_STYLE = "monokai"
# Languages the curriculum uses; others fall back to plain, escaped text.
LANGUAGE_ALIASES = {
    "js": "javascript",
    "mjs": "javascript",
    "cjs": "javascript",
    "ts": "typescript",
    "py": "python",
    "shell": "bash",
    "sh": "bash",
    "console": "bash",
    "yml": "yaml",
}


@lru_cache(maxsize=2)
def _renderer(dark: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("table")
    md.enable("strikethrough")
    md.options["highlight"] = lambda code, lang, _attrs: highlight(code, lang, dark)
    return md


def highlight(code: str, language: str, dark: bool) -> str:
    """A complete <pre> block with inline-styled spans (empty string lets markdown-it escape)."""
    from pygments import highlight as pyg_highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.styles import get_style_by_name
    from pygments.util import ClassNotFound

    style = get_style_by_name(DARK_STYLE if dark else LIGHT_STYLE)
    background = style.background_color
    name = LANGUAGE_ALIASES.get(language.strip().lower(), language.strip().lower())
    try:
        lexer = get_lexer_by_name(name) if name else None
    except ClassNotFound:
        lexer = None
    if lexer is None:
        body = escape(code)
        color = "#f8f8f2" if dark else "#1f2328"
        body = f'<span style="color:{color}">{body}</span>'
    else:
        formatter: Any = HtmlFormatter(style=style, noclasses=True, nowrap=True)
        body = str(pyg_highlight(code, lexer, formatter))
    return (
        f'<pre style="background-color:{background}; padding:8px; '
        f"font-family:'DejaVu Sans Mono','Menlo','Consolas',monospace;\">{body}</pre>\n"
    )


def render_markdown(text: str, *, dark: bool = False) -> str:
    """Render untrusted Markdown: raw HTML shows as text and javascript: links are dropped."""
    return str(_renderer(dark).render(text))


def document_css(dark: bool) -> str:
    """Base CSS for QTextDocument.setDefaultStyleSheet (element selectors only)."""
    code_bg = "#2d2f36" if dark else "#eef1f4"
    link = "#7cb7ff" if dark else "#0b5cad"
    rule = "#555a64" if dark else "#c9ced6"
    return (
        f"code {{ background-color: {code_bg}; font-family: 'DejaVu Sans Mono', monospace; }}"
        f" a {{ color: {link}; }}"
        f" th, td {{ border: 1px solid {rule}; padding: 3px 6px; }}"
        " table { border-collapse: collapse; }"
    )
