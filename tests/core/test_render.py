"""Markdown rendering of untrusted content: nothing executable gets through, code is coloured."""

import pytest

from roadmap_desktop.core.render import render_markdown


def test_raw_html_is_shown_as_text() -> None:
    html = render_markdown("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
    ],
)
def test_script_links_are_not_links(link: str) -> None:
    html = render_markdown(f"[click]({link})")
    assert "<a" not in html and "click" in html


def test_web_links_stay_links() -> None:
    assert '<a href="https://nodejs.org/api/">docs</a>' in render_markdown(
        "[docs](https://nodejs.org/api/)"
    )


@pytest.mark.parametrize("lang", ["js", "javascript", "ts", "python", "sql", "sh", "json", "yaml"])
def test_fenced_code_is_highlighted_per_language(lang: str) -> None:
    samples = {
        "js": "const a = 1;",
        "javascript": "const a = 1;",
        "ts": "let a: number = 1;",
        "python": "def f(): return 1",
        "sql": "SELECT * FROM t;",
        "sh": "echo hi",
        "json": '{"a": 1}',
        "yaml": "a: 1",
    }
    html = render_markdown(f"```{lang}\n{samples[lang]}\n```")
    assert html.startswith("<pre") and 'style="color' in html


def test_light_and_dark_use_different_palettes() -> None:
    text = "```js\nconst answer = 42;\n```"
    light, dark = render_markdown(text), render_markdown(text, dark=True)
    assert light != dark


def test_unknown_languages_fall_back_to_escaped_text() -> None:
    html = render_markdown("```brainfuck-ish\n<b>x</b>\n```")
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>" not in html
