"""A rule tree named by a folder or by a git revision of the repository holding the rules.

``sanctions rules diff main`` compares the rules of branch ``main`` with the working tree: the
revision's copy of the rule folder is extracted (``git archive``) into a temporary folder.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from service.engine.loader import REGIMES_FILE


class RevisionError(Exception):
    """Neither a rule folder nor a git revision of the repository holding the rules."""


def tree_folder(spec: str, rules: Path, scratch: Path) -> Path:
    """The folder of the rule tree ``spec`` names: a folder as it is, else ``rules`` at the
    git revision ``spec`` (extracted under ``scratch``)."""
    path = Path(spec)
    if path.is_dir():
        if not (path / REGIMES_FILE).is_file() and (path / "rules" / REGIMES_FILE).is_file():
            return path / "rules"  # a checkout: its rules/ folder
        return path
    return _extract(spec, rules, scratch)


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RevisionError(f"git {' '.join(args)}: {exc}") from exc
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        raise RevisionError(said[-1] if said else f"git {args[0]} failed")
    return done.stdout


def _extract(spec: str, rules: Path, scratch: Path) -> Path:
    folder = rules.resolve()
    if not folder.is_dir():
        raise RevisionError(f"{spec}: not a folder, and {rules} is not a folder to find git in")
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"], folder)
    except RevisionError as exc:
        raise RevisionError(f"{spec}: neither a rule folder nor a git revision") from exc
    top = Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip())
    prefix = folder.relative_to(top.resolve()).as_posix()
    data = _git(["archive", "--format=tar", spec, "--", prefix], top)
    target = Path(tempfile.mkdtemp(prefix="rules-", dir=scratch))
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(target, filter="data")
    found = target / prefix
    if not (found / REGIMES_FILE).is_file():
        raise RevisionError(f"{spec}: {prefix}/{REGIMES_FILE} does not exist at that revision")
    return found
