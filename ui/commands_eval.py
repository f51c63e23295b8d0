"""``briefing eval``: run a question file and report the figures."""

from __future__ import annotations

import json
import tempfile
import textwrap
from pathlib import Path

import click

from ui.cli_group import settings_from
from ui.progress import terminal_bar


def bot_answer_fn(settings):
    """The bot's answer function for ``settings``, building the index first if there is none yet."""
    import index

    summary = index.ensure_built(settings, progress=terminal_bar(True))
    if summary is not None:
        click.echo(f"built the index (first run): {summary.line()}", err=True)
    from bot.service import default_bot  # lazy: loads the model

    bot = default_bot(settings)
    warm_up = getattr(bot, "warm_up", None)
    if warm_up is not None:
        warm_up()  # so the first question's latency isn't the model and index loading
    return bot.answer


def _show_miss(r) -> None:
    click.echo(f"MISS {r.id} [{r.type or '-'}] {r.question}")
    for reason in r.why:
        click.echo(f"  why: {reason}")
    shown = r.text if len(r.text) <= 300 else r.text[:300] + "…"
    click.echo(textwrap.indent(textwrap.fill(f"answer: {shown or '(empty)'}", 96), "  "))


@click.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--articles",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Ask about this folder of articles, indexed apart (default: the bot's own index).",
)
@click.option(
    "--index-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="With --articles: keep that index here and reuse it next time (default: a "
    "temporary folder, removed afterwards).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures and every result as JSON.")
@click.pass_context
def evaluate(ctx, file, articles, index_dir, as_json) -> None:
    """Run a question file (JSONL) and report accuracy, citation hits and refusals.

    Each line: {"id", "question", "must": [[alternatives], ...], "evidence": [snippets]} or
    {"id", "question", "answerable": false}. Misses are listed first, then the figures per
    question type, and the last line holds the overall figures. Builds the index on first run.

    Examples:
      briefing eval ../shared/eval/seed_dev.jsonl
      briefing eval my_questions.jsonl --articles my_articles/
      briefing eval ../shared/eval/squad2_dev/questions.jsonl --articles ../shared/eval/squad2_dev/articles
    """
    from bot.evaluation.questions import read_questions
    from bot.evaluation.scoring import run_eval

    questions = read_questions(file)  # bad lines fail here, before the model loads
    settings = settings_from(ctx)
    with tempfile.TemporaryDirectory(prefix="briefing-eval-") as tmp:
        if articles is not None:
            data_dir = index_dir or Path(tmp)
            settings = settings.replace(articles_dir=articles, data_dir=data_dir, chroma_url="")
        report = run_eval(questions, bot_answer_fn(settings))
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    for r in report.misses:
        _show_miss(r)
    click.echo(f"{len(report.misses)} of {report.n} question(s) missed at least one check")
    for kind, n, correct in report.by_type:
        click.echo(f"  {kind}: {correct}/{n} correct")
    click.echo(report.summary_line())
