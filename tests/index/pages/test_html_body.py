"""The body of a web page: trafilatura's lines (headings and list items kept, page furniture out),
completed only inside the page's own article element, on made-up pages."""

from __future__ import annotations

import pytest

from index.pages.html_article import read_html
from index.pages.html_body import complete_body, drop_headlines
from index.pages.html_doc import parse, strip_invisible

STORY = [
    "Volunteers planted four hundred oak saplings along the river path over the weekend in Dunmore.",
    "The parish council paid for the trees from a grant meant for flood defences on the lower meadow.",
    "Roots of the young oaks should hold the bank together when the river rises in the winter storms.",
    "A second planting day is planned for the spring if the saplings survive the first cold months.",
    "Schools in the valley will each adopt a stretch of the path and water the trees during summer.",
]
NEXT_STORY = [
    "The ferry company raised its winter fares by a tenth and blamed the price of fuel for the rise.",
    "Passengers on the island route said the new timetable leaves them stranded on Sunday evenings.",
]


def _paras(texts: list[str]) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def _doc(html: str):
    doc = parse(html)
    strip_invisible(doc)
    return doc


# (page around the story's paragraphs, what completing the first three must give)
CASES = {
    "the rest of one article element is added": (
        f"<article>{_paras(STORY[:3])}<div class='ad'>Advertisement</div>{_paras(STORY[3:])}"
        "</article>",
        STORY,
    ),
    "the next article of an infinite-scroll page stays out": (
        f"<article class='story'>{_paras(STORY[:3])}</article>"
        f"<article class='story'>{_paras(NEXT_STORY)}</article>",
        STORY[:3],
    ),
    "twins without article markup stay out": (
        f"<div class='chunk'>{_paras(STORY[:3])}</div><div class='chunk'>{_paras(NEXT_STORY)}</div>",
        STORY[:3],
    ),
    "a gallery caption inside the article stays out": (
        f"<article>{_paras(STORY[:3])}<div class='photo-gallery'>{_paras(NEXT_STORY[:1])}</div>"
        f"{_paras(STORY[3:])}</article>",
        STORY,
    ),
    "a figure caption inside the article stays out": (
        f"<article>{_paras(STORY[:3])}<figure><figcaption><p>{NEXT_STORY[0]}</p></figcaption>"
        f"</figure></article>",
        STORY[:3],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_completion_stays_inside_the_article_element(name):
    html, expected = CASES[name]
    doc = _doc(f"<html><body>{html}</body></html>")
    assert complete_body(doc, STORY[:3]) == expected


def test_headlines_and_list_items_stay_and_furniture_goes():
    html = (
        "<html><head><meta charset='utf-8'></head><body><article>"
        "<h1>Oaks planted along the river</h1><p>By Jo Marsh</p>"
        f"{_paras(STORY[:2])}<h2>What happens next</h2>"
        "<ul><li>Watering rota for the schools</li><li>Spring planting day</li></ul>"
        f"<p>Advertisement</p>{_paras(STORY[2:])}</article></body></html>"
    )
    paragraphs = read_html(html).paragraphs
    assert "What happens next" in paragraphs
    assert any("Watering rota" in p for p in paragraphs)
    assert not any(p in ("By Jo Marsh", "Advertisement") for p in paragraphs)
    assert "Oaks planted along the river" not in paragraphs
    assert paragraphs[0] == STORY[0] and paragraphs[-1] == STORY[-1]


@pytest.mark.parametrize(
    ("lines", "title", "kept"),
    [
        (["Oaks planted along the river", STORY[0]], "", [STORY[0]]),
        (["Oaks Planted Along The River!", STORY[0]], "", [STORY[0]]),
        (["River oaks", STORY[0]], "River oaks", [STORY[0]]),
        (["Oaks planted", STORY[0]], "", ["Oaks planted", STORY[0]]),
    ],
)
def test_the_headline_is_no_body_line(lines, title, kept):
    doc = _doc("<html><body><h1>Oaks planted along the river</h1></body></html>")
    assert drop_headlines(doc, lines, title) == kept
