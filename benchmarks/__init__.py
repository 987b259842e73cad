"""okrkit's benchmarks: the steps of issue 8 against their baselines, in one table.

Run ``python -m benchmarks --help`` from the project root; see docs/performance.md.
"""
