"""Web pages: the title, byline and date the page prints, and the whole body, on made-up pages
that each carry one trap real pages have (SEO titles, CMS names, site suffixes, publisher-as-
author, bylines borrowed from related stories, metadata dates that differ from the printed one,
bodies split by advertisements)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.pages.articles import ArticleError, load_article
from index.pages.bylines import split_names, strip_site
from index.pages.page_dates import read_date

SENTENCES = [
    "The harbour authority said on Tuesday that the new pier would open to ferries in May next year.",
    "Officials expect the pier to handle about 40 sailings a day once the second berth is finished.",
    "Local traders welcomed the plan but asked for more parking near the terminal building on the quay.",
    "The council will vote on the final budget for the project at its meeting later this month.",
    "Construction crews have already started to drive the first steel piles into the harbour bed.",
    "A public consultation on the design drew more than two thousand responses from residents.",
]


def page(
    head: str = "",
    header: str = "",
    body: list[str] | None = None,
    after: str = "",
    ad_split: bool = False,
) -> str:
    paragraphs = body or SENTENCES
    if ad_split:
        half = len(paragraphs) // 2
        chunks = [paragraphs[:half], paragraphs[half:]]
        inner = '<div class="ad-slot">Advertisement</div>'.join(
            '<div class="body-chunk">' + "".join(f"<p>{p}</p>" for p in c) + "</div>"
            for c in chunks
        )
    else:
        inner = '<div class="body-chunk">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<main><article>{header}{inner}</article>{after}</main>"
        "<footer>© 2024 Harbour Gazette. All rights reserved.</footer></body></html>"
    )


def ld(**fields) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@context": "https://schema.org", **fields})}</script>'


def load(tmp_path: Path, html: str, name: str = "story.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return load_article(path)


def test_the_printed_headline_beats_seo_and_cms_titles(tmp_path):
    head = (
        "<title>Pier to open next May - Harbour Gazette</title>"
        "<meta property='og:title' content='New pier opens in May'>"
        "<meta property='og:site_name' content='Harbour Gazette'>"
        + ld(**{"@type": "NewsArticle", "headline": "escenic"})
    )
    a = load(tmp_path, page(head, "<h1>Harbour pier will open to ferries next May</h1>"))
    assert a.title == "Harbour pier will open to ferries next May"


def test_a_logo_h1_is_not_the_headline_and_site_suffixes_and_dates_go(tmp_path):
    head = (
        "<title>Harbour pier will open next May | Harbour Gazette | 12.03.2024</title>"
        "<meta property='og:site_name' content='Harbour Gazette'>"
    )
    a = load(tmp_path, page(head, "<h1>Harbour Gazette</h1>"))
    assert a.title == "Harbour pier will open next May"
    assert strip_site("Pier opens - Reuters", {"reuters"}) == "Pier opens"
    assert strip_site("Pier opens | DW | 12.03.2021", {"dw"}) == "Pier opens"
    assert (
        strip_site("Harbour pier opens - and traders cheer", {"dw"})
        == "Harbour pier opens - and traders cheer"
    )


def test_the_printed_byline_beats_the_publisher_as_declared_author(tmp_path):
    head = "<meta property='og:site_name' content='Harbour Gazette'>" + ld(
        **{
            "@type": "NewsArticle",
            "headline": "Harbour pier will open next May",
            "author": {"@type": "Organization", "name": "Harbour Gazette"},
        }
    )
    header = (
        "<h1>Harbour pier will open next May</h1>"
        "<p class='byline'>By Mara Lindqvist, Transport Correspondent</p>"
    )
    a = load(tmp_path, page(head, header))
    assert a.authors == ("Mara Lindqvist",) and a.author == "Mara Lindqvist"


def test_no_byline_borrows_no_name_from_related_stories(tmp_path):
    related = (
        "<aside class='related'><h2>More from the Gazette</h2><ul>"
        "<li><a href='/a'>Ferry fares rise again</a><span class='byline'>By Poppy Platt</span></li>"
        "<li><a href='/b'>Quay closed for repairs</a><span class='byline'>By Poppy Platt</span></li>"
        "</ul></aside>"
    )
    a = load(tmp_path, page("", "<h1>Harbour pier will open next May</h1>", after=related))
    assert a.authors == () and a.author == ""


def test_a_desk_byline_counts_when_no_person_is_named(tmp_path):
    head = "<meta property='og:site_name' content='Harbour Gazette'>"
    header = "<h1>Harbour pier will open next May</h1><div class='byline'>Harbour Gazette March 4, 2024</div>"
    assert load(tmp_path, page(head, header)).authors == ("Harbour Gazette",)


def test_a_declared_author_shown_without_by_and_several_authors(tmp_path):
    head = "<meta name='author' content='Mara Lindqvist'>"
    header = (
        "<h1>Harbour pier will open next May</h1><a href='/p/ml'>Mara Lindqvist</a><div>Staff</div>"
    )
    assert load(tmp_path, page(head, header)).authors == ("Mara Lindqvist",)
    header = "<h1>Harbour pier will open next May</h1><p>By JOHN SMITH and Ana de la Cruz</p>"
    assert load(tmp_path, page("", header)).authors == ("John Smith", "Ana de la Cruz")
    assert split_names(
        "By Evan HalperStaff Writer".replace("HalperStaff", "Halper Staff"), set()
    ) == (["Evan Halper"], [])


def test_the_printed_date_beats_metadata_years_later(tmp_path):
    head = "<meta property='article:published_time' content='2026-02-01T10:00:00Z'>"
    header = "<h1>Harbour pier will open next May</h1><time>4 March 2020</time>"
    a = load(tmp_path, page(head, header))
    assert (a.published, a.published_text) == ("2020-03-04", "4 March 2020")


def test_published_beats_updated_and_an_updated_date_alone_counts(tmp_path):
    header = (
        "<h1>Harbour pier will open next May</h1>"
        "<p>Updated March 9, 2024</p><p>Published March 4, 2024</p>"
    )
    assert load(tmp_path, page("", header)).published == "2024-03-04"
    header = (
        "<h1>Harbour pier will open next May</h1><p>Updated 2010 GMT (0410 HKT) March 9, 2024</p>"
    )
    head = "<meta property='article:published_time' content='2024-03-04T10:00:00Z'>"
    assert load(tmp_path, page(head, header)).published == "2024-03-09"


def test_numeric_dates_use_the_declared_day_to_settle_the_order():
    assert read_date("01.21.2020 07:00 AM") == ("01.21.2020", "2020-01-21")
    assert read_date("21/01/2020") == ("21/01/2020", "2020-01-21")
    assert read_date("03/04/2020", hint="2020-04-03")[1] == "2020-04-03"
    assert read_date("03/04/2020")[1] == "2020-03-04"


def test_with_nothing_printed_the_declared_date_stands(tmp_path):
    head = ld(
        **{
            "@type": "NewsArticle",
            "headline": "Harbour pier will open next May",
            "datePublished": "2024-03-04T08:00:00Z",
        }
    )
    a = load(tmp_path, page(head, "<h1>Harbour pier will open next May</h1>"))
    assert a.published == "2024-03-04"


def test_a_body_split_by_an_advertisement_is_read_whole(tmp_path):
    a = load(tmp_path, page("", "<h1>Harbour pier will open next May</h1>", ad_split=True))
    assert list(a.paragraphs) == SENTENCES


def test_page_chrome_stays_out_of_the_body(tmp_path):
    after = (
        "<section class='comments'><p>Great news for the town, I have waited years for this pier "
        "to be built and I hope it opens on time.</p></section>"
    )
    a = load(tmp_path, page("", "<h1>Harbour pier will open next May</h1>", after=after))
    assert list(a.paragraphs) == SENTENCES


def test_a_page_rendered_by_javascript_has_no_body(tmp_path):
    html = (
        "<html><head><title>Live: storm updates</title></head><body><div id='root'></div>"
        "<figure><figcaption>Waves break over the sea wall on Tuesday.</figcaption></figure>"
        "<script>render()</script></body></html>"
    )
    with pytest.raises(ArticleError, match="no article body found"):
        load(tmp_path, html)


def test_a_saved_page_keeps_the_url_it_was_saved_from(tmp_path):
    html = "<!-- saved from url=(0034)https://gazette.example/pier.html -->\n" + page(
        "", "<h1>Harbour pier will open next May</h1>"
    )
    a = load(tmp_path, html)
    assert (a.source, a.file, a.url) == (
        "https://gazette.example/pier.html",
        "story.html",
        "https://gazette.example/pier.html",
    )
