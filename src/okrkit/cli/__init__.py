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
    okrkit map FILE [-f svg|png|...]  draw its alignment map: clusters, colours by status
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
    ``_app``        the ``okrkit`` group and what commands share: ``--debug``, reading
                    an OKR file, the console, printing or writing the result, failing
                    with a message, exit codes
    ``_language``   ``--locale``, ``OKRKIT_LOCALE`` and the data's locale, as a command runs
    ``_peek``       the language the command line asks for, found before click parses it
    ``_help``       commands, options and arguments whose help speaks the active locale
    ``_words``      click's own words (``Usage:``, ``Error:``) from okrkit's catalogue
    ``_types``      click's parameter types (numbers, ranges) named in the active locale
    ``_progress``   the progress bar of slow work, on a terminal only
    ``_report``     ``schema``, and ``report`` with :func:`outline`
    ``_score``      ``score``
    ``_graph``      ``graph``
    ``_map``        ``map``
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

from okrkit.cli import (
    _check,
    _cycle_commands,
    _demo,
    _export_command,
    _graph,
    _import_command,
    _map,
    _new,
    _report,
    _score,
    _store_commands,
    _templates,
)
from okrkit.cli._app import main
from okrkit.cli._report import outline

__all__ = ["main", "outline"]

# The commands, in the order of the help page's source; modules, not names, are imported
# here, so that `okrkit.cli` exports nothing but `main` and `outline`.
for _command in (
    _demo.demo,
    _report.schema,
    _report.report,
    _score.score,
    _graph.graph,
    _map.map_command,
    _import_command.import_checkins,
    _templates.templates,
    _new.new,
    _store_commands.init,
    _store_commands.checkin,
    _store_commands.history,
    _export_command.export_parquet,
    _cycle_commands.carry_forward_command,
    _cycle_commands.close_command,
    _check.check,
):
    main.add_command(_command)
