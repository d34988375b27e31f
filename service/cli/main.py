"""The ``sanctions`` command: one group, one module per family of subcommands.

Errors reach the user as one readable line and a non-zero exit code, never a traceback. Exit
codes: 0 success (``screen``: all clear), 1 review or conditional (``screen``) or a failed
check (``rules lint|test``), 2 prohibited (``screen``), 3 bad input, usage or refused (a broken
rule set, a refused list, a bad setting), 4 an internal error (a bug: report it).
"""

from __future__ import annotations

import sys

import click

from service import __version__
from service.cli.cases import audit, cases, officers
from service.cli.db import db
from service.cli.jobs import jobs
from service.cli.keys import keys
from service.cli.lists import lists
from service.cli.rescreens import rescreens
from service.cli.rules import rules
from service.cli.screen import screen
from service.cli.serve import openapi, serve
from service.cli.worker import worker


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sanctions")
def cli() -> None:
    """Screen transactions against UN Security Council sanctions."""


cli.add_command(rules)
cli.add_command(screen)
cli.add_command(serve)
cli.add_command(openapi)
cli.add_command(keys)
cli.add_command(lists)
cli.add_command(db)
cli.add_command(officers)
cli.add_command(cases)
cli.add_command(audit)
cli.add_command(worker)
cli.add_command(jobs)
cli.add_command(rescreens)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(3)  # usage errors too: click's 2 would read as "prohibited"
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(3)
    except BrokenPipeError:
        sys.exit(3)
    except Exception as exc:  # a last line of defence: one line, no traceback
        click.echo(f"error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(4)
