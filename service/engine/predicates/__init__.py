"""The condition language: a closed vocabulary of predicates and all/any/not, one module each.

Importing this package registers every predicate; see :mod:`.registry` for what a predicate
carries and the walks (compile, index keys, target countries, transform) derived from it.
"""

# isort: off
# Registration order is the order rule authors see in messages and in the schema.
from . import (
    logic,
    flow,
    party,
    goods,
    vessel_flag,
    vessel,
    ship_to_ship,
    region,
    txtype,
    authorization,
    purpose,
)

# isort: on
from .authorization import Authorized, scoped
from .flow import Flow
from .goods import GoodsAre, Threshold
from .logic import All, AnyOf, Not
from .party import PartyIs
from .purpose import Purpose
from .region import ToRegion
from .registry import (
    BY_NODE,
    EMPTY,
    PREDICATES,
    Evaluator,
    Match,
    Predicate,
    children,
    compile_condition,
    index_keys,
    target_countries,
    transform,
)
from .ship_to_ship import ShipToShip
from .txtype import TxType
from .vessel import VesselIs
from .vessel_flag import VesselFlag

MODULES = (
    logic,
    flow,
    party,
    goods,
    vessel_flag,
    vessel,
    ship_to_ship,
    region,
    txtype,
    purpose,
    authorization,
)


def required_keys(node: object) -> tuple[frozenset[str], ...]:
    """Key sets that must each meet the transaction's keys: one per keyed part of an ``all``.

    The index files a rule under one of them; the others are checked before the rule's closure
    runs, which is cheaper than running it (e.g. "from KP" and "goods are arms").
    """
    parts = node.items if isinstance(node, All) else (node,)
    return tuple(k for k in (index_keys(p) for p in parts) if k is not None)


__all__ = [
    "BY_NODE",
    "EMPTY",
    "MODULES",
    "PREDICATES",
    "All",
    "AnyOf",
    "Authorized",
    "Evaluator",
    "Flow",
    "GoodsAre",
    "Match",
    "Not",
    "PartyIs",
    "Predicate",
    "Purpose",
    "ShipToShip",
    "Threshold",
    "ToRegion",
    "TxType",
    "VesselFlag",
    "VesselIs",
    "children",
    "compile_condition",
    "index_keys",
    "required_keys",
    "scoped",
    "target_countries",
    "transform",
]
