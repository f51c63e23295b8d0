"""The public-benchmark scorers of ``bench.components`` on hand-counted examples (the metric
descriptions of the benchmark folders' READMEs), and its docs writer."""

from __future__ import annotations

import pytest

from bench import components
from bench import components_names as cn
from bench.components_body import page_counts, score
from bench.components_dates import agrees, same_sentence
from bench.components_dates import score as score_dates
from bench.components_names import match


@pytest.mark.parametrize(
    ("gold", "output", "counts"),
    [
        ("a b c d e", "a b c d e", (1.0, 0.0, 0.0)),
        # gold shingles abcd, bcde; output abcd, bcdx: one each way
        ("a b c d e", "a b c d x", (1 / 3, 1 / 3, 1 / 3)),
        ("a b c d e", "", (0.0, 0.0, 1.0)),
        ("", "", (0.0, 0.0, 0.0)),
        # punctuation is no token: "a, b. c! d" is the shingle abcd
        ("a, b. c! d", "a b c d", (1.0, 0.0, 0.0)),
    ],
)
def test_body_shingle_counts(gold, output, counts):
    assert page_counts(gold, output) == pytest.approx(counts)


def test_body_precision_leaves_out_empty_outputs_and_recall_counts_them():
    s = score({"p1": "a b c d e", "p2": "f g h i j"}, {"p1": "a b c d e"})
    assert (s.precision, s.recall) == (1.0, 0.5)


@pytest.mark.parametrize(
    ("value", "gold", "mode", "ok"),
    [
        ("1998", "1998-02-13", "agree", True),
        ("1998-02", "1998-02-13", "agree", True),
        ("1998-03", "1998-02-13", "agree", False),
        ("1998", "1998-02-13", "exact", False),
        ("1998-02-13", "1998-02-13", "exact", True),
    ],
)
def test_date_values_agree(value, gold, mode, ok):
    assert agrees(value, gold, mode) is ok


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("The vote was on Friday.", "the  vote was on friday.", True),
        ("The vote was on Friday.", "Officials said the vote was on Friday.", True),
        ("The vote was held on Friday in Ohio.", "Vote held Friday in Ohio, said aides.", True),
        ("The vote was on Friday.", "Prices rose in March.", False),
    ],
)
def test_same_sentence(a, b, same):
    assert same_sentence(a, b) is same


def test_date_recall_needs_the_same_sentence():
    gold = {"d": {"dates": [{"value": "1998-02-13", "sentence": "It fell on Friday."}]}}
    here = {"d": [{"value": "1998-02-13", "sentence": "It fell on Friday."}]}
    elsewhere = {"d": [{"value": "1998-02-13", "sentence": "Prices rose sharply in March."}]}
    assert score_dates(gold, here, "agree").recall == 1.0
    assert score_dates(gold, elsewhere, "agree").precision == 0.0


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("Bitar", "Salem Bitar", True),
        ("Reuters's", "reuters", True),
        ("(Essex)", "Essex", True),
        ("Bit", "Salem Bitar", False),
        ("New York", "York", True),
    ],
)
def test_names_match(a, b, ok):
    assert match(a, b) is ok


def test_docs_section_is_replaced_between_its_markers(tmp_path):
    page = tmp_path / "briefing.md"
    page.write_text("# Briefing\n\nintro\n\n## Web pages: metadata and body\n\nrest\n")
    components.write_docs("first", page)
    components.write_docs("second", page)
    text = page.read_text()
    assert "second" in text and "first" not in text
    assert text.index(components.START) < text.index("## Web pages: metadata and body")


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Bitar", "Salem Bitar", True),
        ("Salem Bitar's", "salem bitar", True),
        ('"Moscow,', "MOSCOW", True),
        ("Bit", "Salem Bitar", False),
        ("U.S.", "U.S", True),
        ("New York", "York", True),
        ("", "York", False),
    ],
)
def test_the_benchmark_matches_whole_words_after_folding(a, b, same):
    assert cn.match(a, b) is same


def test_the_benchmark_counts_strings_per_kind_and_pools_who():
    gold = [
        {"id": "d", "people": ["Salem Bitar"], "organisations": ["Reuters"], "places": ["Rome"]}
    ]
    system = {
        "d": {"people": ["Bitar", "Reuters"], "organisations": [], "places": ["Rome", "Nuku"]}
    }
    s = cn.score(system, gold)
    assert (s["people"]["precision"], s["people"]["recall"]) == (0.5, 1.0)
    assert (s["who"]["precision"], s["who"]["recall"]) == (1.0, 1.0)  # kind ignored in who
    assert (s["places"]["precision"], s["places"]["system"]) == (0.5, 2)
