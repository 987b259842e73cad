"""How much okrkit adds on top of plain parsing and plain attrs classes.

Prints, from one run, the time of each okrkit step and of a plain baseline doing
the same raw work, and their ratio:

- loading a large OKR file (JSON and YAML) against parsing the same text with
  ``json.loads`` / PyYAML's C-accelerated safe loader;
- constructing validated check-ins against constructing an unvalidated frozen
  attrs class with the same fields.

Run: ``python benchmarks/load.py [--objectives N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
from pathlib import Path

import attrs
import yaml
from _timing import best_of

import okrkit
from okrkit import CheckIn, Cycle, KeyResult, Metric, Objective, OKRSet, Owner


def organisation(objectives: int, key_results: int = 4, weeks: int = 13) -> OKRSet:
    """A generated organisation: one cycle, ten owners, weekly check-ins for every KR."""
    cycle = Cycle.quarter(2026, 1)
    owners = [Owner(id=f"p{i}", name=f"Person {i}") for i in range(10)]
    objs = []
    checkins = []
    for o in range(objectives):
        krs = []
        for k in range(key_results):
            ident = f"kr-{o}-{k}"
            krs.append(
                KeyResult(
                    id=ident,
                    title=f"Raise metric {ident} from 10 to 20",
                    metric=Metric(kind="increase", start=10.0, target=20.0),  # type: ignore[arg-type]
                    owners=(f"p{o % 10}",),
                )
            )
            checkins.extend(
                CheckIn(
                    key_result=ident,
                    on=cycle.start + dt.timedelta(days=7 * w + 4),
                    value=10.0 + w * 0.7,
                )
                for w in range(weeks)
            )
        objs.append(
            Objective(
                id=f"obj-{o}",
                title=f"Objective {o}",
                owner=f"p{o % 10}",
                cycle=cycle.id,
                level="team",  # type: ignore[arg-type]
                aligned_to=(f"obj-{o // 10}",) if o >= 10 else (),
                key_results=krs,
            )
        )
    return OKRSet(cycles=[cycle], owners=owners, objectives=objs, checkins=checkins)


@attrs.frozen(kw_only=True)
class PlainCheckIn:
    """The baseline: the same fields, no validation."""

    key_result: str
    on: dt.date
    value: float
    confidence: int | None = None
    note: str = ""
    author: str | None = None


def report(name: str, ours: float, baseline: float) -> None:
    """Print one comparison line."""
    times = f"okrkit {ours:8.3f} s   baseline {baseline:8.3f} s"
    print(f"{name:<34} {times}   ratio {ours / baseline:5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objectives", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    okrs = organisation(args.objectives)
    n_checkins = len(okrs.checkins)
    print(
        f"{len(okrs.objectives)} objectives, {len(list(okrs.key_results))} key results, "
        f"{n_checkins} check-ins"
    )
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".json", ".yaml"):
            path = Path(folder) / f"org{suffix}"
            okrkit.dump(okrs, path)
            text = path.read_text(encoding="utf-8")
            if suffix == ".json":
                baseline, _result = best_of(args.repeat, lambda text=text: json.loads(text))
            else:
                baseline, _result = best_of(
                    args.repeat, lambda text=text: yaml.load(text, Loader=loader)
                )
            ours, _result = best_of(args.repeat, lambda path=path: okrkit.load(path))
            report(f"load {suffix[1:]} ({path.stat().st_size // 1024} KiB)", ours, baseline)

    day = dt.date(2026, 1, 9)
    count = n_checkins
    ours, _result = best_of(
        args.repeat,
        lambda: [CheckIn(key_result="kr-1", on=day, value=float(i)) for i in range(count)],
    )
    baseline, _result = best_of(
        args.repeat,
        lambda: [PlainCheckIn(key_result="kr-1", on=day, value=float(i)) for i in range(count)],
    )
    report(f"construct {count} check-ins", ours, baseline)


if __name__ == "__main__":
    main()
