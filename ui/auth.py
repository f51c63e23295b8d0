"""The optional web chat login (``BRIEFING_AUTH=user:password``)."""

from __future__ import annotations


def parse_auth(value: str) -> tuple[str, str] | None:
    """``"user:password"`` → ``("user", "password")``; empty → ``None`` (no login).

    Only the first ``:`` separates, so passwords may contain colons.
    """
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ValueError("BRIEFING_AUTH must look like user:password")
    return user, password
