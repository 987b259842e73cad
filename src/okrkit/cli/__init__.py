"""The ``okrkit`` command line.

``import okrkit`` never imports this package, click or rich; the console script
``okrkit`` does. Every command takes ``--locale`` (or reads ``OKRKIT_LOCALE``) and
speaks that language: labels, messages, numbers and dates.

Commands:
    okrkit --version                 print the installed version
    okrkit schema [-o FILE]          print (or write) the JSON Schema of the file format
    okrkit report FILE               print an outline of an OKR file
    okrkit score FILE --as-of DATE   score it: every objective and key result, with status
    okrkit graph FILE -f FORMAT      export its alignment graph (mermaid, dot, graphml, json)
    okrkit templates list            list the template catalogue
    okrkit templates search TEXT     search it, accents and case ignored
    okrkit templates show ID         preview one template and its parameters
    okrkit new --template ID ...     write a ready OKR file from a template

Modules, one per command or group, wired into the group below:
    ``_app``        the ``okrkit`` group and what commands share: ``--locale``, the
                    console, printing or writing the result, failing with a message
    ``_report``     ``schema``, and ``report`` with :func:`outline`
    ``_score``      ``score``
    ``_graph``      ``graph``
    ``_templates``  the ``templates`` group: ``list``, ``search``, ``show``
    ``_new``        ``new``
"""

from __future__ import annotations

from okrkit.cli._app import main
from okrkit.cli._graph import graph
from okrkit.cli._new import new
from okrkit.cli._report import outline, report, schema
from okrkit.cli._score import score
from okrkit.cli._templates import templates

__all__ = ["main", "outline"]

main.add_command(schema)
main.add_command(report)
main.add_command(score)
main.add_command(graph)
main.add_command(templates)
main.add_command(new)
