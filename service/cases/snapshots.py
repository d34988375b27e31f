"""Rule trees kept as content-addressed snapshots: a tar (gzip) of the files the tree loads from,
keyed by the rule-set hash, so a stored decision can be replayed with the exact rules."""

from __future__ import annotations

import gzip
import io
import tarfile
import tempfile
from pathlib import Path

from service.cases.errors import ReplayUnavailable
from service.ruletree import RuleTree, load_tree
from service.store import Store

SUFFIXES = (".yaml", ".yml", ".csv")  # what load_tree reads (rules, tests, regimes, taxonomy, HS)


def archive(root: Path) -> bytes:
    """The tree's files as a reproducible tar.gz (sorted, no times, no owners)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in SUFFIXES):
            data = path.read_bytes()
            info = tarfile.TarInfo(path.relative_to(root).as_posix())
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(buffer.getvalue(), mtime=0)


def keep(store: Store, tree: RuleTree) -> None:
    """Store the tree's snapshot under its version, once."""
    if not store.snapshots.has(tree.version):
        store.snapshots.put(tree.version, archive(tree.root))


def restore(store: Store, version: str) -> RuleTree:
    """Load the rule tree of a stored version (it must hash to that version again)."""
    blob = store.snapshots.get(version)
    if blob is None:
        raise ReplayUnavailable(f"no snapshot of the rule set {version} is stored")
    with tempfile.TemporaryDirectory(prefix="sanctions-rules-") as folder:
        with tarfile.open(fileobj=io.BytesIO(gzip.decompress(blob)), mode="r") as tar:
            tar.extractall(folder, filter="data")
        tree = load_tree(Path(folder))
    if tree.version != version:
        raise ReplayUnavailable(f"the snapshot of {version} loads as {tree.version}")
    return tree
