"""``sanctions rules lint|test|coverage|diff|mutate``: what rule authors run locally and in CI."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import click

from service.authoring.lint import lint
from service.authoring.ruletests import TestResult, run_tests
from service.ruletree import RuleTree, collect_tree, tree_root
from service.screening import Screener
from service.yamlsource import Collector, Problem

FORMATS = click.Choice(["text", "json", "github"])
DIFF_FORMATS = ["text", "markdown", "json", "junit", "github"]


@click.group()
def rules() -> None:
    """Lint and test rule files."""


def _paths(paths: tuple[str, ...]) -> list[Path]:
    found = [Path(p) for p in paths] or [Path("rules")]
    for p in found:
        if not p.exists():
            raise click.ClickException(f"{p}: no such file or folder")
    return found


def _print_problems(problems: list[Problem], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in problems], indent=2))
        return
    for p in problems:
        if fmt == "github":
            level = "error" if p.severity == "error" else "warning"
            loc = p.location
            click.echo(
                f"::{level} file={loc.file},line={loc.line},col={loc.col},title={p.code}::{p.message}"
            )
        else:
            click.echo(str(p) if p.severity == "error" else f"{p} (warning)")


def _clean_tree(paths: list[Path], fmt: str) -> RuleTree:
    """The tree under the paths, or its errors printed and a click error (exit 3)."""
    collector = Collector()
    tree = collect_tree(paths, collector)
    if collector.has_errors or tree is None:
        _print_problems([p for p in collector.problems if p.severity == "error"], fmt)
        raise click.ClickException(
            "the rule set has errors; run `sanctions rules lint` for all of them"
        )
    return tree


@rules.command("lint")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@click.option(
    "--no-coverage", is_flag=True, help="Do not require a triggering and a must-not test per rule."
)
def lint_command(paths: tuple[str, ...], fmt: str, no_coverage: bool) -> None:
    """Check rule files: report every problem as file:line:col: CODE message."""
    tree, problems = lint(_paths(paths), coverage=not no_coverage)
    _print_problems(problems, fmt)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if fmt == "text":
        count = len(tree.ruleset.rules) if tree else 0
        click.echo(f"{count} rules checked: {errors} errors, {warnings} warnings", err=True)
    sys.exit(1 if errors else 0)


@rules.command("coverage")
@click.argument("paths", nargs=-1)
@click.option(
    "--by", "by", type=click.Choice(["all", "regime", "resolution", "measure"]), default="all",
    show_default=True, help="Tables per regime and per resolution (all), one of them, or every measure.",
)  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def coverage_command(paths: tuple[str, ...], by: str, fmt: str) -> None:
    """Encoded, unencoded and unverified measures per regime and per resolution, and the share
    of citations verified; `--by measure`: the rules encoding each measure, or why none does."""
    from service.authoring import coverage as cov

    tree = _clean_tree(_paths(paths), "text")
    table = cov.coverage_table(tree)
    if by == "measure":
        _measure_listing(table, fmt)
        return
    tables = {"regime": cov.by_regime(tree), "resolution": cov.by_resolution(tree)}
    shown = tables if by == "all" else {by: tables[by]}
    total = cov.totals(tree)
    if fmt == "json":
        out: dict[str, Any] = {k: [r.to_dict() for r in rows] for k, rows in shown.items()}
        out["total"] = total.to_dict()
        click.echo(json.dumps(out, indent=2))
        return
    for kind, rows in shown.items():
        click.echo(
            f"{kind:<24} {'measures':>8} {'encoded':>8} {'unverif.':>8} {'unencoded':>9}  citations verified"
        )
        for r in rows:
            click.echo(_coverage_line(r))
        click.echo("")
    click.echo(_coverage_line(total))
    click.echo(
        f"{len(total.encoded)} of {total.measures} measures encoded, {len(total.unverified)} of them "
        f"on an unverified citation; {total.verified} of {total.citations} citations verified",
        err=True,
    )


def _coverage_line(r: Any) -> str:
    share = r.verified_share
    cites = f"{r.verified}/{r.citations} ({share:.0%})" if share is not None else "-"
    return (
        f"{r.name:<24} {r.measures:>8} {len(r.encoded):>8} {len(r.unverified):>8} "
        f"{len(r.unencoded):>9}  {cites}"
    )


def _measure_listing(table: list[Any], fmt: str) -> None:
    if fmt == "json":
        rows = [{"measure": m.id, "title": m.title, "regime": m.regime_folder, "rules": r,
                 "not_encoded": None if r else (m.not_encoded or "no reason given")} for m, r in table]  # fmt: skip
        click.echo(json.dumps(rows, indent=2))
        return
    for m, rule_ids in table:
        what = (
            ", ".join(rule_ids)
            if rule_ids
            else f"not encoded: {m.not_encoded or 'no reason given'}"
        )
        click.echo(f"{m.id:<14} {what}")
    encoded = sum(1 for _, r in table if r)
    click.echo(f"{encoded} of {len(table)} measures encoded", err=True)


@rules.command("init")
@click.argument("target", type=click.Path(file_okay=False))
def init_command(target: str) -> None:
    """Create a rule repository in TARGET: one regime, one rule and its tests, the taxonomy,
    the schema and a CI workflow (lint and test with JUnit output)."""
    from service.authoring.scaffold import ScaffoldError, init_rules

    try:
        written = init_rules(Path(target))
    except (ScaffoldError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created {len(written)} files in {target}; next: sanctions rules test {target}")


@rules.command("codes")
def codes_command() -> None:
    """Print every problem code with its meaning (the table in rules/README.md)."""
    from service.authoring.codes import codes_table

    click.echo(codes_table(), nl=False)


@rules.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of rule files (published as rules/schema/rule-file.schema.json)."""
    from service.engine.schema import rule_file_schema

    click.echo(json.dumps(rule_file_schema(), indent=2))


@rules.command("test")
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
@click.option(
    "--junit-xml", "junit", type=click.Path(dir_okay=False), help="Write a JUnit XML report."
)
def test_command(paths: tuple[str, ...], fmt: str, junit: str | None) -> None:
    """Run the tests beside the rules; exit 1 on any failure."""
    tree = _clean_tree(_paths(paths), fmt)
    results = run_tests(Screener.from_tree(tree), tree.ruleset.tests)
    _report(results, fmt)
    if junit:
        _write_junit(results, Path(junit))
    failed = sum(not r.passed for r in results)
    if fmt != "json":
        click.echo(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed or not results else 0)


def _report(results: list[TestResult], fmt: str) -> None:
    if fmt == "json":
        rows = [
            {"name": r.test.name, "file": r.test.location.file, "line": r.test.location.line,
             "passed": r.passed, "outcome": r.outcome, "failures": list(r.failures)}
            for r in results
        ]  # fmt: skip
        failed = sum(not r.passed for r in results)
        click.echo(
            json.dumps({"tests": rows, "passed": len(rows) - failed, "failed": failed}, indent=2)
        )
        return
    for r in results:
        if r.passed:
            continue
        loc = r.test.location
        for failure in r.failures:
            if fmt == "github":
                click.echo(
                    f"::error file={loc.file},line={loc.line},col={loc.col},title={r.test.name}::{failure}"
                )
            else:
                click.echo(f"{loc}: FAIL {r.test.name}: {failure}")


def _write_junit(results: list[TestResult], path: Path) -> None:
    failed = sum(not r.passed for r in results)
    suite = ET.Element("testsuite", name="sanctions rules", tests=str(len(results)), failures=str(failed),
                       errors="0", time=f"{sum(r.seconds for r in results):.3f}")  # fmt: skip
    for r in results:
        case = ET.SubElement(suite, "testcase", classname=r.test.location.file, name=r.test.name,
                             file=r.test.location.file, line=str(r.test.location.line), time=f"{r.seconds:.4f}")  # fmt: skip
        for failure in r.failures:
            ET.SubElement(case, "failure", message=failure).text = f"{r.test.location}: {failure}"
    root = ET.Element("testsuites", tests=str(len(results)), failures=str(failed))
    root.append(suite)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


@rules.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--rules", "rules_dir", default="rules", show_default=True,
    help="The rule folder in the working tree (HEAD when HEAD is not given; where git finds revisions).",
)  # fmt: skip
@click.option(
    "--corpus", "corpora", multiple=True, type=click.Path(exists=True, dir_okay=False),
    help="A file of transactions (JSON array or JSON Lines) to replay; repeatable.",
)  # fmt: skip
@click.option(
    "--examples", "examples", type=click.Path(file_okay=False),
    help="A folder of example transactions (default: examples/ beside the rule folder).",
)  # fmt: skip
@click.option("--no-tests", is_flag=True, help="Do not replay the rule tests.")
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS), default="text", show_default=True)
@click.option(
    "--junit-xml", "junit", type=click.Path(dir_okay=False), help="Also write a JUnit XML report."
)
def diff_command(
    base: str, head: str | None, rules_dir: str, corpora: tuple[str, ...], examples: str | None,
    no_tests: bool, fmt: str, junit: str | None,
) -> None:  # fmt: skip
    """Replay rule tests, examples and corpora through the BASE and HEAD rule sets (folders or
    git revisions) and report every flipped outcome and changed citation; exit 1 on a flip
    that no passing rule test of the changed rule declares."""
    import tempfile

    from service.authoring import corpus as c
    from service.authoring.diffreport import junit as junit_xml
    from service.authoring.diffreport import render, summary
    from service.authoring.revisions import RevisionError, tree_folder
    from service.authoring.rulediff import diff

    rules_path = Path(rules_dir)
    with tempfile.TemporaryDirectory(prefix="sanctions-diff-") as scratch:
        try:
            base_dir = tree_folder(base, rules_path, Path(scratch))
            head_dir = tree_folder(head, rules_path, Path(scratch)) if head else rules_path
        except RevisionError as exc:
            raise click.ClickException(str(exc)) from exc
        base_tree, head_tree = _strict_pair((base_dir, "BASE"), (head_dir, "HEAD"))
        sources: list[c.CorpusSource] = [] if no_tests else [c.RuleTests(base_tree, head_tree)]
        folder = Path(examples) if examples else rules_path.resolve().parent / "examples"
        if examples or folder.is_dir():
            sources.append(c.Examples(folder))
        sources += [c.TransactionFile(Path(p)) for p in corpora]
        sources += c.deployment_sources()
        try:
            report = diff(base_tree, head_tree, (i for s in sources for i in s.items()))
        except c.CorpusError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(render(report, fmt))
    if junit:
        Path(junit).write_text(junit_xml(report), "utf-8")
    if fmt not in ("text", "github"):
        click.echo(summary(report), err=True)
    sys.exit(1 if report.undeclared else 0)


def _strict_pair(*trees: tuple[Path, str]) -> list[RuleTree]:
    """Both trees loaded strictly, the first in a forked process while this one loads the
    second (loading is most of a small diff's time)."""
    import multiprocessing as mp

    if "fork" not in mp.get_all_start_methods():
        return [_strict(folder, which) for folder, which in trees]
    with mp.get_context("fork").Pool(1) as pool:
        first = pool.apply_async(_strict_or_error, trees[0])
        rest = [_strict(folder, which) for folder, which in trees[1:]]
        loaded = first.get()
    if isinstance(loaded, str):
        raise click.ClickException(loaded)
    return [loaded, *rest]


def _strict_or_error(folder: Path, which: str) -> RuleTree | str:
    try:
        return _strict(folder, which)
    except click.ClickException as exc:
        return exc.message


def _strict(folder: Path, which: str) -> RuleTree:
    """A whole tree with its tests, loaded strictly; errors are one click error (exit 3)."""
    from service.engine.errors import RuleSetError
    from service.ruletree import load_tree

    if not folder.is_dir():
        raise click.ClickException(f"{which} {folder}: no such folder")
    try:
        return load_tree(folder, with_tests=True)
    except (RuleSetError, OSError) as exc:
        raise click.ClickException(f"{which} rules ({folder}) do not load: {exc}") from exc


@rules.command("mutate")
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
)
@click.option(
    "--min-score", type=click.FloatRange(0, 100), default=None,
    help="Exit 1 when the share of mutants killed (in %) is below this.",
)  # fmt: skip
@click.option("--all", "show_all", is_flag=True, help="List killed mutants too.")
@click.option(
    "--suggest", type=click.Path(dir_okay=False),
    help="Write to this file a rule test (YAML) for each survivor that a small edit of its rule's tests kills.",
)  # fmt: skip
def mutate_command(
    paths: tuple[str, ...], fmt: str, min_score: float | None, show_all: bool, suggest: str | None
) -> None:
    """Mutation testing: move each date boundary by a day, drop each condition, swap each
    outcome, drop each exemption, widen and narrow each goods category, and report the mutants
    of the rules under PATHS that no rule test of the tree kills."""
    from service.authoring.mutation import MutationRun, rules_under

    found = _paths(paths)
    root = tree_root(found)
    if root is None:
        raise click.ClickException(f"{found[0]}: no regimes.yaml in or above it")
    tree = _strict(root, "the")
    run = MutationRun(tree)
    report = run.run(rules_under(tree, found))
    if suggest:
        _write_suggestions(run, report, Path(suggest))
    shown = report.results if show_all else report.survivors
    if fmt == "json":
        rows = [{"rule": r.mutant.rule.id, "location": str(r.mutant.rule.location),
                 "operator": r.mutant.operator, "mutation": r.mutant.description,
                 "killed_by": r.killed_by} for r in shown]  # fmt: skip
        stats = {k: {"mutants": n, "killed": x} for k, (n, x) in report.by_operator().items()}
        click.echo(json.dumps({"score": round(report.score, 2), "mutants": len(report.results),
                               "survived": len(report.survivors), "operators": stats,
                               "results": rows}, indent=2))  # fmt: skip
    for r in shown if fmt != "json" else ():
        loc, m = r.mutant.rule.location, r.mutant
        what = f"killed by '{r.killed_by}'" if r.killed_by else "survived"
        if fmt == "github":
            click.echo(
                f"::warning file={loc.file},line={loc.line},col={loc.col},title=mutant {what}::{m.rule.id}: {m.description}"
            )
        else:
            click.echo(f"{loc}: {m.rule.id}: {m.description}: {what}")
    ops = ", ".join(f"{k} {x}/{n}" for k, (n, x) in sorted(report.by_operator().items()))
    click.echo(
        f"{len(report.results)} mutants of {len({r.mutant.rule.id for r in report.results})} rules, "
        f"{len(report.survivors)} survived: score {report.score:.1f}% ({ops}; "
        f"{report.tests} tests, {report.seconds:.1f} s)",
        err=True,
    )
    if report.failing:
        click.echo(
            f"{len(report.failing)} rule tests fail on the rules and were not used", err=True
        )
    sys.exit(1 if min_score is not None and report.score < min_score else 0)


def _write_suggestions(run: Any, report: Any, path: Path) -> None:
    import yaml

    from service.authoring.killers import suggest

    tests = [t for t in (suggest(run, r.mutant) for r in report.survivors) if t]

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    header = (
        "# Suggested by `sanctions rules mutate --suggest`: check each against the resolution.\n"
    )
    body = yaml.dump(
        {"tests": tests}, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=160
    )
    path.write_text(header + body, "utf-8")
    click.echo(f"{len(tests)} suggested tests written to {path}", err=True)
