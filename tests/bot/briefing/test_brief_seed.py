"""The briefing of the seed article with the real packaged model, through ``Bot.brief``."""

from __future__ import annotations

import pytest

from bot.service import Bot

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed_bot(seed_settings_built, real_embeddings):
    return Bot(seed_settings_built, embeddings=real_embeddings)


@pytest.fixture(scope="module")
def seed_brief(seed_bot):
    return seed_bot.brief()


def _passage(b, entry):
    return next(c for c in b.citations if c.n == entry.citations[0])


def test_every_line_is_verbatim_from_its_cited_paragraph(seed_brief):
    b = seed_brief
    assert len(b.article_ids) == 1 and b.titles[0].startswith("As Syrian Rebels")
    for entry in b.key_points + b.people + b.timeline + b.places:
        assert entry.citations and entry.text in _passage(b, entry).text
        assert _passage(b, entry).paragraph >= 1  # body text, never the page's metadata


def test_key_points_cover_the_article(seed_brief):
    points = [e.text for e in seed_brief.key_points]
    assert 5 <= len(points) <= 7 and len(set(points)) == len(points)
    joined = " ".join(points)
    for topic in ("Doha", "rebel", "Homs", "Türkiye", "Russia", "Iran"):
        assert topic in joined, topic
    assert any("HTS" in p and ("al-Qaeda" in p or "Al-Qaeda" in p or "Nusra" in p) for p in points)


@pytest.mark.parametrize(
    "name, says",
    [
        ("Abu Mohammed al-Golani", "the leader of HTS"),
        ("Hakan Fidan", "Turkish Foreign Minister Hakan Fidan"),
        ("Abbas Araqchi", "Iranian counterpart Abbas Araqchi"),
        ("Hayat Tahrir al-Sham (HTS)", "originally part of Al-Qaeda"),
        ("Hezbollah", "one of Assad’s most important military allies"),
    ],
)
def test_who_is_who_identifies_people_and_groups(seed_brief, name, says):
    people = {e.label: e for e in seed_brief.people}
    assert name in people, sorted(people)
    assert says in people[name].text
    assert people[name].kind in ("person", "organisation")


def test_who_is_who_merges_name_variants(seed_brief):
    labels = [e.label for e in seed_brief.people]
    assert "Golani" not in labels and "HTS" not in labels and "Assad" not in labels
    golani = next(e for e in seed_brief.people if e.label == "Abu Mohammed al-Golani")
    assert "Golani" in golani.aliases


def test_timeline_in_date_order_with_resolved_dates(seed_brief):
    timeline = [(e.date, e.label, e.text) for e in seed_brief.timeline]
    dates = [d for d, _, _ in timeline]
    for wanted in ("2011", "2012", "2015", "2016", "2024-11-27"):
        assert wanted in dates, dates
    assert [d for d in dates if d in ("2011", "2012", "2015", "2016", "2024-11-27")] == sorted(
        d for d in dates if d in ("2011", "2012", "2015", "2016", "2024-11-27")
    )
    since = next(t for t in timeline if t[0] == "2024-11-27")
    assert since[1] == "November 27" and since[2].startswith("Since November 27")
    assert any("protests erupted" in t for d, _, t in timeline if d == "2011")
    assert any("intervention in 2015" in t for d, _, t in timeline if d == "2015")


def test_places_include_the_cities_and_countries_that_matter(seed_brief):
    places = {e.label: e for e in seed_brief.places}
    assert {"Homs", "Aleppo", "Doha", "Syria"} <= set(places)
    assert "Homs" in places["Homs"].text
    assert not set(places) & {e.label for e in seed_brief.people}


def test_example_questions_read_well_and_the_bot_answers_each(seed_bot, seed_brief):
    from bot.briefing.examples import example_questions

    kinds = {e.label.split(" (")[0]: e.kind for e in seed_brief.people + seed_brief.places}
    word = {"person": ("Who is",), "organisation": ("What is",)}
    word["place"] = ("What happened in", "Where is")
    questions = example_questions(seed_brief, answers=lambda q: seed_bot.answer(q).answered)
    assert len(questions) == 4, questions
    for q in questions:
        name = next(n for n in kinds if q.endswith(f" {n}?"))  # a name the briefing lists
        assert q.startswith(word[kinds[name]]), q
        assert "(" not in q
        assert seed_bot.answer(q).answered, q
    assert {kinds[next(n for n in kinds if q.endswith(f" {n}?"))] for q in questions} == {
        "person",
        "organisation",
        "place",
    }
