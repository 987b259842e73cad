"""A progress bar on standard error for work that takes a while, shown only in a terminal.

:func:`progress` wraps a step that may be long (reading a big file, scoring it,
importing check-ins, writing Parquet). After ``delay`` seconds (one by default) a rich
bar appears on standard error with what is being done and the time it has taken, and
it goes away when the step ends: quick work shows nothing. When standard error is not
a terminal (piped, captured, redirected to a file) nothing is ever written, whatever
``FORCE_COLOR`` or ``TERM`` say: a log or a pipe gets no animation.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from okrkit.cli._safe import terminal_text

__all__ = ["DELAY", "is_terminal", "progress"]

DELAY = 1.0
"""Seconds a step runs before its progress bar appears."""


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is an open terminal (not a pipe, a file or a test's capture).

    Examples:
        >>> import io
        >>> is_terminal(io.StringIO())
        False
    """
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or closed
        return False


@contextlib.contextmanager
def progress(
    description: str, *, delay: float | None = None, stream: TextIO | None = None
) -> Iterator[Callable[[str], None]]:
    """Show a progress bar on ``stream`` (standard error) while the block runs.

    The bar pulses, since how far the work has got is not known; it shows
    ``description`` (made safe for a terminal) and the time taken. It appears after
    ``delay`` seconds, only when ``stream`` is a terminal, and is removed at the end.

    Args:
        description: What is being done, in the active locale, such as "Reading x.yaml".
        delay: Seconds before the bar appears (:data:`DELAY` by default); quicker
            work shows nothing.
        stream: Where the bar goes (standard error by default).

    Yields:
        A function that changes the description, for a block of several steps.

    Examples:
        >>> import io
        >>> out = io.StringIO()
        >>> with progress("Reading okrs.yaml", delay=0, stream=out) as step:
        ...     step("Scoring")
        >>> out.getvalue()
        ''
    """
    target = sys.stderr if stream is None else stream
    if not is_terminal(target):
        yield lambda _description: None
        return
    console = Console(file=target, highlight=False, markup=False, emoji=False)
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task(terminal_text(description), total=None)
    lock = threading.Lock()
    state = {"started": False, "ended": False}

    def show() -> None:
        with lock:
            if not state["ended"]:
                bar.start()
                state["started"] = True

    timer = threading.Timer(DELAY if delay is None else delay, show)
    timer.daemon = True
    timer.start()
    try:
        yield lambda text: bar.update(task, description=terminal_text(text))
    finally:
        timer.cancel()
        with lock:
            state["ended"] = True
            if state["started"]:
                bar.stop()
