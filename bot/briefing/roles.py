"""The words that say who someone is: role and title words ("minister", "spokeswoman"), and the
patterns around a name that give its role: an appositive ("X, the leader of HTS,"), a role
before it ("Foreign Minister X"), a copula ("X is a ..."). Who's who, the kind corrections and
name extension all read them here."""

from __future__ import annotations

import re

# Role and title words: used by who's who to find the words that say who someone is.
_ROLE_WORDS = """president minister ministers prime secretary general chief king queen prince
princess sheikh emir mayor governor senator judge justice ambassador envoy commander colonel
captain lieutenant sergeant director chairman chairwoman chair ceo founder leader leaders
spokesman spokeswoman spokesperson dr mr mrs ms professor prof pope bishop imam ayatollah officer
engineer coach deputy vice speaker chancellor premier sir lord lady counterpart head boss
executive commissioner representative rep adviser advisor analyst author editor correspondent
reporter co-founder mp lawmaker candidate nominee congressman congresswoman attorney lawyer
researcher scientist economist student worker owner manager president-elect duke duchess
spokesperson strategist activist actor actress singer host presenter member"""
ROLE_WORDS = frozenset(_ROLE_WORDS.split())
APPOSITIVE = re.compile(
    r"^(?:\s*\([^()]{1,15}\))?\s*,\s+((?:(?:the|a|an|his|her|their|its|once|originally|formerly|"
    r"previously|now|also)\s+|who\s|which\s|[A-Z][\w’'-]+\s+(?=[a-z]))"
    r"(?:[^,.;]|(?<=\d)[,.](?=\d)|(?<=\b[A-Z])\.){3,90})[,.;]"
)
ROLE_BEFORE = re.compile(
    r"((?:[A-Z][\w’'-]+\s+)?\b(?:" + "|".join(sorted(ROLE_WORDS)) + r"))(?:,\s+|\s+)$",
    re.IGNORECASE,
)
COPULA = re.compile(
    r"^(?:’s|'s)?\s+(?:is|was|are|were|has been|had been)\s+(?:a|an|the|one|"
    r"strategically|located)\b"
)
