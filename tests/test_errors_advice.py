"""Messages that advise a change word it for their surface, and errors count what they list.

A :class:`~okrkit.errors._message.Spelled` argument reads as a Python keyword, or as a
command-line option inside :func:`~okrkit.errors._message.on_command_line`; a problem
that sums up others (``Problem.unlisted``) is counted as those in the error's header.
"""

from __future__ import annotations

import pickle
import threading

import pytest

from okrkit.errors import Message, Problem, UsageError, ValidationError
from okrkit.errors._message import Spelled, on_command_line
from okrkit.i18n import N_, use_locale

ADVICE = Message(
    N_(
        "and {count} more rows that cannot be imported; fix these and import again, "
        "or pass {skip_bad} to import only the good rows"
    ),
    count=1500,
    skip_bad=Spelled("skip_bad=True", "--skip-bad"),
)


class TestSpelled:
    def test_python_by_default(self) -> None:
        """Outside the command line the advice names the Python keyword."""
        assert str(ADVICE).endswith("or pass skip_bad=True to import only the good rows")

    def test_the_option_on_the_command_line(self, locale: str) -> None:
        """Inside on_command_line() the advice names the option, in either language."""
        with on_command_line():
            shown = ADVICE.render(locale=locale)
        assert "--skip-bad" in shown
        assert "skip_bad" not in shown
        assert ("1,500" if locale == "en" else "1.500") in shown

    def test_rendered_when_shown_not_when_made(self) -> None:
        """A message made inside the block and shown outside it speaks Python: it is lazy."""
        with on_command_line():
            error = ValidationError(Problem("checkin.row", ADVICE))
        assert "skip_bad=True" in str(error)
        with on_command_line(), use_locale("vi"):
            assert "--skip-bad" in str(error)

    def test_the_block_ends_and_nests(self) -> None:
        """The spelling is restored after the block, after an error, and when nested."""

        def fails() -> None:
            with on_command_line():
                with on_command_line():
                    pass
                seen.append(str(ADVICE))
                raise RuntimeError

        seen: list[str] = []
        with pytest.raises(RuntimeError):
            fails()
        assert "--skip-bad" in seen[0]
        assert "skip_bad=True" in str(ADVICE)

    def test_other_threads_keep_their_spelling(self) -> None:
        """A thread started outside the block speaks Python whatever the main thread does."""
        seen: list[str] = []
        with on_command_line():
            thread = threading.Thread(target=lambda: seen.append(str(ADVICE)))
            thread.start()
            thread.join()
        assert "skip_bad=True" in seen[0]

    def test_a_message_as_either_spelling(self) -> None:
        """Either spelling may be a Message, translated when shown."""
        advice = Spelled(
            Message(N_("save it as UTF-8, or name its encoding with encoding=...")),
            Message(N_("save it as UTF-8")),
        )
        with on_command_line():
            assert advice == Spelled(advice.python, advice.command_line)
            assert Message(N_("{value}"), value=advice).render(locale="vi") == (
                "hãy lưu lại với mã hóa UTF-8"
            )


class TestUnlisted:
    def test_the_header_counts_what_a_summary_stands_for(self, locale: str) -> None:
        """20 problems and one for 280 more are "20 of 300 problems shown"."""
        rows = [Problem("checkin.row", N_("bad"), file="f.csv", line=n) for n in range(2, 22)]
        more = Problem("checkin.row", ADVICE, file="f.csv", unlisted=280)
        header = ValidationError([*rows, more]).render(locale=locale).splitlines()[0]
        assert (
            header
            == {"en": "20 of 300 problems shown:", "vi": "Hiển thị 20 trong số 300 lỗi:"}[locale]
        )

    def test_without_a_summary_every_problem_is_counted(self) -> None:
        """Problems of their own are counted as before."""
        rows = [Problem("checkin.row", N_("bad"), line=n) for n in range(3)]
        assert str(ValidationError(rows)).startswith("3 problems found:")

    def test_kept_through_pickle(self) -> None:
        """A pickled problem keeps how many it stands for."""
        more = Problem("checkin.row", ADVICE, unlisted=280)
        back = pickle.loads(pickle.dumps(more))
        assert back.unlisted == 280
        assert back == more

    @pytest.mark.parametrize("unlisted", [-1, 2.5, True, "3"])
    def test_must_be_a_whole_number(self, unlisted: object) -> None:
        """unlisted= must be a whole number of 0 or more."""
        with pytest.raises(UsageError, match="'unlisted' must be a whole number"):
            Problem("checkin.row", N_("bad"), unlisted=unlisted)  # type: ignore[arg-type]
