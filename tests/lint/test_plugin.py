"""A third-party rule declared in the ``okrkit.lint_rules`` entry-point group runs in check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PLUGIN = Path(__file__).resolve().parent / "plugin"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme.en.yaml"
UNTAGGED = """\
cycles: [{id: 2026-Q1, name: Q1, start: 2026-01-01, end: 2026-03-31}]
owners: [{id: acme, name: Acme, kind: company}]
objectives:
  - id: o-tagged
    title: Delight our customers
    owner: acme
    cycle: 2026-Q1
    level: company
    tags: [customers]
  - id: o-plain
    title: Grow where our customers are
    owner: acme
    cycle: 2026-Q1
    level: company
"""


def run_check(*args: str, plugin: bool = True) -> subprocess.CompletedProcess[str]:
    """``python -m okrkit check ARGS`` in a child, the demo package's folder on its path."""
    env = dict(os.environ)
    paths = [str(PLUGIN)] if plugin else []
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return subprocess.run(
        [sys.executable, "-m", "okrkit", "check", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


class TestEntryPoint:
    def test_plugin_rule_runs(self, tmp_path: Path):
        """The demo rule's code appears, with file and line, and its error exits 1."""
        path = tmp_path / "okrs.yaml"
        path.write_text(UNTAGGED, encoding="utf-8")
        done = run_check(str(path), "--format", "json", "--locale", "en")
        assert done.returncode == 1, done.stderr
        (found,) = [d for d in json.loads(done.stdout) if d["code"] == "DEMO001"]
        assert (found["entity_id"], found["severity"]) == ("o-plain", "error")
        assert (found["file"], found["line"]) == (str(path), 10)

    def test_without_the_plugin(self):
        """Without the package on the path, no DEMO001 and the example exits 0."""
        done = run_check(str(EXAMPLE), "--format", "json", plugin=False)
        assert done.returncode == 0, done.stderr
        assert "DEMO001" not in done.stdout

    def test_sarif_lists_the_plugin_rule(self):
        """SARIF's driver lists the plugin's rule beside okrkit's."""
        done = run_check(str(EXAMPLE), "--format", "sarif")
        rules = json.loads(done.stdout)["runs"][0]["tool"]["driver"]["rules"]
        assert {"OKR101", "DEMO001"} <= {rule["id"] for rule in rules}
