"""Example questions for the chat, drawn from the indexed articles' briefing (who's who and
places), so they fit whatever articles are indexed, and worded as a person would ask them:
"Who is" a person, "What is" an organisation, "What happened in" a place, always about a name
the briefing lists.

Example:
    >>> example_questions(brief(), answers=lambda q: bot.answer(q).answered)  # doctest: +SKIP
    ['Who is Clara Voss?', 'What is the National Dock Workers Union?', ...]
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: Shown when no article is indexed yet, or the briefing can't be made.
FALLBACK = ("What are the main points of the articles?",)
# The wordings to try per kind, most natural first: a place is asked what happened there, else
# where it is (the answer model answers "Where is Homs?" from "Homs is strategically located
# along the M5 highway" on the seed, and refuses "What happened in Homs?").
_QUESTIONS = {
    "person": ("Who is {}?",),
    "organisation": ("What is {}?",),
    "place": ("What happened in {}?", "Where is {}?"),
}
# Lower-case words a name may hold ("Bank of England", "Abu Mohammed al-Golani", "Sea of Galilee").
_PARTICLES = frozenset("of the and for de del da di du la le van von bin ibn al el".split())
_WORD = re.compile(r"^(?:[a-z]{1,3}-)?([^\W\d_])[\w’'.&-]*$")


def _name_word(word: str) -> bool:
    m = _WORD.match(word)
    return bool(m) and m.group(1).isupper()


def asked_name(entry) -> str:
    """The name as a question holds it: a long form without its bracketed abbreviation
    ("Hayat Tahrir al-Sham (HTS)" → "Hayat Tahrir al-Sham"), or "" when it does not read as a
    name (digits, brackets, a word in lower case, a place written as an abbreviation:
    "What happened in US?")."""
    name = re.sub(r"\s*\([^()]*\)$", "", entry.label).strip()
    words = name.split()
    if not 1 <= len(words) <= 6 or any(c.isdigit() or c in '()[]"/:;' for c in name):
        return ""
    if not _name_word(words[0]) or not all(_name_word(w) or w in _PARTICLES for w in words):
        return ""
    shouted = name.replace(".", "").replace(" ", "").isupper()
    if shouted and (entry.kind == "place" or len(words) > 1 or len(name) > 6):
        return ""
    return name


def _by_kind(briefing) -> dict[str, list]:
    """Per kind, its entries with a ``detail`` first (a sentence says who or what it is, so a
    question about it has an answer to find), each group in the briefing's order (most
    mentioned first)."""
    out: dict[str, list] = {}
    for kind in _QUESTIONS:
        entries = [e for e in (*briefing.people, *briefing.places) if e.kind == kind]
        out[kind] = [e for e in entries if e.detail] + [e for e in entries if not e.detail]
    return out


def _wordings(entry) -> list[str]:
    name = asked_name(entry)
    return [q.format(name) for q in _QUESTIONS[entry.kind]] if name else []


def example_questions(
    briefing, n: int = 4, answers: Callable[[str], bool] | None = None, tries: int = 12
) -> list[str]:
    """Up to ``n`` questions, taking a person, an organisation and a place in turn. With
    ``answers`` (a question → whether the bot answers it), a name is asked about in the first
    wording the bot answers, else skipped, and at most ``tries`` questions are put to it: an
    example the bot then refuses teaches the reader nothing."""
    queues = {kind: iter(entries) for kind, entries in _by_kind(briefing).items()}
    out: list[str] = []
    seen: set[str] = set()
    asked = 0
    while len(out) < n and queues and asked < tries:
        for kind in list(queues):
            entry = next(queues[kind], None)
            if entry is None:
                del queues[kind]
                continue
            wordings = _wordings(entry)
            if not wordings or wordings[0].lower() in seen:
                continue
            seen.add(wordings[0].lower())
            if answers is None:
                out.append(wordings[0])
            else:
                for question in wordings:
                    asked += 1
                    if answers(question):
                        out.append(question)
                        break
            if len(out) >= n or asked >= tries:
                break
    return out or list(FALLBACK)
