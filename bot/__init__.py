"""Grounded, cited answers over the indexed articles.

Example:
    >>> from bot import answer
    >>> a = answer("Which bridge did Russian bombers destroy?")
    >>> a.text, a.answered, [c.paragraph for c in a.citations]
"""

from bot.types import Answer, Citation

__all__ = ["Answer", "Citation", "answer", "brief"]


def answer(question: str, history=None, settings=None) -> Answer:
    """Answer ``question`` from the indexed articles. ``history``: earlier (question, answer) pairs.

    The first call loads the model and the index; later calls are warm. Raises ``ValueError`` for an
    empty question.
    """
    from bot.service import default_bot  # lazy: keeps `import bot` free of model loading

    return default_bot(settings).answer(question, history=history)


def brief(article_ids=None, settings=None):
    """A ``Briefing`` (key points, who's who, timeline, places; every line cited) of the indexed
    articles named by ``article_ids`` (ids or unique prefixes), or of all of them.

    Raises ``ValueError`` for an id that matches no article.
    """
    from bot.service import default_bot  # lazy, as above

    return default_bot(settings).brief(article_ids)
