"""use_locale and held_locale as decorators of async functions and generators.

The locale holds while the decorated body runs, not only while the coroutine or the
generator is made; between the steps of a generator, the caller keeps its own locale.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
from collections.abc import AsyncIterator, Iterator

import pytest

from okrkit import Status
from okrkit.i18n import get_locale, held_locale, set_locale, use_locale


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no locale chosen by the environment or the process."""
    for name in ("OKRKIT_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    set_locale(None)


class TestCoroutines:
    def test_async_body_runs_in_the_locale(self) -> None:
        """The body of a decorated async def runs in the locale when it is awaited."""

        @use_locale("vi")
        async def handler() -> str:
            await asyncio.sleep(0)
            return Status.AT_RISK.label

        assert asyncio.run(handler()) == "có rủi ro"
        assert get_locale() == "en"

    def test_still_a_coroutine_function(self) -> None:
        """Frameworks that look for an async function still find one."""

        @use_locale("vi")
        async def handler() -> str:
            return get_locale()

        assert inspect.iscoroutinefunction(handler)
        assert handler.__name__ == "handler"

    def test_concurrent_tasks_each_restore_their_own(self) -> None:
        """Tasks awaiting one decorated function at once each end in their own locale."""

        @use_locale("vi")
        async def slow(delay: float) -> str:
            await asyncio.sleep(delay)
            return get_locale()

        async def caller(delay: float) -> tuple[str, str]:
            with use_locale("de"):
                inside = await slow(delay)
                return inside, get_locale()

        async def both() -> list[tuple[str, str]]:
            return list(await asyncio.gather(caller(0.02), caller(0.01)))

        assert asyncio.run(both()) == [("vi", "de"), ("vi", "de")]


class TestGenerators:
    def test_generator_body_runs_in_the_locale(self) -> None:
        """Each step of a decorated generator runs in the locale."""

        @use_locale("vi")
        def labels() -> Iterator[str]:
            yield Status.AT_RISK.label
            yield Status.ON_TRACK.label

        assert list(labels()) == ["có rủi ro", "đúng tiến độ"]

    def test_caller_keeps_its_locale_between_steps(self) -> None:
        """While the generator waits at a yield, the loop reading it has its own locale."""

        @use_locale("vi")
        def steps() -> Iterator[str]:
            yield get_locale()
            yield get_locale()

        with use_locale("de"):
            seen = [(inside, get_locale()) for inside in steps()]
        assert seen == [("vi", "de"), ("vi", "de")]
        assert get_locale() == "en"

    def test_a_block_inside_the_body_holds_across_its_yields(self) -> None:
        """A use_locale block of the body's own outlives a yield; after it, the decorator's."""

        @use_locale("vi")
        def steps() -> Iterator[str]:
            with use_locale("en_GB"):
                yield get_locale()
                yield get_locale()
            yield get_locale()

        gen = steps()
        with use_locale("de"):
            assert next(gen) == "en_GB"
            assert get_locale() == "de"
        assert [*gen] == ["en_GB", "vi"]
        assert get_locale() == "en"

    def test_send_throw_close_and_return_value(self) -> None:
        """send, throw and close reach the body in the locale; its return value comes back."""
        closed = []

        @use_locale("vi")
        def echo() -> Iterator[object]:
            try:
                received = yield get_locale()
                try:
                    yield (received, get_locale())
                except KeyError:
                    yield ("caught", get_locale())
                yield "last"
            finally:
                closed.append(get_locale())

        gen = echo()
        assert next(gen) == "vi"
        assert gen.send("hello") == ("hello", "vi")
        assert gen.throw(KeyError("x")) == ("caught", "vi")
        gen.close()
        assert closed == ["vi"]
        assert get_locale() == "en"

        @use_locale("vi")
        def counted() -> Iterator[int]:
            yield 1
            return 7

        def outer() -> Iterator[int]:
            result = yield from counted()
            yield result

        assert list(outer()) == [1, 7]

    def test_an_error_in_the_body_leaves_the_locale(self) -> None:
        """An error raised by the body propagates, and the caller's locale is back."""

        @use_locale("vi")
        def broken() -> Iterator[int]:
            yield 1
            raise RuntimeError("boom")

        gen = broken()
        next(gen)
        with pytest.raises(RuntimeError, match="boom"):
            next(gen)
        assert get_locale() == "en"

    def test_still_a_generator_function(self) -> None:
        """The decorated function is still a generator function, with its name."""

        @use_locale("vi")
        def labels() -> Iterator[str]:
            yield "x"

        assert inspect.isgeneratorfunction(labels)
        assert labels.__name__ == "labels"


class TestAsyncGenerators:
    def test_async_generator_steps_run_in_the_locale(self) -> None:
        """Each step of an async generator runs in the locale; the caller keeps its own."""

        @use_locale("vi")
        async def labels() -> AsyncIterator[str]:
            yield Status.AT_RISK.label
            await asyncio.sleep(0)
            yield get_locale()

        async def read() -> list[tuple[str, str]]:
            return [(label, get_locale()) async for label in labels()]

        assert asyncio.run(read()) == [("có rủi ro", "en"), ("vi", "en")]
        assert inspect.isasyncgenfunction(labels)

    def test_async_generator_closes_in_the_locale(self) -> None:
        """Closing runs the body's cleanup in the locale, and leaves the caller's."""
        closed = []

        @use_locale("vi")
        async def labels() -> AsyncIterator[str]:
            try:
                yield get_locale()
                yield get_locale()
            finally:
                closed.append(get_locale())

        async def read_one() -> tuple[str, str]:
            gen = labels()
            first = await gen.__anext__()
            await gen.aclose()
            return first, get_locale()

        assert asyncio.run(read_one()) == ("vi", "en")
        assert closed == ["vi"]


class TestPlainFunctions:
    def test_threads_calling_one_decorated_function_at_once(self) -> None:
        """Two threads inside one decorated function at once each restore their own locale."""
        first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
        results: dict[str, str] = {}

        @use_locale("vi")
        def speak(name: str) -> str:
            if name == "first":
                first_in.set()
                second_in.wait(5)
            else:
                first_in.wait(5)
                second_in.set()
                first_out.wait(5)
            return get_locale()

        def run(name: str) -> None:
            try:
                results[name] = speak(name) + "/" + get_locale()
            except Exception as exc:  # noqa: BLE001 - recorded for the assertion
                results[name] = repr(exc)
            if name == "first":
                first_out.set()

        threads = [threading.Thread(target=run, args=(name,)) for name in ("first", "second")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert results == {"first": "vi/en", "second": "vi/en"}


class TestHeldLocale:
    def test_held_locale_on_a_generator(self) -> None:
        """held_locale holds the locale found when the body starts, at every step."""

        @held_locale()
        def steps() -> Iterator[str]:
            yield get_locale()
            yield get_locale()

        with use_locale("vi"):
            gen = steps()
            assert next(gen) == "vi"
        assert next(gen) == "vi"
        assert get_locale() == "en"

    def test_held_locale_on_a_coroutine(self) -> None:
        """held_locale holds the locale of an async function's caller while it runs."""

        @held_locale()
        async def speak() -> str:
            await asyncio.sleep(0)
            return Status.AT_RISK.label

        async def caller() -> str:
            with use_locale("vi"):
                return await speak()

        assert asyncio.run(caller()) == "có rủi ro"
