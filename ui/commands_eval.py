"""``briefing eval``: run a question file and report the figures."""

from __future__ import annotations

import json
import textwrap

import click

from ui.cli import friendly_errors, settings_from


def bot_answer_fn(settings):
    """The bot's answer function for ``settings``, building the index first if there is none yet."""
    import index

    summary = index.ensure_built(settings, progress=True)
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
@click.option("--json", "as_json", is_flag=True, help="Print the figures and every result as JSON.")
@click.pass_context
@friendly_errors
def evaluate(ctx, file, as_json) -> None:
    """Run a question file (JSONL) and report accuracy, citation hits and refusals.

    Each line: {"id", "question", "must": [[alternatives], ...], "evidence": [snippets]} or
    {"id", "question", "answerable": false}. Misses are listed first; the last line holds the
    figures. Builds the index on first run.

    Example: briefing eval ../shared/eval/seed_dev.jsonl
    """
    from bot.evaluate import read_questions, run_eval

    questions = read_questions(file)  # bad lines fail here, before the model loads
    report = run_eval(questions, bot_answer_fn(settings_from(ctx)))
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    for r in report.misses:
        _show_miss(r)
    click.echo(f"{len(report.misses)} of {report.n} question(s) missed at least one check")
    click.echo(report.summary_line())
