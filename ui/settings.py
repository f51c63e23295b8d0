"""The one settings object the CLI and the web chat build: the bot's settings
(``bot.settings``) plus where the chat listens and who may log in."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.settings import BotSettings


@dataclass(frozen=True)
class Settings(BotSettings):
    """Every setting of the app: ``BRIEFING_<FIELD>`` env vars over the defaults, CLI flags over
    those.

    Example:
        >>> s = Settings.from_env({"BRIEFING_DATA_DIR": "/tmp/b"}).replace(llm="extractive")
    """

    #: Web chat bind address and port.
    host: str = "127.0.0.1"
    port: int = 7860
    #: ``user:password`` to require a login in the web chat; empty means none.
    auth: str = field(default="", repr=False)  # holds a password: kept out of repr(), like the key
