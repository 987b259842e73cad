"""Run the benchmarks of issue 8 and print one table: ``python -m benchmarks``.

Options: ``--size N`` (objectives, 100,000 by default), ``--repeat R`` (best of R runs,
3 by default), ``--steps a,b,...`` (a subset of the steps) and ``--markdown`` (print
the table as Markdown too, for docs/performance.md).

Exits with 1 when okrkit and the pandas pipeline give different scores (or the graphs
differ), and with 2 when a step failed; a ratio over the issue's limit is marked in the
table but does not change the exit status.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import okrkit.scoring
from benchmarks._session import Session
from benchmarks._steps import STEPS, Step
from benchmarks._table import Result, header, legend, render

# okrkit.scoring is imported up front (OKRSet.score imports it lazily), so that no step's
# first run pays for an import; the import step measures imports, in a fresh interpreter.
_PRELOADED = (okrkit.scoring,)
NAMES = [step.name for step in STEPS]


def _steps(text: str) -> list[Step]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in NAMES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown step {', '.join(map(repr, unknown)) or '(none)'}; "
            f"choose from {', '.join(NAMES)}"
        )
    return [step for step in STEPS if step.name in names]


def _positive(text: str) -> int:
    value = int(text.replace("_", "").replace(",", ""))
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {text})")
    return value


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command line's options."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--size", type=_positive, default=100_000, help="objectives")
    parser.add_argument("--repeat", type=_positive, default=3, help="best of R runs")
    parser.add_argument(
        "--steps", type=_steps, default=list(STEPS), help=f"comma-separated: {','.join(NAMES)}"
    )
    parser.add_argument("--markdown", action="store_true", help="print Markdown too")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the chosen steps, print the table; the exit status says what went wrong."""
    args = parse(argv)
    sessions: dict[int, Session] = {}
    wants_leverage = any(step.name == "leverage" for step in args.steps)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="okrkit-benchmarks-") as folder:

        def session(size: int) -> Session:
            if size not in sessions:
                sessions[size] = Session(size, Path(folder), args.repeat, leverage=wants_leverage)
            return sessions[size]

        for step in args.steps:
            if not step.sized:
                print(f"{step.name} ...", file=sys.stderr, flush=True)
                results.append(Result(step, None, step.measure(session(args.size))))
                continue
            size = max(1, args.size // step.scale)
            small_size = max(1, size // 10)
            print(f"{step.name} at {small_size:,} ...", file=sys.stderr, flush=True)
            small = step.measure(session(small_size))
            print(f"{step.name} at {size:,} ...", file=sys.stderr, flush=True)
            measure = step.measure(session(size))
            results.append(Result(step, size, measure, small_size, small))

    print("\n".join(header(args.size, args.repeat)))
    print()
    print(render(results))
    print()
    print("\n".join(legend(results)))
    if args.markdown:
        print()
        print("\n".join(f"{line}  " for line in header(args.size, args.repeat)))
        print()
        print(render(results, markdown=True))
        print()
        print("\n".join(f"- {line}" for line in legend(results)))
    errors = [error for result in results for error in result.errors]
    if errors:
        print("\nErrors:")
        print("\n".join(f"- {error}" for error in errors))
    mismatches = [m for s in sessions.values() for m in s.mismatches]
    if mismatches:
        print(
            "\nokrkit and the baseline disagree:\n" + "\n".join(f"- {m}" for m in mismatches),
            file=sys.stderr,
        )
        return 1
    if errors:
        print(f"\n{len(errors)} measures failed (see Errors above)", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
