"""Chrome stripping on scraped pages of different shapes: body paragraphs, metadata, no chrome."""

from __future__ import annotations

import pytest

from index.pages.articles import load_article
from index.pages.chrome import plain_markdown
from index.pages.page_text import split_page
from tests.conftest import PAGES, SEED_FILE

# Expected body and metadata per page, and chrome fragments that must not reach any paragraph.
CASES = {
    "harbor_cable_scrape.txt": {
        "paragraphs": 7,
        "title": "Harbor Town Approves Offshore Wind Cable Landing After Two-Year Fight",
        "author": "Jane Doe",
        "published": "2024-03-03",
        "reading_time": "5 min read",
        "first": "The town council of Pell Harbor voted 5 to 2",
        "last": "State energy officials welcomed the vote",
        "chrome": [
            "Home | World",
            "Subscribe",
            "Sign in",
            "CLIMATE / ENERGY",
            "Published:",
            "By Jane Doe",
            "5 min read",
            "Advertisement",
            "Photo:",
            "Credit: Tom Reyes",
            "Related stories",
            "Offshore wind auctions draw record bids",
            "Share this article",
            "Tags:",
            "©",
            "All rights reserved",
            "Privacy Policy",
        ],
    },
    "glacier_intake.md": {
        "paragraphs": 6,
        "title": "Glacier Retreat Forces Alpine Village to Move Its Water Intake",
        "author": "Marco Bellini",
        "published": "2023-06-12",
        "reading_time": "4 min read",
        "first": "The village of Valdora, population 1,340,",
        "last": "Glaciologists warn that the lake itself may not last.",
        "chrome": [
            "#",
            "*",
            "](",
            "By Marco Bellini",
            "Correspondent",
            "Updated 12 June 2023",
            "4 min read",
            "Share on X",
            "Engineers race the melt",
            "---",
            "Related:",
            "Ski resorts turn to snow farming",
            "Copyright",
        ],
    },
    "rail_strike_lines.txt": {
        "paragraphs": 6,
        "title": "Rail workers call off Thursday strike after late-night pay deal",
        "author": "Ahmed Karimi and Lucy Chen",
        "published": "2024-03-05",
        "reading_time": "",
        "first": "Rail workers have called off the strike planned for Thursday",
        "last": "Passenger groups asked the operator to restore the full timetable quickly.",
        "chrome": [
            "Skip to main content",
            "Menu",
            "Union accepts a 6.5 per cent rise",
            "By Ahmed",
            "Updated 10:42 GMT",
            "Listen to this article",
            "READ MORE",
            "Commuters face weeks",
            "More on this story",
            "Why rail disputes last so long",
            "WhatsApp",
            "Copy link",
        ],
    },
    "metro_fares.html": {
        "paragraphs": 7,
        "title": "City Halves Metro Fares for Students in Pilot Scheme",
        "author": "Samuel Okafor",
        "published": "2023-11-20",
        "reading_time": "6 min read",
        "first": "Students in Brackton will pay half price",
        "last": "The committee will publish an evaluation after the first year",
        "chrome": [
            "The Daily Ledger",
            "Subscribe now",
            "Home",
            "Politics",
            "By Samuel Okafor",
            "6 min read",
            "Share on Facebook",
            "Photo: Ledger staff",
            "A metro train pulls into",
            "Tags:",
            "Related stories",
            "New bus lanes on Mill Road",
            "Sign up for the morning",
            "delivered to your inbox",
            "All rights reserved",
            "Privacy policy",
        ],
    },
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_body_and_metadata(name):
    case = CASES[name]
    article = load_article(PAGES / name)
    assert len(article.paragraphs) == case["paragraphs"]
    assert article.title == case["title"]
    assert article.author == case["author"]
    assert article.published == case["published"]
    assert article.reading_time == case["reading_time"]
    assert article.paragraphs[0].startswith(case["first"])
    assert article.paragraphs[-1].startswith(case["last"])
    for paragraph in article.paragraphs:
        for chrome in case["chrome"]:
            assert chrome not in paragraph, (chrome, paragraph)


def test_seed_page():
    article = load_article(SEED_FILE)
    assert len(article.paragraphs) == 29
    assert article.title == "As Syrian Rebels’ Gain Ground, Is the Balance of Power Shifting?"
    assert (article.author, article.published, article.reading_time) == (
        "Amina Elghoubachi",
        "2025-01-23",
        "8 Mins Read",
    )
    assert article.published_text == "Thursday, January 23, 2025"
    for paragraph in article.paragraphs:
        for chrome in ("NEWS 24H", "Previous Article", "Next Article", "8 Mins Read", "\n"):
            assert chrome not in paragraph


def test_markdown_inline_syntax_keeps_only_text():
    assert plain_markdown("See [the report](https://x.org/r) and **this** ![pic](a.png)") == (
        "See the report and this "
    )
    assert plain_markdown("snake_case_name stays, 3*4*5 too") == "snake_case_name stays, 3*4*5 too"


def test_hard_wrapped_paragraphs_are_joined_and_a_subheading_is_not_a_paragraph():
    text = (
        "# A Title For The Page\n\n"
        "First paragraph line one is long enough to be wrapped text here,\n"
        "and it carries on to the end of the sentence on this line.\n\n"
        "## A sub-heading\n\n"
        "Second paragraph also wraps its words across two physical lines,\n"
        "ending only here with a full stop like real prose does.\n"
    )
    parts = split_page(text)
    assert parts.title == "A Title For The Page"
    assert len(parts.paragraphs) == 2
    assert parts.paragraphs[0].endswith("on this line.") and "\n" not in parts.paragraphs[0]


def test_byline_forms():
    for line, author in [
        ("By Jane Doe, Staff Writer", "Jane Doe"),
        ("By Ann Poe and Tim Roe | 3 min read", "Ann Poe and Tim Roe"),
        ("Author: Li Wei", "Li Wei"),
    ]:
        body = "\n".join(
            ["Some Headline About Things Here", line, ""]
            + [
                f"Paragraph {n} says something long enough to count as prose in an article, truly."
                for n in range(3)
            ]
        )
        assert split_page(body).author == author, line


def test_published_beats_updated_date():
    text = "Updated: April 2, 2024 | Published: March 30, 2024\n" + "\n".join(
        f"Body paragraph {n} is long enough to be prose and ends with a stop." for n in range(3)
    )
    assert split_page(text).published_text == "March 30, 2024"


def test_a_short_one_line_paragraph_inside_the_body_is_kept():
    lines = [
        f"Paragraph {n} of the story carries enough words to count as real prose." for n in range(4)
    ]
    lines.insert(2, "He declined to comment.")
    parts = split_page("\n".join(lines))
    assert parts.paragraphs[2] == "He declined to comment." and len(parts.paragraphs) == 5
