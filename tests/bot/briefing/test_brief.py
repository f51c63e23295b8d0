"""Briefings on small made-up articles with fake embeddings: each section, date resolution across
a year boundary, name merging, duplicate merging across two articles, safe Markdown, the CLI."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from bot.briefing.build import brief_corpus
from bot.briefing.render import to_markdown
from bot.briefing.timeline import resolve_year
from bot.corpus import Corpus
from index.pages.articles import Article, article_id
from index.storage.passages import article_passages

pytestmark = pytest.mark.nlp  # names come from the spaCy pipeline (small; ~1 s to load)

HARBOUR = (
    (
        "Transport Minister Clara Voss opened the new container terminal at the port of Valmora on "
        "Monday, saying it would double the harbour's capacity within five years."
    ),
    (
        "The terminal was built by the Northern Harbour Construction Group (NHCG), a consortium of "
        "three local firms that has worked on the port since 1998."
    ),
    (
        "Since December 28, dock workers have staged rolling strikes over pay. The National Dock "
        "Workers Union (NDWU), which represents about 4,000 workers, says wages have not kept up "
        "with prices."
    ),
    (
        "Voss said the government would meet the NDWU on February 3 to discuss a new pay agreement. "
        "The union's leader, Marco Iles, said the strikes would continue until then."
    ),
    (
        "The port of Valmora handled 2.1 million containers in 2023, up from 1.6 million in 2019. "
        "Most of the traffic comes from ships sailing between Lisbon and the port of Rotterdam."
    ),
    (
        "Local residents in the town of Brenholt, next to the terminal, have complained about noise "
        "from night shifts. Brenholt's mayor, Ana Petrova, asked NHCG to build a sound wall along the "
        "quay road."
    ),
    (
        "Analysts at the Coastal Freight Institute said the terminal would make Valmora the largest "
        "port in the region, ahead of Lisbon. The institute expects traffic to grow by a third by 2030."
    ),
    (
        "The strike has already delayed several ships, and exporters in Valmora warn that a long "
        "dispute could push shipping lines to move their routes to Rotterdam."
    ),
)
# The same wire story as rewritten by a second outlet: two sentences nearly verbatim.
HARBOUR_WIRE = (
    (
        "Dock workers at Valmora have staged rolling strikes over pay since December 28, their union "
        "said on Thursday."
    ),
    (
        "Transport Minister Clara Voss opened the new container terminal at the port of Valmora on "
        "Monday, saying it would double the harbour's capacity within five years."
    ),
    (
        "The National Dock Workers Union (NDWU) said it would meet the government on February 3. "
        "Union officials said talks with employers had broken down in November."
    ),
)


def make_article(paragraphs, title, published="2025-01-10") -> Article:
    return Article(
        id=article_id(paragraphs),
        source=f"{title}.txt",
        title=title,
        author="",
        published=published,
        published_text=published,
        reading_time="",
        paragraphs=tuple(paragraphs),
    )


def corpus_of(*articles: Article) -> Corpus:
    return Corpus.from_passages([p for a in articles for p in article_passages(a)])


@pytest.fixture
def harbour():
    return make_article(HARBOUR, "Valmora terminal opens amid dock strikes")


def _cited_verbatim(b, entry) -> bool:
    by_n = {c.n: c for c in b.citations}
    return all(n in by_n for n in entry.citations) and entry.text in by_n[entry.citations[0]].text


def test_every_entry_is_a_verbatim_cited_sentence(harbour, fake_embeddings):
    b = brief_corpus(corpus_of(harbour), fake_embeddings)
    entries = b.key_points + b.people + b.timeline + b.places
    assert entries and all(e.citations and _cited_verbatim(b, e) for e in entries)
    assert [c.n for c in b.citations] == list(range(1, len(b.citations) + 1))
    by_n = {c.n: c for c in b.citations}
    for c in b.citations:
        assert c.article_id == harbour.id and c.quotes
    for e in entries:
        assert e.text in by_n[e.citations[0]].quotes  # the citation quotes the line it backs


def test_key_points_are_five_to_seven_distinct_sentences_in_reading_order(harbour, fake_embeddings):
    corpus = corpus_of(harbour)
    b = brief_corpus(corpus, fake_embeddings)
    texts = [e.text for e in b.key_points]
    assert 5 <= len(texts) <= 7 and len(set(texts)) == len(texts)
    body = [
        s for i, p in enumerate(corpus.passages) if p.kind == "body" for s in corpus.sentences(i)
    ]
    positions = [body.index(t) for t in texts]
    assert positions == sorted(positions)
    # Coverage, not the lead: points come from across the article, not its first paragraphs.
    paragraphs = {c.paragraph for c in b.citations if c.n in {e.citations[0] for e in b.key_points}}
    assert max(paragraphs) >= 6 and len(paragraphs) >= 4


def test_who_is_who_merges_titles_surnames_and_abbreviations(harbour, fake_embeddings):
    b = brief_corpus(corpus_of(harbour), fake_embeddings)
    people = {e.label: e for e in b.people}
    voss = people["Clara Voss"]
    assert voss.kind == "person" and "Voss" in voss.aliases
    assert voss.detail == "Transport Minister Clara Voss" and voss.detail in voss.text
    union = people["National Dock Workers Union (NDWU)"]
    assert union.kind == "organisation" and "which represents about 4,000 workers" in union.detail
    assert people["Northern Harbour Construction Group (NHCG)"].detail.startswith("a consortium")
    assert not any(label in people for label in ("NDWU", "NHCG", "Voss"))  # merged, not repeated
    assert "Ana Petrova" in people and "Brenholt" not in people


def test_places_are_places_with_their_describing_sentence(harbour, fake_embeddings):
    b = brief_corpus(corpus_of(harbour), fake_embeddings)
    places = {e.label: e for e in b.places}
    assert {"Valmora", "Brenholt", "Lisbon", "Rotterdam"} <= set(places)
    assert "Clara Voss" not in places and "NDWU" not in places
    assert "the town of Brenholt" in places["Brenholt"].text


ROYAL_VISIT = (
    ("The Duke of Lancaster toured the flood defences of Carlisle on Tuesday."),
    (
        "Heavy rain had fallen across Carlisle and other parts of the North since early January, the "
        "river agency said Monday."
    ),
    ("Reached last week by phone, the agency's director declined to comment on the repairs."),
)


def test_timeline_leaves_out_remarks_and_the_reporting(fake_embeddings):
    a = make_article(ROYAL_VISIT, "Duke visits flooded town", published="2025-01-16")
    b = brief_corpus(corpus_of(a), fake_embeddings)
    labels = {e.label for e in b.timeline}
    assert "Tuesday" in labels or "on Tuesday" in labels  # the tour: an event
    assert not labels & {"Monday", "last week"}  # "said Monday"; the reporter's call


def test_timeline_resolves_dates_across_a_year_boundary_in_date_order(harbour, fake_embeddings):
    b = brief_corpus(corpus_of(harbour), fake_embeddings)
    timeline = [(e.label, e.date) for e in b.timeline]
    assert ("December 28", "2024-12-28") in timeline  # "Since December 28" in a January article
    assert ("February 3", "2025-02-03") in timeline  # "would meet ... on February 3": ahead
    assert ("1998", "1998") in timeline and ("2030", "2030") in timeline
    dates = [d for _, d in timeline]
    assert dates == sorted(dates, key=lambda d: tuple(int(x) for x in d.split("-")))
    assert not any(label.startswith(("2.1", "4,000", "1.6")) for label, _ in timeline)


@pytest.mark.parametrize(
    "published, context, month, day, year",
    [
        ("2025-01-10", "Since December 28, workers have struck.", 12, 28, 2024),
        ("2024-12-20", "The line will open on January 6.", 1, 6, 2025),
        # a past tense that would put the day a year back when it could be days ahead was read
        # from another clause (measured on timebank_dates_dev: "payable Dec. 7" in October)
        ("2024-12-20", "Talks began on January 6.", 1, 6, 2025),
        ("2024-11-20", "Talks began on October 6.", 10, 6, 2024),
        ("2024-03-01", "The plant closed on September 30.", 9, 30, 0),  # 5 months: a guess
        ("2025-03-01", "The vote on March 15 is close.", 3, 15, 2025),
        ("2024-03-01", "He was born on February 29.", 2, 29, 2024),
        ("", "On May 2 the plan was announced.", 5, 2, None),
    ],
)
def test_resolve_year(published, context, month, day, year):
    assert resolve_year(month, day, published, context) == year


def test_yearless_date_without_publication_date_is_kept_unresolved(fake_embeddings):
    a = make_article(HARBOUR, "Undated copy", published="")
    b = brief_corpus(corpus_of(a), fake_embeddings)
    undated = [e for e in b.timeline if e.label == "December 28"]
    assert undated and undated[0].date == "" and b.timeline[-1].date == ""  # sorted last


def test_two_articles_make_one_briefing_with_duplicates_merged(harbour, fake_embeddings):
    wire = make_article(HARBOUR_WIRE, "Dock strike talks set", published="2025-01-11")
    b = brief_corpus(corpus_of(harbour, wire), fake_embeddings, [harbour.id, wire.id])
    assert b.article_ids == (harbour.id, wire.id)
    article_of = {c.n: c.article_id for c in b.citations}
    opening = "Transport Minister Clara Voss opened the new container terminal"
    lines = [e for e in b.key_points + b.people if e.text.startswith(opening)]
    assert lines, "the shared sentence is used"
    for e in lines:  # said once, citing both articles
        assert {article_of[n] for n in e.citations} == {harbour.id, wire.id}
    all_texts = [e.text for e in b.key_points]
    assert len(all_texts) == len(set(all_texts))
    assert sum(e.text.startswith(opening) for e in b.key_points) <= 1
    assert {c.article_id for c in b.citations} == {harbour.id, wire.id}
    # The short article gets its share of key points, not crowded out by the long one.
    assert {article_of[e.citations[-1]] for e in b.key_points} == {harbour.id, wire.id}


def test_key_point_quotas_share_points_by_article_size():
    from bot.briefing.keypoints import quotas
    from bot.briefing.sentences import Unit

    units = [Unit(f"s{i}", i, (0,), ("long",), "") for i in range(60)]
    units += [
        Unit(f"t{i}", 60 + i, (1,), (name,), "") for name in ("a", "b", "c") for i in range(5)
    ]
    q = quotas(units, 7)
    assert q == {"long": 4, "a": 1, "b": 1, "c": 1}
    assert sum(quotas(units[:60], 7).values()) == 7


def test_article_ids_by_prefix_and_unknown_ids(harbour, fake_embeddings):
    corpus = corpus_of(harbour)
    assert brief_corpus(corpus, fake_embeddings, [harbour.id[:6]]).article_ids == (harbour.id,)
    with pytest.raises(ValueError, match="no indexed article"):
        brief_corpus(corpus, fake_embeddings, ["ffffffffffff0000"])


def test_markdown_keeps_article_markup_as_text(fake_embeddings):
    evil = list(HARBOUR)
    evil[0] = (
        "Transport Minister Clara Voss <script>alert(1)</script> opened the terminal at "
        "Valmora ![x](javascript:alert(1)) on Monday, saying it would double capacity."
    )
    b = brief_corpus(corpus_of(make_article(evil, "Evil <b>title</b>")), fake_embeddings)
    md = to_markdown(b)
    assert "<script>" not in md and "<b>" not in md and "![x]" not in md
    assert r"\<script\>" in md and "# Briefing:" in md and "## Timeline" in md
    for e in b.key_points:
        assert "".join(f"[{n}]" for n in e.citations) in md


def test_cli_brief_prints_text_markdown_and_json(harbour, fake_embeddings, monkeypatch):
    import bot.service
    import index
    from ui.cli import cli

    class FakeBot:
        def brief(self, ids):
            return brief_corpus(corpus_of(harbour), fake_embeddings, ids)

    monkeypatch.setattr(index, "ensure_built", lambda *a, **k: None)
    monkeypatch.setattr(bot.service, "default_bot", lambda settings=None: FakeBot())
    runner = CliRunner()
    plain = runner.invoke(cli, ["brief"])
    assert (
        plain.exit_code == 0
        and "KEY POINTS" in plain.output
        and "December 28 (2024-12-28)" in plain.output
    )
    md = runner.invoke(cli, ["brief", harbour.id[:8], "--markdown"])
    assert md.exit_code == 0 and md.output.startswith("# Briefing:")
    data = json.loads(runner.invoke(cli, ["brief", "--json"]).output)
    assert set(data) >= {"key_points", "people", "timeline", "places", "citations"}
    assert all(re.fullmatch(r"\d{4}(-\d\d){0,2}", e["date"]) for e in data["timeline"])
    bad = runner.invoke(cli, ["brief", "nope"])
    assert bad.exit_code == 2 and "no indexed article" in bad.output
    both = runner.invoke(cli, ["brief", "--json", "--markdown"])
    assert both.exit_code != 0


def test_bot_brief_is_still_the_function_once_the_module_is_loaded():
    import bot
    import bot.briefing.build

    assert callable(bot.brief) and bot.brief.__module__ == "bot"
