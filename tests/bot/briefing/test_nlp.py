"""The NLP layer's merging rules, relative dates, key-point statements and the briefing scorer,
on made-up text; only the tests marked ``nlp`` load the spaCy pipeline."""

from __future__ import annotations

import pytest

from bot import nlp
from bot.briefing.date_tense import dates_a_remark
from bot.briefing.keypoints import about_the_reporting, is_statement
from bot.briefing.relative_dates import RELATIVE, resolve
from bot.briefing.types import BriefEntry, Briefing
from bot.evaluation.brief_score import names_match, score_article


def _m(where, form, label, start=0):
    return nlp.mention(where, nlp.Entity(form, label, start, start + len(form)))


@pytest.mark.parametrize(
    "mentions, label, aliases, kind",
    [
        ([("Priya Raman", "PERSON"), ("Raman", "PERSON")], "Priya Raman", ("Raman",), "person"),
        ([("Dr Raman", "PERSON"), ("Priya Raman", "PERSON")], "Priya Raman", ("Raman",), "person"),
        ([("Priya Raman", "PERSON"), ("Priya", "PERSON")], "Priya Raman", ("Priya",), "person"),
        (
            [("the Coastal Freight Institute", "ORG"), ("CFI", "ORG")],
            "Coastal Freight Institute (CFI)",
            (),
            "organisation",
        ),
        (
            [("Brenholt", "GPE"), ("Brenholt", "ORG"), ("Brenholt’s", "GPE")],
            "Brenholt",
            (),
            "place",
        ),
    ],
)
def test_mentions_merge_into_one_name(mentions, label, aliases, kind):
    found = [_m(k, form, lab) for k, (form, lab) in enumerate(mentions)]
    names = nlp.names([f for f in found if f])
    assert len(names) == 1
    assert (names[0].label, names[0].aliases, names[0].kind) == (label, aliases, kind)


def test_a_surname_two_people_share_stays_apart():
    found = [_m(0, "Ann Holt", "PERSON"), _m(1, "Ben Holt", "PERSON"), _m(2, "Holt", "PERSON")]
    assert len(nlp.names(found)) == 3


@pytest.mark.parametrize(
    "text, published, tense, date",
    [
        ("The ferry sank on Tuesday.", "2023-06-09", "past", "2023-06-06"),
        ("The vote is on Tuesday.", "2023-06-09", "future", "2023-06-13"),
        ("He arrived on Friday.", "2023-06-09", "past", "2023-06-09"),
        ("She resigned in November.", "2023-03-02", "past", "2022-11"),
        ("Talks resume in November.", "2023-08-02", "future", "2023-11"),
        # any phrase relative to the day of writing, at the precision of its unit
        ("Sales fell last year.", "2023-06-09", "past", "2022"),
        ("The plant opens next month.", "2023-12-20", "future", "2024-01"),
        ("The deal closed two weeks ago.", "2023-06-09", "past", "2023-05"),
        ("Prices will rise later this year.", "2023-06-09", "future", "2023"),
        ("Three days ago the dam burst.", "2023-06-09", "past", "2023-06-06"),
        ("YESTERDAY the dam burst.", "2023-06-09", "past", "2023-06-08"),
        ("Profits rose last quarter.", "2023-02-10", "past", "2022"),
        ("The show returns next summer.", "2023-09-01", "future", "2024"),
        ("Talks resume this September.", "2023-02-01", "", "2023-09"),
        ("Prices rose last month.", "2023-01-15", "past", "2022-12"),
        ("The report came out yesterday.", "2023-01-01", "past", "2022-12-31"),
        ("In 2004 she left, in mid-August.", "2023-01-01", "past", "2004-08"),
    ],
)
def test_relative_dates_resolve_against_publication(text, published, tense, date):
    m = next(RELATIVE.finditer(text))
    assert resolve(m, published, tense)[0] == date


@pytest.mark.parametrize(
    "text, published",
    [
        ("The ferry sails on Tuesday.", "2023-06-09"),  # no tense: can't be pinned down
        ("“We meet on Tuesday,” she said.", "2023-06-09"),  # in a quote
        ("The ferry sank on Tuesday.", ""),  # no publication date
        ("Talks resume in November.", "2023-03-02"),  # 8 months away: the year is a guess
        ("He sailed on Dec. 18, a Wednesday.", "2023-12-20"),  # a kind of day, not which one
        ("This is Harbour Today.", "2023-06-09"),  # a name
    ],
)
def test_relative_dates_left_unresolved(text, published):
    m = next(RELATIVE.finditer(text), None)
    tense = "" if "sails" in text else "future" if "resume" in text else "past"
    assert m is None or resolve(m, published, tense) is None


@pytest.mark.parametrize(
    "text, ok",
    [
        ("The ferry operator cut its timetable by a third this spring.", True),
        ("“It is a disgrace,” a passenger said.", False),
        ("What happens to the crews now?", False),
        ("I have never seen the harbour this empty, said one captain.", False),
        ("(Additional reporting by the news desk.)", False),
    ],
)
def test_key_points_are_statements(text, ok):
    assert is_statement(text) is ok


@pytest.mark.parametrize(
    "text, reporting",
    [
        ("Reached by phone on Monday, the harbour master declined to comment.", True),
        ("The shipyard did not immediately respond to a request for comment.", True),
        ("The ferry company could not be reached on Sunday.", True),
        ("The council declined to renew the ferry licence in March.", False),
        ("Dockers responded to the closure with a strike on Friday.", False),
    ],
)
def test_sentences_about_the_reporting(text, reporting):
    assert about_the_reporting(text) is reporting


@pytest.mark.nlp
@pytest.mark.parametrize(
    "text, date, remark",
    [
        ("The harbour will reopen in May, the port authority said Thursday.", "Thursday", True),
        ("“We are ready,” a spokeswoman told reporters on Friday.", "Friday", True),
        ("The dockers walked out on Thursday, the union said.", "Thursday", False),
        ("The ministry announced the new tariffs on Monday.", "Monday", False),
        ("Fares doubled in the spring of 2019, she added.", "2019", False),
    ],
)
def test_a_date_on_a_verb_of_saying_dates_a_remark(text, date, remark):
    from bot.briefing.names import SentenceParse

    p = nlp.parse(text)
    sentence = SentenceParse(p.entities, p.tokens)
    assert dates_a_remark(sentence, text.index(date)) is remark


def _entry(label, kind="", date="", text="x"):
    return BriefEntry(text=text, citations=(1,), label=label, kind=kind, date=date)


@pytest.mark.parametrize(
    "forms, gold, ok",
    [
        (["Raman"], ["Priya Raman"], True),
        (["the Bronx"], ["Bronx"], True),
        (["Holtby"], ["Holt"], False),
        (["ferry guild"], ["Ferry Guild"], True),
    ],
)
def test_names_match_whole_words_either_way(forms, gold, ok):
    assert names_match(forms, gold) is ok


def test_score_article_counts_people_places_and_timeline():
    gold = {
        "article": "a.html",
        "title": "T",
        "authors": [],
        "published": None,
        "people": [{"name": "Priya Raman", "aliases": [], "role": "r"}],
        "organisations": [{"name": "Ferry Guild", "aliases": []}],
        "places": [{"name": "Brenholt", "aliases": []}],
        "dated_events": [
            {"date": "2023-06", "event": "e", "evidence": "The ferry sank on Tuesday near Brenholt"}
        ],
    }
    b = Briefing(
        ("a",),
        ("T",),
        (),
        (_entry("Raman", "person"), _entry("Coast Board", "organisation")),
        (
            _entry(
                "on Tuesday", date="2023-06-06", text="The ferry sank on Tuesday near Brenholt."
            ),
            _entry("2019", date="2019", text="It was built in 2019."),
        ),
        (_entry("Brenholt", "place"),),
        (),
    )
    s = score_article(gold, b)
    assert (s["people"]["found"], s["people"]["right"], s["people"]["entries"]) == (1, 1, 2)
    assert (s["places"]["found"], s["places"]["right"]) == (1, 1)
    assert (s["timeline"]["right"], s["timeline"]["wrong_year"]) == (1, 1)
    assert s["title_ok"] and s["author_ok"] and s["date_ok"]


@pytest.mark.nlp
def test_entities_and_sentences_from_the_pipeline():
    text = "Priya Raman, the harbour master, met officials in Lisbon. She left on Monday."
    labels = {(e.text, e.label) for e in nlp.entities(text)}
    assert ("Lisbon", "GPE") in labels and any(t == "Priya Raman" for t, _ in labels)
    assert all(text[e.start : e.end] == e.text for e in nlp.entities(text))
    assert len(nlp.parse(text).sentences) == 2


@pytest.mark.nlp
def test_parse_cache_keeps_parses_per_snapshot(tmp_path):
    cache = nlp.ParseCache(tmp_path)
    first = cache.get_many([("a:1", "Priya Raman met officials in Lisbon.")])
    cache.save()
    again = nlp.ParseCache(tmp_path).get("a:1", "Priya Raman met officials in Lisbon.")
    assert again == first[0]
    edited = nlp.ParseCache(tmp_path).get("a:1", "Ben Holt met officials in Porto.")
    assert "Porto" in {e.text for e in edited.entities}


@pytest.mark.nlp
@pytest.mark.parametrize(
    "text, form, names_place",
    [
        ("The Duke of Lancaster toured the flood defences of Carlisle.", "Lancaster", False),
        ("The Duke of Lancaster toured the flood defences of Carlisle.", "Carlisle", True),
        ("Rain fell across Carlisle and other parts of the North.", "North", False),
        ("Polls opened in the Super Tuesday states at dawn.", "Super", False),
        ("A Denver engineer who studies the grid said demand had peaked.", "Denver", True),
    ],
)
def test_a_place_word_inside_a_title_or_a_date_name_is_no_place(text, form, names_place):
    from types import SimpleNamespace

    from bot.briefing.names import SentenceParse
    from bot.briefing.places import _names_place

    p = nlp.parse(text)
    start = text.index(form)
    m = nlp.Mention(0, form, "GPE", start, start + len(form))
    assert (
        _names_place(m, [SimpleNamespace(text=text)], [SentenceParse(p.entities, p.tokens)])
        is names_place
    )


@pytest.mark.parametrize(
    "text, keep_first, found",
    [
        ("The Port of Almera ordered ferries.", False, ["Port", "Almera"]),
        ("Almera ordered ferries from NHCG.", False, ["NHCG"]),  # a sentence's first word: skipped
        ("Almera ordered ferries from NHCG.", True, ["Almera", "NHCG"]),
        ("crews in al-Mina and Saint-Malo struck", False, ["Saint-Malo"]),
        ("no names here at all", False, []),
    ],
)
def test_capitalized_words_for_the_answer_path(text, keep_first, found):
    from bot.nlp.surface import capitalized

    assert capitalized(text, keep_first=lambda w: keep_first) == found


def test_capitalized_runs_keep_name_particles():
    from bot.nlp.surface import runs

    assert runs("Talks with Abu Mohammed al-Golani and the Port of Almera") == [
        "Talks",
        "Abu Mohammed al-Golani",
        "Port",
        "Almera",
    ]
