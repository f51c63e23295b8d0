"""The index's progress (``index.storage.progress.Progress``) rendered in a terminal.

Written here instead of with tqdm: gradio patches tqdm's class process-wide when it loads, which
broke a bar made before it (``briefing serve`` builds the index while gradio loads)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class TerminalBar:
    """``embedding: 120/356 passages (34%, 41/s)``: redrawn in place on a terminal, a line per
    tenth of the work (and the last) when the output is a file or a pipe."""

    def __init__(self, desc: str = "embedding", stream: TextIO | None = None) -> None:
        self.desc = desc
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.perf_counter()
        self.shown_tenth = -1
        self.last_draw = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        tenth = done * 10 // total
        is_tty = getattr(self.stream, "isatty", lambda: False)()
        if done < total and (
            (is_tty and now - self.last_draw < 0.1) or (not is_tty and tenth == self.shown_tenth)
        ):
            return
        self.shown_tenth, self.last_draw = tenth, now
        rate = done / max(now - self.started, 1e-6)
        line = f"{self.desc}: {done}/{total} passages ({done * 100 // total}%, {rate:.0f}/s)"
        end = "\n" if done >= total or not is_tty else ""
        self.stream.write(("\r" if is_tty else "") + line + end)
        self.stream.flush()


def terminal_bar(show: bool, desc: str = "embedding") -> TerminalBar | None:
    """A bar for the command line, or ``None`` when it should stay quiet (``--quiet``, ``--json``)."""
    return TerminalBar(desc) if show else None
