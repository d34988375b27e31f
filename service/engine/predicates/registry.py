"""The registry of condition predicates, and the walks over a condition tree that use it.

Each predicate module registers one :class:`Predicate`: its name in rule files, its AST node,
how to parse and compile it, its JSON-Schema fragment and the index keys it requires. The rule
parser, the compiler, the rule-file schema, the rule index and the mutation tester are all
derived from this registry, so adding a predicate touches one module (and its tests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from service.engine.facts import Facts

if TYPE_CHECKING:
    from service.engine.parse import Parser
    from service.yamlsource import Node


class Match(NamedTuple):
    """Why a condition held: goods lines, parties, a few words (immutable, cheap to build)."""

    goods: frozenset[int] = frozenset()
    parties: frozenset[int] = frozenset()
    notes: tuple[str, ...] = ()


EMPTY = Match()
Evaluator = Callable[[Facts], Match | None]


def _no_keys(node: Any) -> frozenset[str] | None:
    return None


def _no_countries(node: Any) -> set[str]:
    return set()


def _no_children(node: Any) -> tuple[Any, ...]:
    return ()


@dataclass(frozen=True)
class Predicate:
    """One word of the condition language."""

    name: str
    node: type
    parse: Callable[[Parser, Node], Any]  # YAML node -> AST node, or None (problems recorded)
    compile: Callable[[Any], Evaluator]  # AST node -> closure over Facts, called once per rule
    schema: Callable[[], dict[str, Any]]  # JSON Schema of the predicate's value
    keys: Callable[[Any], frozenset[str] | None] = _no_keys  # index keys, one must be present
    countries: Callable[[Any], set[str]] = _no_countries  # countries it targets (fail closed)
    children: Callable[[Any], tuple[Any, ...]] = _no_children  # sub-conditions (all/any/not)
    rebuild: Callable[[Any, tuple[Any, ...]], Any] | None = None  # the node with new children
    summary: str = ""  # one line for rules/README.md


PREDICATES: dict[str, Predicate] = {}
BY_NODE: dict[type, Predicate] = {}


def register(predicate: Predicate) -> Predicate:
    """Add a predicate under its name (a name or node type registered twice is a bug)."""
    if predicate.name in PREDICATES:
        raise ValueError(f"predicate '{predicate.name}' is registered twice")
    PREDICATES[predicate.name] = predicate
    BY_NODE.setdefault(predicate.node, predicate)
    return predicate


def compile_condition(node: Any) -> Evaluator:
    """Turn an AST node into a closure; called once per rule when the rule set loads."""
    return BY_NODE[type(node)].compile(node)


def index_keys(node: Any) -> frozenset[str] | None:
    """Keys of which at least one must be present for the condition to hold, or None.

    Used to index rules by flow ("to:KP", "from:KP", "through:KP"), party country ("c:KP"),
    vessel flag ("flag:KP"), designation ("d:DPRK"), goods category ("g:arms"), party category
    ("p:military") and transaction type ("t:financial"), so that a transaction is evaluated
    only against the rules that could fire, not against every rule.
    """
    return BY_NODE[type(node)].keys(node)


def target_countries(node: Any) -> set[str]:
    """Every country a condition names in a flow, party or flag predicate (outside a `not`)."""
    return BY_NODE[type(node)].countries(node)


def children(node: Any) -> tuple[Any, ...]:
    """The sub-conditions of a node (empty for a leaf)."""
    return BY_NODE[type(node)].children(node)


def transform(node: Any, change: Callable[[Any], Any]) -> Any:
    """The tree rebuilt bottom-up with ``change`` applied to every node (leaves and parents)."""
    predicate = BY_NODE[type(node)]
    if predicate.rebuild is not None:
        node = predicate.rebuild(
            node, tuple(transform(c, change) for c in predicate.children(node))
        )
    return change(node)
