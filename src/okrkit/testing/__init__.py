"""Hypothesis strategies that generate valid OKR data, for property-testing your tools.

okrkit tests itself with these strategies; they are public so that you can test
your own exporters, reports, scoring strategies and lint rules on OKR data you did
not think of. Every object they generate passes the model's validation, and whole
sets from :func:`okr_sets` pass every cross-reference check as well: ids are unique,
owners form a tree, alignment links never loop and only join overlapping cycles,
due dates fall inside their cycles and check-in values suit their metrics.

The strategies need the ``testing`` extra (``pip install "okrkit[testing]"``);
``import okrkit`` never imports hypothesis.

Strategies for single objects (:func:`objectives`, :func:`checkins`, ...) take the ids
they may refer to as arguments; left out, they refer to made-up ids, which a single
object accepts but an :class:`~okrkit.OKRSet` would not. To get objects that refer to
each other, draw a whole set with :func:`okr_sets`.

Sizes are small by default so that tests stay fast; every strategy that makes
collections has parameters to grow them. Numbers are finite, kept within about
``±1e15``, and differ by realistic amounts (whole numbers and cents most of the time),
so that arithmetic on them does not overflow.

Examples:
    Use the strategies with :func:`hypothesis.given`, usually in a test module; this
    test checks that any OKR set survives a JSON round trip:

    >>> import okrkit
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, deadline=None)
    ... @given(okr_sets(max_objectives=6))
    ... def test_json_round_trip(okrs):
    ...     assert okrkit.loads(okrkit.dumps(okrs, "json"), "json") == okrs
    >>> test_json_round_trip()
"""

# ruff: noqa: E402, I001
# E402: hypothesis is looked for before the strategy modules import it, so that a missing
# extra is reported as such (MissingExtraError, naming `pip install "okrkit[testing]"`).
# I001: the strategies are imported in reading order, simplest first, which the API
# reference follows.

from __future__ import annotations

from okrkit.errors import import_extra

import_extra("hypothesis", "testing")

from okrkit.testing._primitives import ids, texts
from okrkit.testing._entities import cycles, owners
from okrkit.testing._metrics import metrics
from okrkit.testing._objectives import alignments, key_results, objectives
from okrkit.testing._entities import initiatives, checkins
from okrkit.testing._sets import okr_sets
from okrkit.testing._templates import template_parameters
from okrkit.testing._graphs import GraphOperation, alignment_graphs, graph_operations

__all__ = [
    "GraphOperation",
    "alignment_graphs",
    "alignments",
    "checkins",
    "cycles",
    "graph_operations",
    "ids",
    "initiatives",
    "key_results",
    "metrics",
    "objectives",
    "okr_sets",
    "owners",
    "template_parameters",
    "texts",
]
