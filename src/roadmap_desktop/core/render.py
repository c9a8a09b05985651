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


@lru_cache(maxsize=3)
def _renderer(dark: bool, classes: bool = False) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.enable("table")
    md.enable("strikethrough")
    if classes:
        md.options["highlight"] = lambda code, lang, _attrs: highlight_classes(code, lang)
    else:
        md.options["highlight"] = lambda code, lang, _attrs: highlight(code, lang, dark)
    return md


def _lexer(language: str) -> Any:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    name = LANGUAGE_ALIASES.get(language.strip().lower(), language.strip().lower())
    try:
        return get_lexer_by_name(name) if name else None
    except ClassNotFound:
        return None


def highlight_classes(code: str, language: str) -> str:
    """Code as <pre class="highlight"> with Pygments' CSS classes, for HTML that carries its
    own stylesheet (Anki's cards, where night mode must recolour code)."""
    from pygments import highlight as pyg_highlight
    from pygments.formatters import HtmlFormatter

    lexer = _lexer(language)
    if lexer is None:
        body = escape(code)
    else:
        body = str(pyg_highlight(code, lexer, HtmlFormatter(nowrap=True)))
    return f'<pre class="highlight"><code>{body}</code></pre>\n'


def highlight_css(selector: str, dark: bool) -> str:
    """Pygments' rules for code under ``selector``, in the light or dark palette."""
    from pygments.formatters import HtmlFormatter

    formatter: Any = HtmlFormatter(style=DARK_STYLE if dark else LIGHT_STYLE)
    return str(formatter.get_style_defs(selector))


def highlight(code: str, language: str, dark: bool) -> str:
    """A complete <pre> block with inline-styled spans (empty string lets markdown-it escape)."""
    from pygments import highlight as pyg_highlight
    from pygments.formatters import HtmlFormatter
    from pygments.styles import get_style_by_name

    style = get_style_by_name(DARK_STYLE if dark else LIGHT_STYLE)
    background = style.background_color
    lexer = _lexer(language)
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


def render_markdown(text: str, *, dark: bool = False, classes: bool = False) -> str:
    """Render untrusted Markdown: raw HTML shows as text and javascript: links are dropped.
    ``classes``: highlight code with CSS classes instead of inline colours."""
    return str(_renderer(dark and not classes, classes).render(text))


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
