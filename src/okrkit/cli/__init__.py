"""The ``okrkit`` command line.

``import okrkit`` never imports this package, click or rich; the console script
``okrkit`` does. Every command takes ``--locale`` (or reads ``OKRKIT_LOCALE``) and
speaks that language: labels, messages, numbers and dates; without either, a command
that reads an OKR set speaks the set's own ``locale``. An error is one line on
standard error (``okrkit --debug ...`` prints its traceback); the exit status is 0, 1
(okrkit could not do it), 2 (a usage error) or 70 (a bug), see ``_app``.

Commands:
    okrkit --version                 print the installed version
    okrkit schema [-o FILE]          print (or write) the JSON Schema of the file format
    okrkit report FILE               print an outline of an OKR file
    okrkit score FILE --as-of DATE   score it: every objective and key result, with status
                                     (--format text|json|csv, -o OUT)
    okrkit graph FILE -f FORMAT      export its alignment graph (mermaid, dot, graphml, json)
    okrkit templates list            list the template catalogue
    okrkit templates search TEXT     search it, accents and case ignored
    okrkit templates show ID         preview one template and its parameters
    okrkit new --template ID ...     write a ready OKR file from a template
    okrkit init [FOLDER]             make a workspace: an okrkit.toml and its store
    okrkit checkin KR VALUE          record a value for a key result (asks when missing)
    okrkit history ID                who changed an entity, and when; a key result's check-ins
    okrkit import-checkins FILE      check-ins from CSV, Excel or Parquet, all or none
    okrkit export-parquet FILE -o DIR  write it as Parquet tables, for DuckDB and Spark
    okrkit carry-forward --from C --to C  copy what is unfinished into the next cycle
    okrkit close CYCLE [--grade ...]  give every key result and objective a final grade
    okrkit check FILE|--store        lint it: the rules of good OKRs (--format text|json|
                                     sarif|github, --as-of DATE); exit 0, 1 on errors, 2

Modules, one per command or group, wired into the group below:
    ``_app``        the ``okrkit`` group and what commands share: ``--debug``,
                    ``--locale`` and the data's locale, reading an OKR file, the console,
                    printing or writing the result, failing with a message, exit codes
    ``_progress``   the progress bar of slow work, on a terminal only
    ``_report``     ``schema``, and ``report`` with :func:`outline`
    ``_score``      ``score``
    ``_graph``      ``graph``
    ``_import_command``  ``import-checkins``
    ``_templates``  the ``templates`` group: ``list``, ``search``, ``show``
    ``_new``        ``new``
    ``_workspace``  ``--file``/``--store``/``--workspace``: where a command reads and writes
    ``_store_commands``  ``init``, ``checkin`` and ``history`` (``_history_view``: its tables)
    ``_export_command``  ``export-parquet``
    ``_cycle_commands``  ``carry-forward`` and ``close``
    ``_check``      ``check`` (``_check_formats``: its JSON, SARIF, GitHub and text outputs)
"""

from __future__ import annotations

from okrkit.cli._app import main
from okrkit.cli._check import check
from okrkit.cli._cycle_commands import carry_forward_command, close_command
from okrkit.cli._demo import demo
from okrkit.cli._export_command import export_parquet
from okrkit.cli._graph import graph
from okrkit.cli._import_command import import_checkins
from okrkit.cli._new import new
from okrkit.cli._report import outline, report, schema
from okrkit.cli._score import score
from okrkit.cli._store_commands import checkin, history, init
from okrkit.cli._templates import templates

__all__ = ["main", "outline"]

main.add_command(demo)
main.add_command(schema)
main.add_command(report)
main.add_command(score)
main.add_command(graph)
main.add_command(import_checkins)
main.add_command(templates)
main.add_command(new)
main.add_command(init)
main.add_command(checkin)
main.add_command(history)
main.add_command(export_parquet)
main.add_command(carry_forward_command)
main.add_command(close_command)
main.add_command(check)
