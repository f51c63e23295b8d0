"""How answers, sources and articles are rendered for the web chat, escaping included."""

from __future__ import annotations

from html.parser import HTMLParser
from types import SimpleNamespace

from bot.types import Answer, Citation
from ui import render

PAYLOADS = [
    "<script>window.pwned=1</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
    "[click me](javascript:window.pwned=1)",
    '![x](https://example.invalid/x.png" onerror="window.pwned=1)',
    '<a href="javascript:window.pwned=1">link</a>',
]


def citation(n: int, text: str, quote: str | tuple[str, ...], **kw) -> Citation:
    fields = dict(
        passage_id=f"a:{n}",
        article_id="a",
        title="Syria talks",
        source="syria.txt",
        paragraph=n,
        score=0.5,
        author="Amina Elghoubachi",
        published="2025-01-23",
    )
    fields.update(kw)
    quotes = (quote,) if isinstance(quote, str) else quote
    return Citation(n=n, text=text, quotes=quotes, **fields)


ALLOWED_TAGS = {
    "span",
    "div",
    "ol",
    "li",
    "p",
    "mark",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRS = {"class", "title", "data-n"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, attrs))


def assert_inert(markup: str) -> None:
    """Only our own tags and attributes are markup; anything from article/user text is text."""
    parser = _Tags()
    parser.feed(markup)
    for tag, attrs in parser.seen:
        assert tag in ALLOWED_TAGS, (tag, markup)
        for name, value in attrs:
            assert name in ALLOWED_ATTRS, (name, markup)
            assert "javascript" not in (value or "").lower(), markup


def test_answer_markers_are_styled_and_unknown_markers_dropped():
    a = Answer(
        "q",
        "Doha hosts the talks [1]. Also [7].",
        True,
        (citation(1, "They meet in Doha.", "They meet in Doha."),),
    )
    html = render.answer_message(a)
    assert '<span class="cite" title="source 1">[1]</span>' in html
    assert "[7]" not in html
    assert 'class="answer"' in html


def test_refusal_is_muted_and_has_no_sources():
    refusal = Answer("Who won the cup?", "The articles don't say.", False)
    assert 'class="refusal"' in render.answer_message(refusal)
    panel = render.sources_panel(refusal)
    assert "none" in panel and "<li" not in panel


def test_a_refusal_with_related_passages_shows_them_muted_and_not_as_sources():
    related = (
        citation(1, "The cup final was postponed. Rain fell.", "The cup final was postponed."),
    )
    answer = Answer(
        "Who won the cup?", "The articles don't say this directly.", False, related=related
    )
    message = render.answer_message(answer)
    assert 'class="refusal"' in message and 'class="related"' in message
    assert "The cup final was postponed." in message and "[1]" not in message
    panel = render.sources_panel(answer)
    assert "none" in panel and "postponed" not in panel  # related reading is not a source
    plain = render.answer_message(Answer("Who won the cup?", "The articles don't say.", False))
    assert 'class="related"' not in plain


def test_sources_follow_marker_order_with_metadata_and_highlight():
    c1 = citation(
        1,
        "First. The ministers meet in Doha on Saturday. Last.",
        "The ministers meet in Doha on Saturday.",
    )
    c2 = citation(
        2,
        "HTS is led by Abu Mohammed al-Jolani. More.",
        "HTS is led by Abu Mohammed al-Jolani.",
        paragraph=5,
    )
    a = Answer("q", "Jolani leads HTS [2]; they meet in Doha [1].", True, (c1, c2))
    panel = render.sources_panel(a)
    assert panel.index('data-n="2"') < panel.index('data-n="1"')
    assert "<mark>The ministers meet in Doha on Saturday.</mark>" in panel
    assert "First. <mark>" in panel and "</mark> Last." in panel
    assert "Amina Elghoubachi · 2025-01-23 · paragraph 5" in panel
    assert "Syria talks" in panel
    assert "For “q”" in panel  # which question these sources belong to


def test_quote_of_non_adjacent_sentences_marks_each():
    text = "One is here. Two is there. Three is everywhere."
    html = render.highlighted_passage(text, ("One is here.", "Three is everywhere."))
    assert html == "<mark>One is here.</mark> Two is there. <mark>Three is everywhere.</mark>"


def test_quote_not_found_is_shown_apart():
    html = render.highlighted_passage("The passage text.", "A paraphrase.")
    assert html.startswith("The passage text.")
    assert "<mark>A paraphrase.</mark>" in html


def test_payloads_in_article_text_title_quote_and_question_are_escaped():
    for payload in PAYLOADS:
        c = citation(
            1,
            f"Before {payload} after.",
            payload,
            title=payload,
            author=payload,
            published=payload,
            source=payload,
        )
        a = Answer(payload, f"{payload} [1]", True, (c,))
        for markup in (
            render.answer_message(a),
            render.sources_panel(a),
            render.user_message(payload),
            render.articles_table(
                [
                    SimpleNamespace(
                        id=payload,
                        title=payload,
                        author=payload,
                        published=payload,
                        source=payload,
                        passages=3,
                    )
                ]
            ),
            render.status_note(payload, "error"),
        ):
            assert_inert(markup)
        assert "&lt;" in render.sources_panel(a) or "<" not in payload


def test_escaped_text_keeps_markdown_syntax_as_characters():
    # The chat renders with render_markdown=False, so the brackets stay visible characters.
    html = render.user_message("![x](javascript:alert(1))\nsecond line")
    assert html == "![x](javascript:alert(1))<br>second line"


def test_articles_table_and_choices():
    rows = [
        SimpleNamespace(
            id="abc",
            title="Syria talks",
            author="A",
            published="2025-01-23",
            source="syria.txt",
            passages=30,
            outlet="Levant <Wire>",
        )
    ]
    table = render.articles_table(rows)
    assert "Syria talks" in table and ">30<" in table and "syria.txt" in table
    # outlet, author, date per article; the outlet escaped like every page text
    assert "<th>Outlet</th>" in table and "<td>Levant &lt;Wire&gt;</td><td>A</td>" in table
    assert render.article_choices(rows) == [("Syria talks — syria.txt", "abc")]
    assert "No articles" in render.articles_table([])
