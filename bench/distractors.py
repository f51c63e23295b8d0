"""A deterministic corpus of made-up news articles, to measure the bot at scale among distractors.

The articles use the vocabulary of international-politics news (ministers, talks, rebels,
refugees, highways, airstrikes) so they compete with real passages for both BM25 and the dense
model, but every name and place is invented: no distractor can hold a true answer about a real
article, so any answer taken from one is a retrieval error, and refusals stay meaningful.

Example:
    >>> write_distractors(Path("articles"), passages=10_000)  # ~1,000 Markdown files
"""

from __future__ import annotations

import datetime as dt
import random
import string
from pathlib import Path

from index.text.calendar import WEEKDAYS

_COUNTRIES = [
    "Veloria",
    "Marakand",
    "Ostrevia",
    "Karsh",
    "Lunaris",
    "Drevnia",
    "Talmor",
    "Essary",
    "Quorin",
    "Brastov",
    "Yelmira",
    "Zanthe",
    "Ardenia",
    "Holmgard",
    "Pelasia",
    "Corvath",
]
_CITIES = [
    "Tirsk",
    "Belloc",
    "Amaran",
    "Vostra",
    "Kelmor",
    "Sarn",
    "Ilvane",
    "Dunmere",
    "Ostra",
    "Fennick",
    "Maradur",
    "Celest",
    "Varn",
    "Tobrin",
    "Ushgar",
    "Lirien",
    "Pellmark",
    "Rask",
]
_FIRST = [
    "Arel",
    "Mira",
    "Tomas",
    "Irena",
    "Kasim",
    "Lena",
    "Davor",
    "Selin",
    "Orrin",
    "Nadia",
    "Piet",
    "Yara",
    "Bogdan",
    "Ilse",
    "Ramon",
    "Tova",
    "Emil",
    "Zora",
]
_LAST = [
    "Varga",
    "Ostrander",
    "Kelloway",
    "Marsh",
    "Dravic",
    "Sollen",
    "Ibarra",
    "Kettunen",
    "Morrow",
    "Halvorsen",
    "Castell",
    "Rusk",
    "Penhallow",
    "Zelenko",
    "Abernath",
    "Quill",
]
_GROUPS = [
    "the Northern Accord",
    "the Free Coast Movement",
    "the Highland Front",
    "the Union of Valleys",
    "the River Brigades",
    "the Eastern Compact",
    "the Dawn Alliance",
]
_ROLES = [
    "foreign minister",
    "defence minister",
    "prime minister",
    "opposition leader",
    "central bank governor",
    "army spokesman",
    "UN envoy",
    "interior minister",
]
_TOPICS = [
    "a ceasefire",
    "grain exports",
    "the border crossings",
    "a prisoner exchange",
    "the return of refugees",
    "energy prices",
    "the port blockade",
    "election monitoring",
    "reconstruction funds",
    "water rights on the river",
    "a new trade corridor",
]
_THINGS = ["bridges", "power stations", "fuel depots", "rail lines", "supply convoys", "airfields"]
_ROADS = [
    "the coastal highway",
    "the R7 motorway",
    "the mountain pass road",
    "the old rail corridor",
]

_SENTENCES = [
    "The {role} of {country}, {person}, said on {weekday} that talks on {topic} would resume in {city}.",
    "Officials in {city} confirmed that {group} had taken control of several districts overnight.",
    "{person}, the {role} of {country}, warned that {topic} could not wait for another summit.",
    "Airstrikes targeted {things} near {city}, according to a statement from {country}'s military.",
    "Thousands of residents have fled {city} as fighting moved closer to {road}.",
    "{city} sits along {road}, which links the capital of {country} with its northern provinces.",
    "Analysts say the balance of power in {country} is shifting after {number} years of stalemate.",
    "{country} has hosted {number} rounds of negotiations since the conflict began in {year}.",
    "Delegations from {country} and {country2} are expected to meet in {city} on {weekday}.",
    "{group} was founded in {year} and has since presented itself as a moderate force.",
    "The humanitarian situation around {city} is worsening, aid agencies said in a joint appeal.",
    "{country2} has backed {group} with weapons and training, a claim its government denies.",
    "Protests erupted in {city} in {year} over {topic}, and the government responded with arrests.",
    "Commanders said {things} outside {city} had been destroyed to slow the advance.",
    "The meeting in {city} is expected to focus on {topic} and on the fate of displaced families.",
]
_WEEKDAYS = [d.capitalize() for d in WEEKDAYS]


def _sentence(rng: random.Random) -> str:
    country, country2 = rng.sample(_COUNTRIES, 2)
    return rng.choice(_SENTENCES).format(
        role=rng.choice(_ROLES),
        country=country,
        country2=country2,
        city=rng.choice(_CITIES),
        person=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
        group=rng.choice(_GROUPS),
        topic=rng.choice(_TOPICS),
        things=rng.choice(_THINGS),
        road=rng.choice(_ROADS),
        weekday=rng.choice(_WEEKDAYS),
        number=rng.randint(2, 14),
        year=rng.randint(1990, 2023),
    )


def article_text(rng: random.Random, paragraphs: int, number: int = 0) -> str:
    """One Markdown article: title, byline, date, then ``paragraphs`` paragraphs of 3-5 sentences."""
    country, city = rng.choice(_COUNTRIES), rng.choice(_CITIES)
    title = rng.choice(
        [
            f"Talks in {city} Stall as {country} Weighs Its Options",
            f"{country} Faces New Pressure Over {string.capwords(rng.choice(_TOPICS))}",
            f"Fighting Near {city} Raises Fears of a Wider War",
        ]
    )
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
    body = [" ".join(_sentence(rng) for _ in range(rng.randint(3, 5))) for _ in range(paragraphs)]
    # the number makes every body unique, so no two files dedupe to one article
    body[0] += f" This is dispatch {number} from the regional desk."
    return (
        "\n\n".join(
            [
                f"# {title}",
                f"By {rng.choice(_FIRST)} {rng.choice(_LAST)}",
                date.strftime("%B %d, %Y"),
                *body,
            ]
        )
        + "\n"
    )


def write_distractors(
    folder: Path, passages: int, paragraphs_per_article: int = 10, seed: int = 0
) -> int:
    """Write made-up articles holding about ``passages`` body paragraphs into ``folder``; returns
    the number of files. The same arguments always give the same files."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = 0
    remaining = passages
    while remaining > 0:
        count = min(paragraphs_per_article, remaining)
        text = article_text(rng, count, written + 1)
        (folder / f"distractor-{written:06d}.md").write_text(text, encoding="utf-8")
        remaining -= count
        written += 1
    return written
