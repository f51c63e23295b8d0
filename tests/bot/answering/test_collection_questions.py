"""Questions about the articles themselves with several indexed (fake embeddings, made-up pages):
the article named by its outlet, author, date or topic; its byline, date or outlet quoted from
its metadata passage; a close call asked back; the collection answered as a cited list."""

from __future__ import annotations

import pytest

import index
from bot.answering.about import parse
from bot.answering.resolve import date_asked
from bot.service import Bot
from ui.settings import Settings

FILLER = (
    "Harbour officials gave the figures at a briefing for residents and traders on the quay. "
    "They said work would be checked by inspectors every week until the end of the season."
)
PAGES = {
    "fees.html": (
        "Quay Post",
        "Lena Okafor",
        "4 March 2024",
        "Berth fees to rise for boats longer than twelve metres",
        "Owners of boats longer than twelve metres will pay higher berth fees from next month, "
        "the harbour office said, with the money going to dredging.",
    ),
    "light.html": (
        "Harbour Gazette",
        "Tomas Eriksen",
        "18 March 2024",
        "Repairs begin on the north cape lighthouse",
        "Masons started repairs on the north cape lighthouse, whose lamp room was damaged in "
        "the January storms, and the lighthouse will stay dark until June.",
    ),
    "run.html": (
        "Harbour Gazette",
        "Marit Holm",
        "2 November 2023",
        "Marathon route moved to follow the old sea wall",
        "Next year's marathon will follow the old sea wall instead of the ring road, organisers "
        "said, after runners complained about traffic fumes.",
    ),
    "ferry.html": (
        "Quay Post",
        "",
        "20 January 2024",
        "Three electric ferries ordered for the island crossing",
        "The island council ordered three electric ferries for the crossing, which will be "
        "charged at a new berth near the lighthouse.",
    ),
}


def _html(outlet: str, author: str, date: str, title: str, lead: str) -> str:
    byline = f"<p class='byline'>By {author}</p>" if author else ""
    return (
        f"<html><head><meta property='og:site_name' content='{outlet}'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{byline}<time>{date}</time>"
        f"<p>{lead}</p><p>{FILLER}</p><p>{FILLER.replace('week', 'month')}</p></article></body></html>"
    )


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    from tests.fakes import HashingEmbeddings

    root = tmp_path_factory.mktemp("collection")
    folder = root / "articles"
    folder.mkdir()
    for name, fields in PAGES.items():
        (folder / name).write_text(_html(*fields), encoding="utf-8")
    settings = Settings(data_dir=root / "data", articles_dir=folder)
    embeddings = HashingEmbeddings()
    index.build(settings, embeddings)
    return Bot(settings, embeddings=embeddings)


ONE_ARTICLE = [
    # (question, what the answer must hold)
    ("Who penned the Quay Post op-ed on berth fees for long boats?", "Author: Lena Okafor"),
    ("Whose name is on the Gazette piece about lighthouse repairs?", "Author: Tomas Eriksen"),
    (
        "On which day did the Harbour Gazette put out its story on the marathon route?",
        "2 November 2023",
    ),
    (
        "Which newspaper carried the article about the lamp room of the lighthouse?",
        "Harbour Gazette",
    ),
    ("When was Holm's story published?", "2 November 2023"),
    ("Who wrote the March 18 article?", "Author: Tomas Eriksen"),
    (
        "What is the headline of the Quay Post story about the island crossing?",
        "Three electric ferries",
    ),
    ("Who's the writer behind the Quay Post's coverage of berth fees?", "Author: Lena Okafor"),
    ("what day did the harbour gazette's piece on the sea wall run", "2 November 2023"),
    # A year in the topic is the topic's, not the article's date (this one ran in 2023):
    ("Who wrote the Gazette story about the marathon route for 2024?", "Author: Marit Holm"),
]


@pytest.mark.parametrize("question,expected", ONE_ARTICLE)
def test_the_described_article_is_found_and_its_metadata_cited(bot, question, expected):
    a = bot.answer(question)
    assert a.answered and expected in a.text, a.text
    assert all(c.paragraph == 0 for c in a.citations) and len(a.text) <= 500


@pytest.mark.parametrize("follow", ["Who penned it?", "And who wrote that piece?"])
def test_a_follow_up_asks_about_the_article_of_the_previous_answer(bot, follow):
    first = bot.answer("On what date did the Gazette run its piece on the lighthouse repairs?")
    assert "18 March 2024" in first.text
    a = bot.answer(follow, history=[(first.question, first.text)])
    assert a.answered and a.text.startswith("Author: Tomas Eriksen"), a.text


def test_a_missing_byline_is_declined_not_borrowed(bot):
    a = bot.answer("Who wrote the Quay Post story about the electric ferries for the island?")
    assert not a.answered and a.citations == () and "Three electric ferries" in a.text


def test_two_articles_that_fit_are_named_and_asked_back(bot):
    a = bot.answer("Who wrote the Harbour Gazette article?")
    assert not a.answered and "Repairs begin" in a.text and "Marathon route" in a.text


def test_an_article_nobody_indexed_is_declined(bot):
    a = bot.answer("Who wrote the story about the volcano eruption in the mountains?")
    assert not a.answered and a.citations == ()


COLLECTION = [
    (
        "How many of the stories mention the lighthouse?",
        "2 of the 4",
        ("Repairs begin", "Three electric"),
    ),
    ("Which publications wrote about berth fees?", "1 outlet", ("Quay Post",)),
    ("List the pieces from March 2024", "2 articles", ("Repairs begin", "Berth fees")),
    ("Which articles did Marit Holm write?", "1 article", ("Marathon route",)),
    ("Do any articles mention the dredging?", "1 article", ("Berth fees",)),
]


@pytest.mark.parametrize("question,head,names", COLLECTION)
def test_questions_about_the_collection_get_a_cited_list(bot, question, head, names):
    a = bot.answer(question)
    assert a.answered and a.text.startswith(head), a.text
    assert all(n in a.text for n in names)
    assert a.citations and all(c.paragraph == 0 for c in a.citations)


def test_nothing_in_the_collection_fits(bot):
    a = bot.answer("How many articles mention volcanoes?")
    assert not a.answered and a.citations == () and "4 indexed articles" in a.text


@pytest.mark.parametrize(
    "question,field,collection",
    [
        ("Who penned the Post op-ed on fees?", "author", ""),
        ("Which site ran the piece about the storm?", "outlet", ""),
        ("When did the Gazette put its story about the storm online?", "published", ""),
        ("On what date did the Gazette publish its column on tides?", "published", ""),
        ("When was the Gazette column on tides last updated?", "updated", ""),
        ("How many articles talk about tides?", "", "count"),
        ("Which pieces are by Holm?", "", "list"),
        ("Which outlets reported on the storm?", "", "outlets"),
        ("Who wrote the national anthem?", None, None),
        ("How many stories tall is the new hotel?", None, None),
        ("Who leads the harbour office?", None, None),
        ("When was the report on tides released?", "published", ""),  # weak noun: needs a cue
        # About what an article reports, not about the article:
        ("When was the vaccine released, according to the story about the trial?", None, None),
        ("Who wrote the letter quoted in the article about the strike?", None, None),
        ("Which site was shelled, according to the piece about the border?", None, None),
        ("Where was the suspect from, according to the article about the raid?", None, None),
        ("Who was credited with the winning goal in the story about the final?", None, None),
        ("Which journalists were detained?", None, None),
        ("How many articles of the treaty were amended?", None, None),
        ("Which newspaper will now print opinion pieces on tides?", None, None),  # no one article
        ("Which app expanded its link-sharing feature?", None, None),
        ("Which author wrote the novel?", None, None),
        ("Which correspondent wrote about the storm?", "author", ""),
        ("Which paper reported on the tides?", None, None),  # "paper" alone may be a study
        ("Which newspaper first reported that the pier would close?", "outlet", ""),
        ("When did the Gazette report on the storm?", "published", ""),
        ("Who was the Gazette piece on tides written by?", "author", ""),
        ("Which reporters wrote stories about the strike?", "", "authors"),
        ("Which sites ran stories about the strike?", "", "outlets"),
    ],
)
def test_what_a_question_about_articles_asks(question, field, collection):
    about = parse(question)
    if field is None:
        assert about is None
    else:
        assert about is not None and (about.field, about.collection) == (field, collection)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("the January 19 article", ("", 1, 19)),
        ("pieces from 2021", ("2021", 0, 0)),
        ("on 8 March 2020", ("2020", 3, 8)),
        ("the march on the capital", ("", 0, 0)),
        ("May I ask who wrote it", ("", 0, 0)),
    ],
)
def test_dates_a_question_names(text, expected):
    d = date_asked(text)
    assert (d.year, d.month, d.day) == expected


def test_an_index_read_before_outlets_existed_is_brought_up_to_date(tmp_path):
    from index.storage.store import Store
    from tests.fakes import HashingEmbeddings

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "fees.html").write_text(_html(*PAGES["fees.html"]), encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", articles_dir=folder)
    embeddings = HashingEmbeddings()
    index.build(settings, embeddings)
    store = Store(settings)
    col = store.client.get_collection(store.require_live().collection)
    got = col.get(include=["metadatas"])
    old = [dict(m, outlet="") for m in got["metadatas"]]
    col.update(ids=got["ids"], metadatas=old)  # what an older reader wrote
    assert index.status(settings).articles[0].outlet == ""
    summary = index.build(settings, embeddings)
    assert (summary.updated, summary.added) == (1, 0)
    assert index.status(settings).articles[0].outlet == "Quay Post"
    assert index.build(settings, embeddings).unchanged == 1  # and then it stays put
