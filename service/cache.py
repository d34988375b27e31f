"""A content-addressed cache on disk for what is slow to build from files and cheap to key.

Parsing the goods taxonomy, the HS nomenclature and the HS glossary (1.6 MB of YAML and CSV)
takes most of a rule tree's load; the result depends only on those files and on the code that
reads them. A value is stored under the SHA-256 of the input files' paths and bytes, of the
source of the code that builds it and of the versions of the packages that code reads, so a
changed file, a code change or an upgrade never meets a stale value: they have another key.

Only values built without an error are stored (a broken file is parsed, and reported with its
line and column, every time). Anything that goes wrong with the cache (no folder, no space, a
truncated or foreign file) is ignored: the value is then built as if there were no cache.

``SANCTIONS_CACHE_DIR`` chooses the folder (default ``$XDG_CACHE_HOME/sanctions``, else
``~/.cache/sanctions``); ``off`` (or an empty value) turns the cache off.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

CACHE_ENV = "SANCTIONS_CACHE_DIR"
KEEP = 8  # values kept per kind; the oldest go first (tests build many small trees)
FORMAT = b"sanctions-cache-1"


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        value = value.strip()
        return None if value.lower() in ("", "off", "0", "none") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder (a service account): no cache
            return None
    return Path(base) / "sanctions"


def file_key(paths: Iterable[Path], code: str) -> str | None:
    """The key of a value built from ``paths`` by code whose digest is ``code``; None when a
    file cannot be read (the builder then reports it)."""
    digest = hashlib.sha256(FORMAT + code.encode())
    for path in paths:
        try:
            data = path.read_bytes() if path.exists() else b"\0absent"
        except OSError:
            return None
        name = str(path.resolve()).encode()
        digest.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


@cache
def code_digest(packages: tuple[str, ...], distributions: tuple[str, ...] = ()) -> str:
    """SHA-256 of the Python source under the given packages of this project (``service.goods``)
    and of the installed versions of the given distributions, with the interpreter's version."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(sys.version.encode())
    for package in packages:
        folder = root.joinpath(*package.split("."))
        for source in sorted(folder.rglob("*.py")):
            digest.update(str(source.relative_to(root)).encode() + source.read_bytes())
    for name in distributions:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}=={version}".encode())
    return digest.hexdigest()


def load(kind: str, key: str | None) -> Any | None:
    """The value stored under ``key``, or None."""
    folder = cache_dir()
    if folder is None or key is None:
        return None
    try:
        with (folder / f"{kind}-{key}.pickle").open("rb") as fh:
            stored_key, value = pickle.load(fh)  # noqa: S301 - our own folder, keyed by content
    except Exception:  # noqa: BLE001 - absent, truncated or foreign: build it again
        return None
    return value if stored_key == key else None


def store(kind: str, key: str | None, value: Any) -> None:
    """Store ``value`` under ``key`` (atomically), keeping the newest KEEP values of ``kind``."""
    folder = cache_dir()
    if folder is None or key is None:
        return
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{kind}-{key}.pickle")
        tmp = None
        older = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in older[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:  # no folder, no space, a race with another process: only a cache
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
