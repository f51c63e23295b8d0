"""Who's who and places on made-up text: kind corrections from the document's own words, text in
capitals read in title case, no cap on the lists and example questions worded by kind
(the benchmark's name scorer is tested in ``tests/bench/test_components_bench.py``)."""

from __future__ import annotations

import pytest

from bot import nlp
from bot.briefing.examples import FALLBACK, asked_name, example_questions
from bot.briefing.kinds import correct_kinds
from bot.briefing.sentences import Unit
from bot.briefing.types import BriefEntry, Briefing
from bot.nlp.pipeline import model_case


def _units(*texts: str) -> list[Unit]:
    return [Unit(t, k, (k,), ("a",), "") for k, t in enumerate(texts)]


def _name(units: list[Unit], form: str, label: str) -> nlp.Name:
    mentions = []
    for k, u in enumerate(units):
        at = u.text.find(form)
        if at >= 0:
            mentions.append(nlp.Mention(k, form, label, at, at + len(form)))
    return nlp.names(mentions)[0]


@pytest.mark.parametrize(
    "text, form, label, kind",
    [
        (
            "Shells fell on the eastern border town of Kavira overnight.",
            "Kavira",
            "PERSON",
            "place",
        ),
        ("Troops took control of the state of Ondoma on Friday.", "Ondoma", "ORG", "place"),
        ("Farmers in Velsk county blocked the road.", "Velsk", "ORG", "place"),
        # a nationality before a place noun describes the place, it does not name it
        ("They shelled the Kurvian town of Kavira.", "Kurvian", "NORP", "group"),
        # an employer after "at" is no place
        (
            '"It is cheap," said Anna Weber, analyst at Holm & Co.',
            "Holm & Co",
            "ORG",
            "organisation",
        ),
        # clubs listed beside a place stay what the model said
        ("The former Brenholt and Valmora skipper retired.", "Valmora", "PERSON", "person"),
        # the model is trusted on a full personal name
        ("Ships sailed to the port of Ana Petrova.", "Ana Petrova", "PERSON", "person"),
        ("Brenholt's mayor, Ana Petrova, asked for a wall.", "Ana Petrova", "GPE", "person"),
        ("Ana Petrova, who runs the quay, said so.", "Ana Petrova", "ORG", "person"),
        ("Mr Petrova said so.", "Petrova", "GPE", "place"),  # one word: no title seen here
    ],
)
def test_kinds_follow_the_documents_own_words(text, form, label, kind):
    units = _units(text)
    name = _name(units, form, label)
    correct_kinds([name], units)
    assert name.kind == kind


def test_an_abbreviation_takes_its_long_forms_kind():
    units = _units(
        "The Northern Harbour Construction Group (NHCG) built it.",
        "NHCG said so.",
        "Residents asked NHCG for a wall.",
    )
    found = [
        nlp.Mention(0, "Northern Harbour Construction Group", "ORG", 4, 39),
        nlp.Mention(0, "NHCG", "ORG", 41, 45),
        nlp.Mention(1, "NHCG", "GPE", 0, 4),
        nlp.Mention(2, "NHCG", "GPE", 16, 20),
    ]
    (name,) = nlp.names(found, [u.text for u in units])
    assert name.label == "Northern Harbour Construction Group (NHCG)"
    assert name.kind == "organisation"


def test_initials_alone_never_abbreviate_a_person():
    found = [nlp.Mention(0, "Alma Iversen", "PERSON", 0, 12), nlp.Mention(1, "AI", "ORG", 0, 2)]
    assert len(nlp.names(found, ["Alma Iversen wrote it.", "AI wrote it."])) == 2


@pytest.mark.parametrize(
    "text, read",
    [
        ("BEIJING 1996-08-30", "Beijing 1996-08-30"),
        ("SOCCER - O'NEILL JOINS U.S. SIDE.", "Soccer - O'neill Joins U.s. Side."),
        ("Talks in BEIJING resumed.", "Talks in BEIJING resumed."),  # mixed case: as written
        ("UN", "UN"),  # too short to tell a shout from an abbreviation
    ],
)
def test_text_in_capitals_is_read_in_title_case(text, read):
    assert model_case(text) == read and len(model_case(text)) == len(text)


@pytest.mark.nlp
@pytest.mark.parametrize("dateline", ["TORONTO 1996-08-30", "NANTES 1996-08-30"])
def test_a_dateline_in_capitals_gives_its_place_with_the_text_as_written(dateline):
    # the model alone finds no place here (TORONTO) or an organisation (NANTES)
    parse = nlp.parse(dateline)
    place = dateline.split()[0]
    assert (place, "GPE") in {(e.text, e.label) for e in parse.entities}
    assert all(parse.text[e.start : e.end] == e.text for e in parse.entities)


def _entry(label, kind, detail=""):
    return BriefEntry(text="x", citations=(1,), label=label, kind=kind, detail=detail)


def _briefing(people=(), places=()):
    return Briefing(("a",), ("t",), (), tuple(people), (), tuple(places), ())


@pytest.mark.parametrize(
    "label, kind, asked",
    [
        ("Priya Raman", "person", "Priya Raman"),
        ("National Dock Workers Union (NDWU)", "organisation", "National Dock Workers Union"),
        ("Abu Mohammed al-Golani", "person", "Abu Mohammed al-Golani"),
        ("Bank of Almera", "organisation", "Bank of Almera"),
        ("Île-de-Brenholt", "place", "Île-de-Brenholt"),
        ("NATO", "organisation", "NATO"),
        ("US", "place", ""),  # "What happened in US?"
        ("ATHLETICS - RAMAN WINS", "person", ""),
        ("Lot 42", "place", ""),
        ("the quay road", "place", ""),
    ],
)
def test_a_question_holds_a_name_as_written_without_its_abbreviation(label, kind, asked):
    assert asked_name(_entry(label, kind)) == asked


def test_example_questions_take_a_person_an_organisation_and_a_place_in_turn():
    b = _briefing(
        people=[
            _entry("Ferry Guild", "organisation", "a union"),
            _entry("Ben Holt", "person"),
            _entry("Priya Raman", "person", "the harbour master"),
        ],
        places=[_entry("Brenholt", "place")],
    )
    assert example_questions(b) == [
        "Who is Priya Raman?",  # described first
        "What is Ferry Guild?",
        "What happened in Brenholt?",
        "Who is Ben Holt?",
    ]
    assert example_questions(_briefing()) == list(FALLBACK)


def test_example_questions_keep_only_what_the_bot_answers():
    b = _briefing(
        people=[_entry("Ben Holt", "person"), _entry("Priya Raman", "person")],
        places=[_entry("Brenholt", "place")],
    )
    asked = []

    def answers(question):
        asked.append(question)
        return question in ("Who is Priya Raman?", "Where is Brenholt?")

    assert example_questions(b, answers=answers) == ["Where is Brenholt?", "Who is Priya Raman?"]
    assert asked[:3] == ["Who is Ben Holt?", "What happened in Brenholt?", "Where is Brenholt?"]
    assert example_questions(b, answers=lambda q: False) == list(FALLBACK)


@pytest.mark.nlp
def test_a_name_only_the_page_speaks_to_the_reader_about_is_not_listed():
    import numpy as np

    from bot.briefing.names import SentenceParse
    from bot.briefing.people import who_is_who

    texts = (
        "Priya Raman, the harbour master, closed the quay on Monday.",
        "Get the Valmora Gazette's Morning Edition by email.",
        "Start your Gazette Premium subscription today.",
    )
    units = _units(*texts)
    parses = [SentenceParse(p.entities, p.tokens) for p in map(nlp.parse, texts)]
    names = [
        _name(units, "Priya Raman", "PERSON"),
        _name(units, "Valmora Gazette", "ORG"),
        _name(units, "Gazette Premium", "ORG"),
    ]
    listed = [i.name.label for i in who_is_who(names, units, np.zeros(3), parses=parses)]
    assert listed == ["Priya Raman"]


@pytest.mark.parametrize(
    "span, form",
    [
        ("SAILING - KAVIRA WINS", None),  # a headline's topic and its news, not a name
        ("Priya Raman - Lopez", None),
        ("Montoya-Lewis", "Montoya-Lewis"),
        ("the Valmora Gazette's", "Valmora Gazette"),
    ],
)
def test_a_mention_is_a_name_without_a_spaced_dash(span, form):
    found = nlp.mention(0, nlp.Entity(span, "ORG", 0, len(span)))
    assert (found.form if found else None) == form
