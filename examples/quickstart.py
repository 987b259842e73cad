"""Load the example company, look around, and save a copy in each format.

Run it from anywhere: ``python examples/quickstart.py``.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import okrkit

HERE = Path(__file__).resolve().parent


def main() -> None:
    okrs = okrkit.load(HERE / "acme.en.yaml")
    key_results = list(okrs.key_results)
    print(f"{len(okrs.objectives)} objectives, {len(key_results)} key results")

    by_level = Counter(objective.level.label for objective in okrs.objectives)
    for level, count in by_level.items():
        print(f"  {level}: {count}")

    kinds = Counter(kr.metric.kind.label for kr in key_results)
    print("metric kinds:", ", ".join(f"{kind} x{count}" for kind, count in kinds.items()))

    shared = [kr for kr in key_results if len(kr.owners) > 1]
    print(f"{len(shared)} key results have several owners, for example:")
    for kr in shared[:3]:
        names = ", ".join(okrs.owner(owner).name for owner in kr.owners)
        print(f"  {kr.title} ({names})")

    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".yaml", ".toml", ".json"):
            path = Path(folder) / f"acme{suffix}"
            okrkit.dump(okrs, path)
            assert okrkit.load(path) == okrs
            print(f"saved and re-read {path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
