"""The one YAML entry point: positions on every node, no duplicate keys, no aliases.

Rule files are read into :class:`Node` trees that remember ``file:line:col`` of every value,
so every later check can point at the exact place. Only YAML 1.2-style booleans are booleans:
``NO`` stays the country code of Norway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import Collector, Location, code

MAX_BYTES = 2 * 1024 * 1024  # a rule file larger than this is refused, not parsed
MAX_NODES = 200_000

Y100 = code("Y100", "YAML syntax error")
Y101 = code("Y101", "duplicate key")
Y102 = code("Y102", "aliases/anchors are not allowed")
Y103 = code("Y103", "file too large (2 MiB) or too many nodes")
Y104 = code("Y104", "file is not UTF-8")
Y105 = code("Y105", "file cannot be read")
Y106 = code("Y106", "a mapping key is not a plain string")
# Structure codes shared by every file read through this loader (rules, taxonomy, regimes, …).
R200 = code("R200", "unknown key (the message lists the allowed ones)")
R201 = code("R201", "a required key is missing")
R202 = code("R202", "wrong type")


@dataclass(frozen=True, slots=True)
class Node:
    """A YAML value with its location; mappings hold ``dict[str, Node]``, lists ``list[Node]``."""

    value: Any
    loc: Location
    keys: dict[str, Location] | None = None  # where each key of a mapping is written

    def key_loc(self, key: str) -> Location:
        """The location of a mapping key (for "unknown key" errors), else of its value."""
        if self.keys and key in self.keys:
            return self.keys[key]
        return self.value[key].loc

    def get(self, key: str) -> Node | None:
        return self.value.get(key) if isinstance(self.value, dict) else None

    def plain(self) -> Any:
        """The value without positions (for test transactions handed to parsers)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


# libyaml's parser when available (ten times faster). Aliases are refused after composing, by
# spotting a node object met twice, before anything is expanded.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """A safe loader that knows only true/false as booleans (``NO`` is Norway)."""


class _Alias(Exception):
    def __init__(self, loc: Location) -> None:
        self.loc = loc


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_text(path: Path, problems: Collector, max_bytes: int = MAX_BYTES) -> str | None:
    """Read a rule file as UTF-8, refusing huge or badly encoded files with a problem."""
    loc = Location(str(path), 1, 1)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            problems.error(Y103, f"file is {size} bytes; the limit is {max_bytes}", loc)
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.error(Y105, f"cannot read file: {exc.strerror}", loc)
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.error(Y104, "file is not valid UTF-8", Location(str(path), line, col))
        return None


def parse(text: str, file: str, problems: Collector) -> Node | None:
    """Parse one YAML document into a :class:`Node` tree, recording problems."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.error(Y100, f"YAML: {exc.problem}", Location(file, line, col))
        return None
    except yaml.YAMLError as exc:
        problems.error(Y100, f"YAML: {exc}", Location(file, 1, 1))
        return None
    finally:
        loader.dispose()
    if root is None:
        return Node({}, Location(file, 1, 1))
    seen: set[int] = set()
    try:
        return _convert(root, file, loader, problems, seen)
    except _Alias as exc:
        problems.error(
            Y102,
            "YAML: anchors and aliases are not allowed in rule files (this value is reused)",
            exc.loc,
        )
        return None


def _convert(node: Any, file: str, loader: _Loader, problems: Collector, seen: set[int]) -> Node:
    loc = Location(file, node.start_mark.line + 1, node.start_mark.column + 1)
    if id(node) in seen:
        raise _Alias(loc)
    if len(seen) > MAX_NODES:
        raise _TooBig(loc)
    seen.add(id(node))
    if isinstance(node, MappingNode):
        out: dict[str, Node] = {}
        keys: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            key_loc = Location(file, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key, str):
                problems.error(Y106, "mapping keys must be plain strings", key_loc)
                continue
            if key in out:
                problems.error(Y101, f"duplicate key '{key}'", key_loc)
                continue
            keys[key] = key_loc
            out[key] = _convert(value_node, file, loader, problems, seen)
        return Node(out, loc, keys)
    if isinstance(node, SequenceNode):
        return Node([_convert(v, file, loader, problems, seen) for v in node.value], loc)
    if node.tag == _STR:  # most scalars: the value is the text (what construct_object gives)
        return Node(node.value, loc)
    try:
        return Node(loader.construct_object(node, deep=True), loc)
    except (yaml.YAMLError, ValueError, TypeError):
        return Node(node.value, loc)  # e.g. a malformed date: keep the text for a clear error


_STR = "tag:yaml.org,2002:str"


class _TooBig(Exception):
    def __init__(self, loc: Location) -> None:
        self.loc = loc


def load_file(path: Path, problems: Collector, digest: Any = None) -> Node | None:
    """Read and parse one rule file; None (with problems recorded) when it cannot be used.

    ``digest`` (a hashlib object), when given, is fed the text read, so a caller versioning a
    set of files reads each file once.
    """
    text = read_text(path, problems)
    if text is None:
        return None
    if digest is not None:
        data = text.encode()
        digest.update(len(data).to_bytes(8, "big") + data)
    try:
        return parse(text, str(path), problems)
    except _TooBig as exc:
        problems.error(Y103, f"document has more than {MAX_NODES} nodes", exc.loc)
        return None
