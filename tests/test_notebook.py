"""examples/analysis.ipynb runs top to bottom in a fresh kernel, and is kept without outputs.

The notebook runs through nbclient in a kernel of this very Python (a kernel spec made
for the test, so no other Python's ``python3`` kernel is picked up). The test is skipped,
saying so, where nbclient, nbformat or ipykernel is not installed (the ``dev`` extra
installs them).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NOTEBOOK = EXAMPLES / "analysis.ipynb"
KERNEL = "okrkit-test"


@pytest.fixture
def kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A kernel spec that starts this Python, found through JUPYTER_PATH."""
    folder = tmp_path / "kernels" / KERNEL
    folder.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "okrkit test",
        "language": "python",
    }
    (folder / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    return KERNEL


class TestAnalysisNotebook:
    def test_kept_without_outputs(self) -> None:
        """The notebook in the repository has no outputs or execution counts."""
        cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
        code = [cell for cell in cells if cell["cell_type"] == "code"]
        assert code
        assert all(cell["outputs"] == [] and cell["execution_count"] is None for cell in code)

    def test_runs_top_to_bottom(self, kernel: str) -> None:
        """Every cell runs without error; the scorecard, a chart and the digest are shown."""
        for module in ("nbclient", "nbformat", "ipykernel"):
            pytest.importorskip(module, reason=f"{module} is not installed (the dev extra)")
        import nbformat
        from nbclient import NotebookClient

        notebook = nbformat.read(NOTEBOOK, as_version=4)
        client = NotebookClient(
            notebook,
            kernel_name=kernel,
            timeout=120,
            resources={"metadata": {"path": str(EXAMPLES)}},
        )
        client.execute()
        outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
        assert not [o for o in outputs if o["output_type"] == "error"]
        data = [o.get("data", {}) for o in outputs]
        html = "".join(str(d.get("text/html", "")) for d in data)
        assert "Bảng điểm tính đến ngày 20/3/2026" in html  # the scorecard, in Vietnamese
        assert sum("image/png" in d for d in data) == 2  # the burn-up and the progress chart
        markdown = "".join(str(d.get("text/markdown", "")) for d in data)
        # the alignment map: a picture where Graphviz is, else its Mermaid text
        from okrkit.report import graphviz_available

        if graphviz_available():
            assert any("Khối Kinh doanh" in str(d.get("image/svg+xml", "")) for d in data)
        else:
            assert "flowchart BT" in markdown
        assert "kr\\-velocity" in markdown  # the weekly digest names what moved
