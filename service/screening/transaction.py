"""The transaction of ARCHITECTURE §3.1, parsed once into frozen dataclasses.

Parsing is strict: unknown fields, bad enums, bad dates and unknown countries are reported with
their JSON path (``goods[0].hs_code``), all of them in one go. Country names are normalised to
ISO 3166-1 alpha-2. The HTTP layer validates with marshmallow first; this parser is the one the
CLI, rule tests and workers use, and the one that builds the engine's input.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from service.countries import REGION_CODE, CountryError, resolve
from service.vocabulary import PARTY_CATEGORIES, PARTY_TYPES, PURPOSES, ROLES, TRANSACTION_TYPES

# Limits of one synchronous transaction (fail closed on cost: a request over a limit is refused
# with the limit's name, never truncated silently). Larger batches go to screening jobs.
MAX_PARTIES = 30  # parties per transaction (each is matched against every list)
MAX_GOODS = 50  # goods lines per transaction
MAX_AUTHORIZATIONS = 50
MAX_LINES = MAX_GOODS  # kept for callers of the old name
MAX_TEXT = 10_000  # the transaction's description
MAX_NAME = 300  # characters of a party or vessel name
MAX_NAME_WORDS = 16  # words of a party or vessel name
MAX_NAME_WORDS_TOTAL = 120  # words of all party and vessel names of one transaction
MAX_NUMBER = 1e15  # quantities and amounts: above this a number is a mistake or an attack
LISTED = {"parties": MAX_PARTIES, "goods": MAX_GOODS, "authorizations": MAX_AUTHORIZATIONS}


class TransactionError(ValueError):
    """A transaction that cannot be screened; ``errors`` maps JSON paths to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        path, message = next(iter(errors.items()))
        super().__init__(f"{path}: {message}" if path else message)


@dataclass(frozen=True, slots=True)
class Money:
    amount: float
    currency: str


@dataclass(frozen=True, slots=True)
class Party:
    role: str | None = None
    name: str | None = None
    type: str | None = None
    country: str | None = None
    nationality: str | None = None
    category: str | None = None
    date_of_birth: str | None = None
    imo: str | None = None
    document: str | None = None


@dataclass(frozen=True, slots=True)
class GoodsLine:
    description: str | None = None
    hs_code: str | None = None
    quantity: float | None = None
    unit: str | None = None
    value: Money | None = None
    origin: str | None = None
    # Read from the transaction's description, not declared by the caller: it lets the rules
    # see the goods the description names, and never stands in for a declared goods line.
    from_description: bool = False


@dataclass(frozen=True, slots=True)
class Vessel:
    name: str | None = None
    imo: str | None = None
    flag: str | None = None


@dataclass(frozen=True, slots=True)
class Route:
    origin: str | None = None
    destination: str | None = None
    transit: tuple[str, ...] = ()
    vessel: Vessel | None = None
    ship_to_ship: bool | None = None
    destination_region: str | None = None  # ISO 3166-2 ("SD-DN"): where in the destination


@dataclass(frozen=True, slots=True)
class Authorization:
    type: str
    regime: str | None = None
    reference: str | None = None
    covers: tuple[str, ...] = ()  # rule ids or measure ids the authorization is for


@dataclass(frozen=True, slots=True)
class Transaction:
    date: dt.date
    type: str = "goods"
    reference: str | None = None
    description: str | None = None
    parties: tuple[Party, ...] = ()
    goods: tuple[GoodsLine, ...] = ()
    route: Route = Route()
    authorizations: tuple[Authorization, ...] = ()
    purposes: tuple[str, ...] = ()


class _Reader:
    """Walks a JSON value, collecting every error with its path."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def fail(self, path: str, message: str) -> None:
        self.errors.setdefault(path, message)

    def obj(self, value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, "must be an object")
            return {}
        for key, item in value.items():
            if key not in allowed:
                self.fail(_join(path, str(key)), f"unknown field; allowed: {', '.join(allowed)}")
            elif item is None:
                self.fail(_join(path, str(key)), "may not be null; leave the field out instead")
        return value

    def text(self, value: Any, path: str, limit: int = MAX_TEXT) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(path, "must be a string")
            return None
        if len(value) > limit:
            self.fail(path, f"is longer than {limit} characters (limit)")
            return None
        if not value.isascii() and _SURROGATE.search(value):
            self.fail(path, "contains a lone surrogate (not valid Unicode text)")
            return None
        return value

    def choice(self, value: Any, path: str, allowed: tuple[str, ...]) -> str | None:
        text = self.text(value, path)
        if text is not None and text not in allowed:
            self.fail(path, f"'{text}' is not one of {', '.join(allowed)}")
            return None
        return text

    def country(self, value: Any, path: str) -> str | None:
        text = self.text(value, path, 200)
        if text is None:
            return None
        try:
            return resolve(text)
        except CountryError as exc:
            self.fail(path, str(exc))
            return None

    def number(self, value: Any, path: str) -> float | None:
        problem = number_problem(value)
        if problem:
            self.fail(path, problem)
            return None
        return None if value is None else float(value)

    def name(self, value: Any, path: str) -> str | None:
        text = self.text(value, path, MAX_NAME)
        if text is not None and len(text.split()) > MAX_NAME_WORDS:
            self.fail(path, f"has more than {MAX_NAME_WORDS} words (limit name_words)")
            return None
        return text

    def items(self, value: Any, path: str, limit: int = MAX_LINES) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, "must be an array")
            return []
        if len(value) > limit:
            self.fail(
                path,
                f"has {len(value)} items; at most {limit} are allowed in one transaction "
                "(limit; send larger batches as a screening job)",
            )
            return []
        for i, item in enumerate(value):
            if item is None:
                self.fail(f"{path}[{i}]", "may not be null")
        return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def number_problem(value: Any) -> str | None:
    """Why a JSON value is not a usable quantity or amount (None: it is, or it is absent).

    Non-finite numbers (NaN, Infinity, 1e400) and numbers beyond :data:`MAX_NUMBER` are
    refused: a NaN compares false with every threshold, so it would skip every value rule.

    >>> number_problem(5), number_problem(float("nan")), number_problem(10**400)
    (None, 'must be a finite number (not NaN or Infinity)', 'must be at most 1e+15 (limit number)')
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "must be a non-negative number"
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number (not NaN or Infinity)"
    if value > MAX_NUMBER:
        return f"must be at most {MAX_NUMBER:g} (limit number)"
    if value < 0:
        return "must be a non-negative number"
    return None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


_DATE_RX = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(r: _Reader, value: Any, path: str, today: dt.date) -> dt.date:
    if value is None:
        return today
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE_RX.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    r.fail(path, f"{value!r} is not a date; use YYYY-MM-DD")
    return today


def _fields(
    r: _Reader, value: Any, path: str, parsers: dict[str, Callable[[_Reader, Any, str], Any]]
) -> dict[str, Any]:
    """An object's present fields, each read by its parser; absent ones keep their defaults
    (reading only what is there keeps a sparse party or goods line cheap)."""
    d = r.obj(value, path, tuple(parsers))
    out = {}
    for key, item in d.items():
        parse = parsers.get(key)
        if parse is not None and item is not None:
            out[key] = parse(r, item, _join(path, key))
    return out


_PARTY: dict[str, Callable[[_Reader, Any, str], Any]] = {
    "role": lambda r, v, p: r.choice(v, p, ROLES),
    "name": _Reader.name,
    "type": lambda r, v, p: r.choice(v, p, PARTY_TYPES),
    "country": _Reader.country,
    "nationality": _Reader.country,
    "category": lambda r, v, p: r.choice(v, p, PARTY_CATEGORIES),
    "date_of_birth": lambda r, v, p: r.text(v, p, 40),
    "imo": lambda r, v, p: r.text(v, p, 40),
    "document": lambda r, v, p: r.text(v, p, 100),
}


def _party(r: _Reader, value: Any, path: str) -> Party:
    return Party(**_fields(r, value, path, _PARTY))


def _money(r: _Reader, value: Any, path: str) -> Money | None:
    if value is None:
        return None
    d = r.obj(value, path, ("amount", "currency"))
    if isinstance(value, dict) and "amount" not in d:
        r.fail(_join(path, "amount"), "is required")
    amount = r.number(d.get("amount"), _join(path, "amount"))
    currency = r.text(d.get("currency", "USD"), _join(path, "currency"), 3) or "USD"
    if len(currency) != 3:
        r.fail(_join(path, "currency"), f"'{currency}' is not a three-letter currency code")
    return None if amount is None else Money(amount, currency.upper())


def _hs(r: _Reader, value: Any, path: str) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    text = r.text(value, path, 20)
    if text is None:
        return None
    digits = text.replace(".", "").replace(" ", "")
    if not digits.isdigit() or not 2 <= len(digits) <= 12 or len(digits) % 2:
        r.fail(path, f"'{text}' is not an HS code; use 2, 4, 6 or more digits such as 930690")
        return None
    return digits


_GOODS: dict[str, Callable[[_Reader, Any, str], Any]] = {
    "description": lambda r, v, p: r.text(v, p, 2000),
    "hs_code": _hs,
    "quantity": _Reader.number,
    "unit": lambda r, v, p: r.text(v, p, 40),
    "value": _money,
    "origin": _Reader.country,
}


def _goods(r: _Reader, value: Any, path: str) -> GoodsLine:
    return GoodsLine(**_fields(r, value, path, _GOODS))


def _route(r: _Reader, value: Any, path: str) -> Route:
    if value is None:
        return Route()
    d = r.obj(
        value, path, ("origin", "destination", "transit", "vessel", "ship_to_ship",
                      "destination_region"),
    )  # fmt: skip
    vessel = None
    if d.get("vessel") is not None:
        vp = _join(path, "vessel")
        v = r.obj(d["vessel"], vp, ("name", "imo", "flag"))
        vessel = Vessel(
            r.name(v.get("name"), _join(vp, "name")),
            r.text(v.get("imo"), _join(vp, "imo"), 40),
            r.country(v.get("flag"), _join(vp, "flag")),
        )
    stst = d.get("ship_to_ship")
    if stst is not None and not isinstance(stst, bool):
        r.fail(_join(path, "ship_to_ship"), "must be true or false")
        stst = None
    transit = r.items(d.get("transit"), _join(path, "transit"), 50)
    destination = r.country(d.get("destination"), _join(path, "destination"))
    region = _region(r, d.get("destination_region"), _join(path, "destination_region"))
    return Route(
        origin=r.country(d.get("origin"), _join(path, "origin")),
        destination=destination,
        transit=tuple(
            c for i, t in enumerate(transit) if (c := r.country(t, f"{path}.transit[{i}]"))
        ),
        vessel=vessel,
        ship_to_ship=stst,
        destination_region=region,
    )


def _region(r: _Reader, value: Any, path: str) -> str | None:
    """An ISO 3166-2 subdivision code ("SD-DN"), upper-cased. One outside the destination is
    kept as given and meets no rule (the screening's facts hold it only within the destination)."""
    text = r.text(value, path, 6)
    if text is None:
        return None
    code = text.strip().upper()
    if not REGION_CODE.match(code):
        r.fail(path, f"'{text}' is not an ISO 3166-2 subdivision code such as SD-DN")
        return None
    return code


def _authorization(r: _Reader, value: Any, path: str) -> Authorization:
    d = r.obj(value, path, ("type", "regime", "reference", "covers"))
    kind = r.text(d.get("type"), _join(path, "type"), 60)
    if not kind:
        r.fail(_join(path, "type"), "is required")
    covers = r.items(d.get("covers"), _join(path, "covers"), 50)  # ids, 200 characters each
    return Authorization(
        kind or "",
        r.text(d.get("regime"), _join(path, "regime"), 40),
        r.text(d.get("reference"), _join(path, "reference"), 200),
        tuple(c for i, x in enumerate(covers) if (c := r.text(x, f"{path}.covers[{i}]", 200))),
    )


FIELDS = (
    "reference", "date", "type", "description", "parties", "goods", "route", "authorizations",
    "purposes",
)  # fmt: skip


def _listed(
    r: _Reader, d: dict[str, Any], key: str, parse: Callable[[_Reader, Any, str], Any]
) -> tuple[Any, ...]:
    items = r.items(d.get(key), key, LISTED[key])
    return tuple(parse(r, v, f"{key}[{i}]") for i, v in enumerate(items))


def countries_named(tx: Transaction) -> set[str]:
    """Every country a transaction's fields name: route, vessel flag, parties, goods origins."""
    route = tx.route
    out = {c for c in (route.origin, route.destination) if c} | set(route.transit)
    if route.vessel and route.vessel.flag:
        out.add(route.vessel.flag)
    for p in tx.parties:
        out.update(c for c in (p.country, p.nationality) if c)
    out.update(g.origin for g in tx.goods if g.origin)
    return out


def name_words(tx: Transaction) -> int:
    """Words of every party and vessel name: what the party screening's cost grows with."""
    names = [p.name for p in tx.parties] + [tx.route.vessel.name if tx.route.vessel else None]
    return sum(len(n.split()) for n in names if n)


def parse_transaction(value: Any, today: dt.date | None = None) -> Transaction:
    """Parse and validate a transaction; raise :class:`TransactionError` listing every problem."""
    today = today or dt.date.today()
    r = _Reader()
    d = r.obj(value, "", FIELDS)
    purposes = r.items(d.get("purposes"), "purposes", 10)
    tx = Transaction(
        date=_date(r, d.get("date"), "date", today),
        type=r.choice(d.get("type", "goods"), "type", TRANSACTION_TYPES) or "goods",
        reference=r.text(d.get("reference"), "reference", 200),
        description=r.text(d.get("description"), "description"),
        parties=_listed(r, d, "parties", _party),
        goods=_listed(r, d, "goods", _goods),
        route=_route(r, d.get("route"), "route"),
        authorizations=_listed(r, d, "authorizations", _authorization),
        purposes=tuple(
            p for i, x in enumerate(purposes) if (p := r.choice(x, f"purposes[{i}]", PURPOSES))
        ),
    )
    if isinstance(value, dict) and not tx.goods and not tx.description:
        r.fail("goods", "a transaction needs goods lines or a description")
    words = name_words(tx)
    if words > MAX_NAME_WORDS_TOTAL:
        r.fail("parties", f"the party and vessel names have {words} words in all; at most "
               f"{MAX_NAME_WORDS_TOTAL} are allowed (limit name_words_total)")  # fmt: skip
    if r.errors:
        raise TransactionError(r.errors)
    return tx
