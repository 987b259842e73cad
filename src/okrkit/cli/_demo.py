"""``okrkit demo``: the main job, with nothing to prepare.

It reads the example that ships with okrkit (Acme, a Vietnamese software company's
first quarter of 2026), and prints its scorecard and its weekly digest as of the week
of its last check-in; ``--html`` writes the scorecard as one HTML page instead and
names the file.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from okrkit.cli._app import console, emit, fail, locale_chosen, read_okrs, with_locale
from okrkit.cli._help import PathParam, command, option
from okrkit.cli._report import build_report, show
from okrkit.i18n import N_, _, get_locale
from okrkit.model import OKRSet
from okrkit.report import render

__all__ = ["DEMO_FILES", "demo", "demo_file"]

DEMO_FILES = {"vi": "acme.yaml", "en": "acme.en.yaml"}
"""The example in each language, by the language's code."""

_CHECKOUT = Path(__file__).resolve().parents[3] / "examples"


def demo_file(language: str) -> Path:
    """The example okrkit ships, in ``language`` (``vi`` or ``en``; others read ``vi``).

    An installed okrkit carries it as package data (``okrkit/_demo/``); a checkout
    installed in editable mode reads it from the repository's ``examples/`` folder.

    Raises:
        FileNotFoundError: when neither holds it (a broken installation).
    """
    name = DEMO_FILES.get(language, DEMO_FILES["vi"])
    packaged = resources.files("okrkit").joinpath("_demo", name)
    if packaged.is_file():
        return Path(str(packaged))
    checkout = _CHECKOUT / name
    if checkout.is_file():
        return checkout
    raise FileNotFoundError(name)


def _last_checkin(okrset: OKRSet) -> dt.date:
    """The day of the set's last check-in: the demo's date (its cycle's end without any)."""
    days = okrset.checkins.days
    if len(days):
        return dt.date.fromordinal(int(days.max()))
    return max(cycle.end for cycle in okrset.cycles)


@command(
    help=N_(
        "Show what okrkit does on its bundled example: the scorecard and the weekly "
        "digest, or with --html one web page."
    )
)
@option(
    "--html",
    "html",
    is_flag=True,
    help=N_("Write the scorecard as one self-contained HTML page, and name the file."),
)
@option(
    "-o",
    "--output",
    type=PathParam(dir_okay=False, writable=True, path_type=Path),
    default=Path("okrkit-demo.html"),
    show_default=True,
    help=N_("Where --html writes the page."),
)
@with_locale
def demo(*, html: bool, output: Path) -> None:
    """Show the scorecard and weekly digest of the bundled example."""
    # The Vietnamese example unless the user asked for English (--locale, OKRKIT_LOCALE):
    # okrkit is made in Vietnam first, and the example's language then sets the output's.
    language = "en" if locale_chosen() and get_locale().startswith("en") else "vi"
    try:
        file = demo_file(language)
    except FileNotFoundError:
        fail(_("the bundled example is missing from this installation; reinstall okrkit"))
    okrset = read_okrs(file)
    as_of = _last_checkin(okrset)
    if html:
        page = render(build_report(okrset, "scorecard", as_of=as_of), "html")
        emit(page, output)  # "Wrote <file>" on standard error names it
        return
    for kind in ("scorecard", "digest"):
        show(build_report(okrset, kind, as_of=as_of), "text", None)
        console().print()
