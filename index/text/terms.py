"""Words → terms, shared by the lexical index and sentence scoring so both see the same terms."""

from __future__ import annotations

from functools import lru_cache

from index.text.tokens import folded_words

# Bump when ``terms()`` (or ``folded_words``) changes: kept lexical indexes (bot/lexical.py) are
# keyed by it.
TERMS_VERSION = 2

# Function words, plus question words and auxiliaries: they carry no topic.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just let me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom whose why will with would you your yours yourself yourselves may might must
    shall s t don doesn didn isn wasn aren weren won wouldn couldn shouldn according said says say
    also yet still many much one ones""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer  # PyStemmer: Snowball stemmers in C, what bm25s uses too

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Lemma then Snowball stem: the lemma maps irregular forms the stemmer can't ("met" → meet,
    "took" → take, "fled" → flee); the stem joins what remains ("capture"/"captured")."""
    import simplemma  # dictionary lemmatizer, no model download

    return _stemmer().stemWord(simplemma.lemmatize(word, lang="en").lower())


def terms(text: str) -> list[str]:
    """Stemmed content terms of ``text`` (stop words dropped), in order, with repeats."""
    return [
        stem(w) for w in folded_words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    ]


def term_matches(a: str, b: str) -> bool:
    """Same stem, or one a prefix of the other (≥6 letters): Snowball keeps "interven" and
    "intervent" apart, and we want "intervene" to match "intervention" (but not "found" to match
    "foundation")."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    # Snowball leaves agent nouns alone: "back"/"backer", "lead"/"leader".
    return (len(short) >= 6 and long_.startswith(short)) or long_ == short + "er"


def common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def name_matches(a: str, b: str) -> bool:
    """Looser, for names: "turkey" ~ "turkiy" (Türkiye) ~ "turkish", "iran" ~ "iranian",
    "lebanes" ~ "lebanon": a shared prefix of ≥4 letters covering ≥60% of the shorter term."""
    if a == b:
        return True
    n = common_prefix(a, b)
    return n >= 4 and n >= 0.6 * min(len(a), len(b))


def covered(term: str, text_terms: set[str] | frozenset[str], names: frozenset[str]) -> bool:
    """Is ``term`` in ``text_terms``: exactly, as a name variant (when it is one of ``names``, the
    question's names) or as a word form (``term_matches``)?"""
    if term in text_terms:
        return True
    match = name_matches if term in names else term_matches
    return any(match(term, u) for u in text_terms)
