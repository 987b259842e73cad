"""The HTML report in a real browser: headless Chromium, at a phone's width and a desktop's.

The example's scorecard (``examples/acme.yaml`` as of 2026-03-20) is written to a file
and opened from a ``file://`` URL. The page must log no console error, ask for nothing
but the file itself, draw something (the screenshot is not blank), show the scorecard
(an objective's title and its burn-up chart are visible), and fit a phone's width
without the page scrolling sideways (wide tables scroll inside their own box). The
digest and the review of the example are opened too, and held to the same.

The browser is Debian's ``chromium`` (``apt-get install chromium``; ``.ci/run`` installs
it), driven by the ``playwright`` package (the ``dev`` extra), which never downloads a
browser of its own here. Without either, the test is skipped with a message, except
when ``OKRKIT_REQUIRE_BROWSER=1`` (as ``.ci/run`` sets it): then it fails, so that CI
cannot pass without having run it.

The browser runs in a child process with a timeout, so that a browser that hangs fails
the test instead of the suite.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import okrkit
from okrkit.report import build_digest, build_review, build_scorecard, to_html

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "acme.yaml"
AS_OF = dt.date(2026, 3, 20)
TITLE = "Trở thành phần mềm bán hàng được các cửa hàng bán lẻ Việt Nam tin dùng nhất"
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}
TIMEOUT = 180

# Run in the child: open the page at each viewport, record what happens, print JSON.
BROWSE = r"""
import json, sys, zlib
from playwright.sync_api import sync_playwright

pages, chromium, viewports = json.loads(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def colours(png):
    # Distinct colours through Pillow; without it, distinct bytes of the decoded image data.
    try:
        import io
        from PIL import Image
        image = Image.open(io.BytesIO(png)).convert("RGB")
        return len(image.getcolors(maxcolors=1 << 24) or ())
    except ImportError:
        data, at = b"", 8
        while at < len(png):
            size = int.from_bytes(png[at:at + 4], "big")
            if png[at + 4:at + 8] == b"IDAT":
                data += png[at + 8:at + 8 + size]
            at += 12 + size
        return len(set(zlib.decompress(data)))


found = {}
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
    for kind, path, title, drawing in pages:
        for name, (width, height) in viewports.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            requests, errors = [], []
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto("file://" + path, wait_until="load")
            shot = page.screenshot()
            chart = page.locator(drawing).first.bounding_box() if drawing else None
            found[kind + " " + name] = {
                "url": "file://" + path,
                "requests": requests,
                "errors": errors,
                "colours": colours(shot),
                "title_visible": page.get_by_text(title).first.is_visible(),
                "heading_visible": page.locator("h1").first.is_visible(),
                "chart": [chart["width"], chart["height"]] if chart else None,
                "page_width": page.evaluate("document.documentElement.scrollWidth"),
                "lang": page.evaluate("document.documentElement.lang"),
            }
            page.close()
    browser.close()
print(json.dumps(found))
"""


def _unavailable(reason: str) -> None:
    """Skip, or fail where CI requires the browser test to run."""
    if os.environ.get("OKRKIT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; OKRKIT_REQUIRE_BROWSER=1 requires the browser test to run")
    pytest.skip(reason)


def _chromium() -> str:
    """The path of Debian's chromium, or a skip (a failure where it is required)."""
    if importlib.util.find_spec("playwright") is None:
        _unavailable('playwright is not installed (pip install -e ".[dev]")')
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if found is None:
        _unavailable("no chromium browser on this machine (apt-get install chromium)")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def browsed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the browser saw of the example's pages, by ``"<kind> <viewport>"``."""
    chromium = _chromium()
    okrs = okrkit.load(EXAMPLE)
    digest = build_digest(okrs, as_of=AS_OF)
    review = build_review(okrs, cycle="2026-Q1", as_of="2026-03-31")
    folder = tmp_path_factory.mktemp("html")
    pages = []
    for kind, report, title, drawing in (
        ("scorecard", build_scorecard(okrs, as_of=AS_OF), TITLE, "svg.burnup"),
        ("digest", digest, digest.moved[0].title, None),
        ("review", review, review.grades[0].title, "figure.donut svg"),
    ):
        path = folder / f"{kind}.html"
        path.write_text(to_html(report, locale="vi"), encoding="utf-8")
        pages.append((kind, str(path), title, drawing))
    env = {**os.environ, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}
    command = [sys.executable, "-c", BROWSE, json.dumps(pages), chromium, json.dumps(VIEWPORTS)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False, env=env
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the browser did not finish within {TIMEOUT} s")
    if done.returncode:
        pytest.fail(f"the browser run failed:\n{done.stderr[-3000:]}")
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
class TestScorecardInChromium:
    def test_no_console_error(self, browsed: dict[str, Any], viewport: str) -> None:
        """The page logs no error and raises none."""
        assert browsed[f"scorecard {viewport}"]["errors"] == []

    def test_no_request_but_the_file(self, browsed: dict[str, Any], viewport: str) -> None:
        """The browser asks for the file itself and nothing else."""
        seen = browsed[f"scorecard {viewport}"]
        assert seen["requests"] == [seen["url"]]

    def test_screenshot_is_not_blank(self, browsed: dict[str, Any], viewport: str) -> None:
        """The screenshot has text and charts in it: many colours, not one."""
        assert browsed[f"scorecard {viewport}"]["colours"] > 50

    def test_scorecard_is_visible(self, browsed: dict[str, Any], viewport: str) -> None:
        """The heading, a company objective's title and its burn-up chart are on screen."""
        seen = browsed[f"scorecard {viewport}"]
        assert seen["heading_visible"]
        assert seen["title_visible"]
        assert seen["chart"] is not None
        assert min(seen["chart"]) > 50
        assert seen["lang"] == "vi"

    def test_fits_the_width(self, browsed: dict[str, Any], viewport: str) -> None:
        """The page never scrolls sideways; wide tables scroll inside their own box."""
        assert browsed[f"scorecard {viewport}"]["page_width"] <= VIEWPORTS[viewport][0]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", ["digest", "review"])
class TestDigestAndReviewInChromium:
    def test_quiet_offline_and_within_the_width(
        self, browsed: dict[str, Any], kind: str, viewport: str
    ) -> None:
        """No error, no request but the file, its content shown, no sideways scrolling."""
        seen = browsed[f"{kind} {viewport}"]
        assert seen["errors"] == []
        assert seen["requests"] == [seen["url"]]
        assert seen["colours"] > 20
        assert seen["heading_visible"]
        assert seen["title_visible"]
        assert seen["page_width"] <= VIEWPORTS[viewport][0]
        if kind == "review":
            assert seen["chart"] is not None
            assert min(seen["chart"]) > 20
