"""Example questions for the chat, drawn from the indexed articles' briefing (who's who,
places, timeline), so they fit whatever articles are indexed.

Example:
    >>> example_questions(brief())   # doctest: +SKIP
    ['Who is Clara Voss?', 'What is the National Dock Workers Union (NDWU)?', ...]
"""

from __future__ import annotations

#: Shown when no article is indexed yet, or the briefing can't be made.
FALLBACK = ("What are the main points of the articles?",)


def example_questions(briefing, n: int = 4) -> list[str]:
    """Up to ``n`` questions: the most mentioned person, organisation and place, a dated event,
    then more people; every one names something the articles say something about."""
    people = [e for e in briefing.people if e.kind == "person"]
    groups = [e for e in briefing.people if e.kind == "organisation"]
    picks = []
    if people:
        picks.append(f"Who is {people[0].label}?")
    if groups:
        picks.append(f"What is {groups[0].label}?")
    if briefing.places:
        picks.append(f"What happened in {briefing.places[0].label}?")
    dated = [e for e in briefing.timeline if len(e.date) == 10]
    if dated:
        picks.append(f"What happened on {dated[-1].label.removeprefix('on ').strip()}?")
    picks += [f"Who is {e.label}?" for e in people[1:]]
    picks += [f"What is {e.label}?" for e in groups[1:]]
    out = list(dict.fromkeys(picks))[:n]
    return out or list(FALLBACK)
