"""How a long index job says how far it is: a plain callback owned by ``index`` that the command
line and the web tab each render their own way (a terminal line, gradio's progress bar).

Not a tqdm bar passed around: gradio patches tqdm's class inside the process once it is imported,
and a bar made before that broke on its next update (a first ``briefing serve`` over a user's
folder died mid-build). A callback depends on no other library's state."""

from __future__ import annotations

from collections.abc import Callable

# (passages embedded and written so far, passages to write in all); called after each batch.
Progress = Callable[[int, int], None]


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell ``progress`` (if any) that ``done`` of ``total`` passages are written."""
    if progress is not None and total:
        progress(done, total)
