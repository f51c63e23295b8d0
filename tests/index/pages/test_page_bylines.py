"""Bylines, dates and outlets where pages print them unlike the dev pages: below the body, a lone
"By" on its own line, a desk as the author, share widgets and other stories' bylines next to the
real one, a date at the end of a long standfirst; and the outlet from the page, its address or
its file name. Made-up pages, one trap each."""

from __future__ import annotations

import pytest

from index.pages.outlets import choose, host_in_name, label, names
from tests.index.pages.test_page_meta import ld, load, page

HEADLINE = "<h1>Harbour pier will open to ferries next May</h1>"
STANDFIRST = (
    "The long-delayed pier on the north quay is finally due to open, the harbour authority told "
    "traders and residents at a packed meeting in the town hall on Tuesday evening | 3 February 2022"
)

BYLINE_CASES = [
    # (what the page prints, head, header, after the body, expected authors)
    ("byline below the body", "", HEADLINE, "<p>By Tomas Eriksen</p>", ("Tomas Eriksen",)),
    (
        "author label below the body",
        "",
        HEADLINE,
        "<p>Author: Tomas Eriksen</p><p>Date: 12 June 2023</p>",
        ("Tomas Eriksen",),
    ),
    ("a lone By line", "", HEADLINE + "<p>By</p><p>Lena Okafor</p>", "", ("Lena Okafor",)),
    ("a desk", "", HEADLINE + "<p class='byline'>By News Desk</p>", "", ("News Desk",)),
    (
        "share widget in the byline",
        "",
        HEADLINE + "<div class='byline'>By Lena Okafor Share Tweet Email</div>",
        "",
        ("Lena Okafor",),
    ),
    (
        "widget words before the byline",
        "",
        HEADLINE + "<div class='author-box'>Share Tweet By Lena Okafor</div>",
        "",
        ("Lena Okafor",),
    ),
    (
        "a related story's byline between headline and body",
        "",
        HEADLINE
        + "<div class='related-links'><p>Quay closed again</p><p>By Piet Vermeulen</p></div>"
        + "<p>By Lena Okafor</p>",
        "",
        ("Lena Okafor",),
    ),
    (
        "a printed name the page does not declare",
        ld(**{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Lena Okafor"}}),
        HEADLINE + "<p class='byline'>By Lena Okafor</p><p class='author'>By Marit Holm</p>",
        "",
        ("Lena Okafor",),
    ),
    (
        "other stories listed after the body",
        "",
        HEADLINE,
        "<aside><h2>More news</h2><ul><li><p>By Piet Vermeulen</p></li></ul></aside>",
        (),
    ),
]


@pytest.mark.parametrize(
    "head,header,after,expected", [c[1:] for c in BYLINE_CASES], ids=[c[0] for c in BYLINE_CASES]
)
def test_bylines_wherever_printed(tmp_path, head, header, after, expected):
    html = page(head, header).replace("</article>", f"{after}</article>")
    assert load(tmp_path, html).authors == expected


DATE_CASES = [
    ("dated line below the body", "", HEADLINE, "<p>Date: 12 June 2023</p>", "2023-06-12"),
    ("date closing a long standfirst", "", HEADLINE + f"<p>{STANDFIRST}</p>", "", "2022-02-03"),
    (
        "declared date before a date below the body",
        "<meta property='article:published_time' content='2021-05-06T08:00:00Z'>",
        HEADLINE,
        "<p>Posted 9 September 2021</p>",
        "2021-05-06",
    ),
    (
        "a day in the address only",
        "<link rel='canonical' href='https://quaypost.com/2021/07/04/pier'>",
        HEADLINE,
        "",
        "2021-07-04",
    ),
    # The footer's copyright year is no publication date.
    ("no date at all", "", HEADLINE, "", ""),
]


@pytest.mark.parametrize(
    "head,header,after,expected", [c[1:] for c in DATE_CASES], ids=[c[0] for c in DATE_CASES]
)
def test_dates_wherever_printed(tmp_path, head, header, after, expected):
    html = page(head, header).replace("</article>", f"{after}</article>")
    assert load(tmp_path, html).published == expected


OUTLET_CASES = [
    (
        "og:site_name",
        "<meta property='og:site_name' content='Harbour Gazette'>",
        "a.html",
        "Harbour Gazette",
    ),
    (
        "JSON-LD publisher",
        ld(**{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Quay Post"}}),
        "a.html",
        "Quay Post",
    ),
    (
        "canonical address",
        "<link rel='canonical' href='https://www.quaypost.co.uk/x'>",
        "a.html",
        "quaypost.co.uk",
    ),
    (
        "the <title>'s suffix after the headline",
        "<title>Harbour pier will open to ferries next May - North Quay Post</title>"
        "<link rel='canonical' href='https://nqp.example/x'>",
        "a.html",
        "North Quay Post",
    ),
    ("file named after its site", "", "news.quaypost.com.pier-story.html", "news.quaypost.com"),
    ("nothing says", "", "pier-story.html", ""),
]


@pytest.mark.parametrize(
    "head,file,expected", [c[1:] for c in OUTLET_CASES], ids=[c[0] for c in OUTLET_CASES]
)
def test_outlet_of_a_page(tmp_path, head, file, expected):
    assert load(tmp_path, page(head, HEADLINE), name=file).outlet == expected


@pytest.mark.parametrize(
    "phrase,outlet,expected",
    [
        ("the Quay Post", "Quay Post", True),
        ("Harbour Gazette", "The Harbour Gazette News", True),
        ("North Sea Herald", "nshherald.com", False),
        ("North Sea Herald", "nsherald.com", True),
        ("NSH", "North Sea Herald", True),
        ("Herald", "nsherald.com", False),
        ("Financial Times", "ft.com", True),
        ("Times", "ft.com", False),
        ("Gazette", "Quay Post", False),
    ],
)
def test_a_phrase_names_an_outlet_by_name_host_or_abbreviation(phrase, outlet, expected):
    assert names(phrase, outlet) is expected


def test_hosts_from_addresses_and_file_names():
    assert host_in_name("edition.example.com.pier.html") == "edition.example.com"
    assert host_in_name("quaypost.co.uk.fees.html") == "quaypost.co.uk"
    assert host_in_name("20240105_pier-story.txt") == host_in_name("my.notes.txt") == ""
    assert label("edition.example.com") == "example" and label("quaypost.co.uk") == "quaypost"
    assert choose(["@quaypost", "Quay Post"], []) == "Quay Post"
    assert choose([], ["", "https://www.quaypost.com/a"]) == "quaypost.com"


def test_an_update_printed_beside_the_publication_date_is_kept(tmp_path):
    header = HEADLINE + "<p>Published 4 March 2024 | Last updated 9 March 2024, 10:02</p>"
    a = load(tmp_path, page("", header))
    assert (a.published, a.updated_text) == ("2024-03-04", "9 March 2024")
    # An "Updated" date that is the only one shown is the publication date, not an update.
    a = load(tmp_path, page("", HEADLINE + "<p>Updated 9 March 2024</p>"))
    assert (a.published, a.updated_text) == ("2024-03-09", "")
