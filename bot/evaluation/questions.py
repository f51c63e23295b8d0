"""Question files for ``briefing eval``: JSONL, one question per line::

    {"id": "q1", "question": "...", "must": [["Aleppo"], ["Hama", "Homs"]],
     "evidence": ["a snippet of the passage that answers it"]}
    {"id": "q2", "question": "...", "answerable": false}

``must`` holds groups of acceptable strings: every group needs one of its strings in the answer
(case-insensitive). ``evidence`` holds snippets, one of which some citation's passage text must
contain. ``answerable: false`` means the right answer is a refusal. Optional: ``type`` (reported per
type) and ``history`` (earlier ``[question, answer]`` pairs, passed on to the answer function).
Scoring them is ``bot.evaluation.scoring``.

Example:
    >>> from bot.evaluation.questions import read_questions
    >>> questions = read_questions("dev.jsonl")   # EvalFileError names a bad line
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any


class EvalFileError(ValueError):
    """A question file that can't be used; the message names the file and line."""


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    must: tuple[tuple[str, ...], ...] = ()
    evidence: tuple[str, ...] = ()
    answerable: bool = True
    type: str = ""
    history: tuple[tuple[str, str], ...] = ()


def _strings(value: Any, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise ValueError(f"{what} must be a list of non-empty strings")
    return tuple(value)


def parse_question(data: Any) -> EvalQuestion:
    """One JSON object → ``EvalQuestion``; ``ValueError`` with the reason when it doesn't fit."""
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        raise ValueError('"question" must be a non-empty string')
    answerable = data.get("answerable", True)
    if not isinstance(answerable, bool):
        raise ValueError('"answerable" must be true or false')
    must_raw = data.get("must", [])
    if not isinstance(must_raw, list):
        raise ValueError('"must" must be a list of groups (lists of strings)')
    must = tuple(_strings(g, f'"must" group {i + 1}') for i, g in enumerate(must_raw))
    evidence = _strings(data["evidence"], '"evidence"') if data.get("evidence") else ()
    if answerable and not must and not evidence:
        raise ValueError('an answerable question needs "must" or "evidence" to check against')
    history_raw = data.get("history", [])
    if not isinstance(history_raw, list) or not all(
        isinstance(t, list) and len(t) == 2 and all(isinstance(s, str) for s in t)
        for t in history_raw
    ):
        raise ValueError('"history" must be a list of [question, answer] pairs')
    return EvalQuestion(
        id=str(data.get("id", "")),
        question=question.strip(),
        must=must,
        evidence=evidence,
        answerable=answerable,
        type=str(data.get("type", "")),
        history=tuple((q, a) for q, a in history_raw),
    )


def read_questions(path: str | Path) -> list[EvalQuestion]:
    """Read a JSONL question file. Blank lines are skipped; a bad line raises ``EvalFileError``
    naming the file and line, e.g. ``dev.jsonl:3: "question" must be a non-empty string``."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as e:
        raise EvalFileError(f"{path.name}: unreadable ({e.strerror or e})") from None
    except UnicodeDecodeError:
        raise EvalFileError(f"{path.name}: not UTF-8") from None
    questions: list[EvalQuestion] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            raise EvalFileError(
                f"{path.name}:{number}: not valid JSON ({e.msg}, column {e.colno})"
            ) from None
        try:
            q = parse_question(data)
        except ValueError as e:
            raise EvalFileError(f"{path.name}:{number}: {e}") from None
        if not q.id:
            q = replace(q, id=f"line{number}")
        if q.id in seen:
            raise EvalFileError(
                f"{path.name}:{number}: id {q.id!r} already used on line {seen[q.id]}"
            )
        seen[q.id] = number
        questions.append(q)
    if not questions:
        raise EvalFileError(f"{path.name}: no questions")
    return questions


# -- matching -----------------------------------------------------------------------------------
