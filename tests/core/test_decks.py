"""The deck format: cards parsed with fences respected; every problem located at file:line."""

from hypothesis import given, settings
from hypothesis import strategies as st

from roadmap_desktop.core.content.decks import parse_deck


def parse(text: str):
    return parse_deck(text.encode(), "decks/x.md")


def test_cards_with_tags_and_fenced_code() -> None:
    result = parse(
        '+++\ndeck = "Node.js :: Streams"\ntags = ["streams"]\n+++\n'
        "# Streams\n\n"
        "## pipeline-vs-pipe\ntags: backpressure, error-handling\n\n"
        "Why prefer `pipeline`?\n\n```js\n## not a heading\n---\n```\n\n---\n\n"
        "It forwards errors and destroys every stream.\n"
    )
    assert result.issues == []
    [card] = result.cards
    assert card.key == "pipeline-vs-pipe"
    assert card.deck == "Node.js::Streams"
    assert card.tags == ("streams", "backpressure", "error-handling")
    assert card.front.endswith("```js\n## not a heading\n---\n```")
    assert card.back == "It forwards errors and destroys every stream."
    assert card.line == 7


def test_missing_front_matter_skips_the_file_at_line_1() -> None:
    result = parse("## a-card\nq\n---\na\n")
    assert result.failed and result.cards == []
    assert [(i.line, "front matter" in i.message) for i in result.issues] == [(1, True)]


def test_unclosed_front_matter() -> None:
    result = parse('+++\ndeck = "A"\n\n## a-card\nq\n---\na\n')
    assert result.failed
    assert "never closed" in result.issues[0].message


def test_invalid_toml_in_front_matter_points_at_its_line() -> None:
    result = parse('+++\ndeck = "A"\ntags = [unquoted]\n+++\n## a-card\nq\n---\na\n')
    assert result.failed
    [issue] = result.issues
    assert issue.line == 3 and "not valid TOML" in issue.message
    assert str(issue).startswith("decks/x.md:3: error:")


def test_missing_deck_name() -> None:
    result = parse('+++\ntags = ["a"]\n+++\n## a-card\nq\n---\na\n')
    assert result.failed and "deck" in result.issues[0].message


def test_invalid_utf8_names_the_line_and_skips_the_file() -> None:
    data = b'+++\ndeck = "A"\n+++\n## a-card\nq\n---\nna\xefve \xff\n'
    result = parse_deck(data, "decks/x.md")
    assert result.failed and result.cards == []
    [issue] = result.issues
    assert issue.line == 7 and "UTF-8" in issue.message


def test_a_bad_card_costs_only_that_card() -> None:
    result = parse(
        '+++\ndeck = "A"\n+++\n'
        "## good-one\nq\n---\na\n"
        "## empty-front\n\n---\nanswer\n"
        "## no-separator\njust a question\n"
        "## empty-back\nq\n---\n\n"
        "## Bad Key!\nq\n---\na\n"
        "## also-good\nq2\n---\na2\n"
    )
    assert [c.key for c in result.cards] == ["good-one", "also-good"]
    located = {(i.line, i.message.split(" ")[1]) for i in result.issues}
    assert located == {
        (8, "'empty-front'"),
        (12, "'no-separator'"),
        (14, "'empty-back'"),
        (18, "key"),
    }
    assert result.protected_keys == {"empty-front", "no-separator", "empty-back"}


def test_text_before_the_first_card_is_reported() -> None:
    result = parse('+++\ndeck = "A"\n+++\nstray words\n## a-card\nq\n---\na\n')
    assert [c.key for c in result.cards] == ["a-card"]
    assert result.issues[0].line == 4


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_input_gives_cards_or_located_errors_never_a_crash(data: bytes) -> None:
    for candidate in (data, b'+++\ndeck = "A"\n+++\n' + data):
        result = parse_deck(candidate, "decks/fuzz.md")
        lines = candidate.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        for issue in result.issues:
            assert issue.file == "decks/fuzz.md"
            assert issue.line is not None and 1 <= issue.line <= lines
        for card in result.cards:
            assert card.front.strip() and card.back.strip()
