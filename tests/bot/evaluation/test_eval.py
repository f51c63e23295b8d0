"""The eval figures and the ``briefing eval`` command, on a made-up question file and fake answers."""

from __future__ import annotations

import json
import sys
import types

import pytest
from click.testing import CliRunner

from bot.evaluation.questions import EvalFileError, EvalQuestion, read_questions
from bot.evaluation.scoring import contains, normalize, percentile, run_eval
from bot.types import Answer, Citation

PASSAGE = "The harbour bridge in Port Elm, opened in 1931, carries “two lanes” of traffic."

QUESTIONS = [
    {
        "id": "q1",
        "type": "factoid",
        "question": "When did the bridge open?",
        "must": [["1931"]],
        "evidence": ['carries "two lanes"'],
    },
    {
        "id": "q2",
        "type": "factoid",
        "question": "Which town and how many lanes?",
        "must": [["Port Elm", "Elm"], ["two", "2"]],
        "evidence": ["harbour bridge in Port Elm"],
    },
    {
        "id": "q3",
        "type": "factoid",
        "question": "Who built the bridge?",
        "must": [["Smith"]],
        "evidence": ["built by Smith"],
    },
    {
        "id": "u1",
        "type": "unanswerable",
        "question": "What is the bridge's toll?",
        "answerable": False,
    },
    {"id": "u2", "type": "unanswerable", "question": "Who painted it?", "answerable": False},
]


def _cite(n: int, text: str) -> Citation:
    return Citation(
        n=n,
        passage_id=f"a:{n}",
        article_id="a",
        title="T",
        source="a.txt",
        paragraph=n,
        text=text,
        quotes=(text,),
        score=1.0,
    )


ANSWERS = {
    # right answer, evidence in the second citation only
    "When did the bridge open?": Answer(
        "", "It opened in 1931 [2].", True, (_cite(1, "Unrelated text."), _cite(2, PASSAGE))
    ),
    # right answer, evidence first (line break and case differ from the snippet)
    "Which town and how many lanes?": Answer(
        "", "port elm; TWO lanes [1].", True, (_cite(1, "The harbour\nbridge in  Port Elm"),)
    ),
    # refused an answerable question
    "Who built the bridge?": Answer("", "The articles don't say.", False),
    "What is the bridge's toll?": Answer("", "The articles don't say.", False),
    # answered an unanswerable one
    "Who painted it?": Answer("", "x" * 600, True, (_cite(1, PASSAGE),)),
}


def fake_answer(question: str, history=None) -> Answer:
    return ANSWERS[question]


@pytest.fixture
def qfile(tmp_path):
    path = tmp_path / "made_up.jsonl"
    path.write_text("\n".join(json.dumps(q) for q in QUESTIONS) + "\n\n", encoding="utf-8")
    return path


def test_figures_on_a_made_up_set(qfile):
    report = run_eval(read_questions(qfile), fake_answer)
    assert (report.n, report.answerable, report.unanswerable) == (5, 3, 2)
    assert report.accuracy == pytest.approx(2 / 3)
    assert report.citation == pytest.approx(2 / 3)
    assert report.first_citation == pytest.approx(1 / 3)
    assert report.rejection == pytest.approx(1 / 2)
    assert report.false_refusal == pytest.approx(1 / 3)
    # answered: 22, 24 and 600 chars
    assert report.median_chars == 24
    assert report.p50_ms is not None and report.p95_ms >= report.p50_ms
    assert [r.id for r in report.misses] == ["q1", "q3", "u2"]
    why = {r.id: r.why for r in report.misses}
    assert why["q1"] == ("first citation lacks the evidence",)
    assert "refused an answerable question" in why["q3"] and "missing 'Smith'" in why["q3"]
    assert why["u2"] == ("answered an unanswerable question",)
    assert dict((t, (n, c)) for t, n, c in report.by_type) == {
        "factoid": (3, 2),
        "unanswerable": (2, 1),
    }
    line = report.summary_line()
    assert line.startswith("accuracy 0.67 | citation 0.67 | first-citation 0.33 | rejection 0.50")
    assert "false-refusal 0.33 | median 24 chars" in line and line.endswith("n=5")


def test_long_answer_is_wrong_even_with_the_right_words():
    q = EvalQuestion(id="x", question="q?", must=(("1931",),))
    report = run_eval([q], lambda question: Answer(question, "1931 " + "y" * 500, True))
    assert report.accuracy == 0.0 and report.must_present == 1.0
    assert report.results[0].why == ("too long (505 chars > 500)",)
    assert report.citation is None  # no evidence given: not counted


def test_a_crashing_answer_is_a_miss_not_a_crash():
    def boom(question):
        raise RuntimeError("index gone")

    report = run_eval([EvalQuestion(id="x", question="q?", must=(("a",),))], boom)
    assert report.accuracy == 0.0 and report.results[0].why == ("error RuntimeError: index gone",)


def test_history_is_passed_on():
    seen = []
    q = EvalQuestion(id="x", question="And then?", must=(("a",),), history=(("First?", "a"),))
    run_eval(
        [q], lambda question, history=None: seen.append(history) or Answer(question, "a", True)
    )
    assert seen == [[("First?", "a")]]


def test_matching_normalizes_case_quotes_and_spaces():
    assert normalize("Syria’s  “Big”\nDay") == 'syria\'s "big" day'
    assert contains("the city of Aleppo, once Syria’s largest", "ALEPPO, once Syria's")
    assert not contains("Aleppo", "Hama")


def test_percentile():
    assert percentile([], 50) is None
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([0.0, 10.0], 95) == pytest.approx(9.5)


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "made_up.jsonl:2: not valid JSON"),
        ('{"id": "b", "question": ""}', 'made_up.jsonl:2: "question" must be a non-empty string'),
        ('{"id": "b", "question": "q?", "must": "x"}', '"must" must be a list of groups'),
        (
            '{"id": "b", "question": "q?", "must": [[1]]}',
            '"must" group 1 must be a list of non-empty',
        ),
        ('{"id": "b", "question": "q?", "answerable": "no"}', '"answerable" must be true or false'),
        ('{"id": "b", "question": "q?"}', 'needs "must" or "evidence"'),
        ('{"id": "a", "question": "q?", "must": [["x"]]}', "id 'a' already used on line 1"),
        ("[1, 2]", "made_up.jsonl:2: expected a JSON object"),
    ],
)
def test_bad_lines_name_file_line_and_reason(tmp_path, line, message):
    path = tmp_path / "made_up.jsonl"
    path.write_text(
        '{"id": "a", "question": "q?", "must": [["x"]]}\n' + line + "\n", encoding="utf-8"
    )
    with pytest.raises(EvalFileError) as info:
        read_questions(path)
    assert message in str(info.value)


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="no questions"):
        read_questions(path)


# -- the command ----------------------------------------------------------------------------------
@pytest.fixture
def fake_bot(monkeypatch):
    """Stand in for the real bot and index build; records what the command asked for."""
    calls: dict[str, list] = {"ensure_built": [], "default_bot": [], "warm_up": []}
    import index

    monkeypatch.setattr(
        index, "ensure_built", lambda settings, **kw: calls["ensure_built"].append(settings)
    )

    def default_bot(settings=None):
        calls["default_bot"].append(settings)
        return types.SimpleNamespace(answer=fake_answer, warm_up=lambda: calls["warm_up"].append(1))

    module = types.ModuleType("bot.service")
    module.default_bot = default_bot
    monkeypatch.setitem(sys.modules, "bot.service", module)
    return calls


def _run(*args):
    from ui.cli import cli

    return CliRunner().invoke(cli, list(args))


def test_eval_command_lists_misses_then_one_line_of_figures(qfile, fake_bot, tmp_path):
    result = _run("--data-dir", str(tmp_path / "d"), "eval", str(qfile))
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("accuracy 0.67 | citation 0.67 | first-citation 0.33")
    assert lines[-1].endswith("n=5")
    assert "MISS q3 [factoid] Who built the bridge?" in result.output
    assert "why: answered an unanswerable question" in result.output
    assert "MISS q2" not in result.output
    # the index is built (if missing) for the same settings the bot gets
    (settings,) = fake_bot["ensure_built"]
    assert fake_bot["default_bot"] == [settings] and settings.data_dir == tmp_path / "d"
    assert fake_bot["warm_up"] == [1]  # loaded before the timed questions


def test_eval_command_json(qfile, fake_bot):
    result = _run("eval", str(qfile), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n"] == 5 and data["accuracy"] == pytest.approx(2 / 3)
    assert data["misses"] == ["q1", "q3", "u2"]
    assert {r["id"]: r["correct"] for r in data["results"]}["q2"] is True


def test_eval_command_bad_file_is_one_line_error(tmp_path, fake_bot):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a"}\n', encoding="utf-8")
    result = _run("eval", str(path))
    assert result.exit_code == 2
    assert result.output.strip() == 'error: bad.jsonl:1: "question" must be a non-empty string'
    assert fake_bot["default_bot"] == []  # failed before loading anything


def test_eval_on_a_folder_of_articles_indexes_it_apart(qfile, fake_bot, tmp_path):
    articles = tmp_path / "mine"
    articles.mkdir()
    result = _run(
        "--data-dir", str(tmp_path / "d"), "eval", str(qfile), "--articles", str(articles)
    )
    assert result.exit_code == 0, result.output
    (settings,) = fake_bot["ensure_built"]
    assert settings.articles_dir == articles
    assert (
        settings.data_dir != tmp_path / "d" and not settings.data_dir.exists()
    )  # temporary, removed
    assert "  factoid: " in result.output  # figures per question type before the overall line
    kept = tmp_path / "kept"
    _run("eval", str(qfile), "--articles", str(articles), "--index-dir", str(kept))
    assert fake_bot["ensure_built"][-1].data_dir == kept


def test_eval_on_articles_end_to_end(tmp_path, monkeypatch):
    """The real command on the tiny corpus: index built apart, questions answered and scored."""
    from tests.conftest import CORPUS
    from tests.fakes import HashingEmbeddings

    monkeypatch.setattr(
        "index.storage.embeddings.embeddings_for", lambda settings: HashingEmbeddings()
    )
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "a", "type": "factoid", "question": "Which bridge reopened?", "must": [["bridge"]]}\n'
        '{"id": "b", "type": "unanswerable", "question": "What is the capital of Peru?", "answerable": false}\n',
        encoding="utf-8",
    )
    result = _run(
        "--data-dir", str(tmp_path / "mine"), "eval", str(questions), "--articles", str(CORPUS)
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].endswith("n=2")
    assert not (tmp_path / "mine").exists()  # the user's own index was not touched
