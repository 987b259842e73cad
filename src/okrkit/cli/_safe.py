r"""User text made safe for a terminal: no escape sequence or control character gets through.

The cleaning itself lives in :mod:`okrkit.i18n._display`, below the report layer, so
that the commands and the plain-text report renderers clean text the same way; this
module keeps the command line's own names for it. Every piece of user text a command
prints passes through :func:`terminal_text` first.

Rich markup is not a risk on top of that: the console prints with markup off, and user
text goes into :class:`rich.text.Text` objects, which never read ``[bold]`` as a style.
(``rich.markup.escape`` is therefore not used: with markup off it would print its
backslashes.)

Examples:
    >>> terminal_text("Grow \x1b[2Jfast")
    'Grow fast'
"""

from __future__ import annotations

from okrkit.i18n._display import terminal_lines, terminal_text

__all__ = ["terminal_lines", "terminal_text"]
